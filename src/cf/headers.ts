// The exact header names the Cloud Controller and UAA use, in one place so no module spells them twice.
export const HEADER_WARNINGS = 'x-cf-warnings'
export const HEADER_REQUEST_ID = 'x-vcap-request-id'
export const HEADER_RETRY_AFTER = 'retry-after'
export const HEADER_RATE_LIMIT_RESET = 'x-ratelimit-reset'
export const HEADER_LOCATION = 'location'
export const HEADER_AUTHORIZATION = 'authorization'
export const HEADER_SET_COOKIE = 'set-cookie'

/** Lower-cased response headers as a plain record; repeated headers are joined like Node does. */
export type ResponseHeaders = Record<string, string | undefined>

/**
 * Split `X-Cf-Warnings`: the Cloud Controller CGI-escapes each warning and joins them with commas
 * (application_controller.rb `add_warning_headers`), so a literal comma can only be a separator.
 */
export function parseWarningsHeader(value: string | undefined): string[] {
  if (!value) return []
  return value
    .split(',')
    .map((item) => cgiUnescape(item.trim()))
    .filter((item) => item.length > 0)
}

function cgiUnescape(text: string): string {
  const spaced = text.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(spaced)
  } catch {
    return spaced
  }
}
