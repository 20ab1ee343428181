// Query strings the way CC reads them (capi behaviours 5-7): filters are comma lists whose items are
// unescaped one by one, unknown keys are refused, and pagination hrefs echo sorted, CGI-escaped keys.
import {ApiError, badQuery, unprocessable} from './errors.js'

export type Query = Map<string, string>

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** Parses a raw query string, keeping each value still escaped: lists and strings unescape it as CC does. */
export function parseQuery(raw: string): Query {
  const query: Query = new Map()
  for (const pair of raw.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const key = decode(eq < 0 ? pair : pair.slice(0, eq))
    query.set(key, eq < 0 ? '' : pair.slice(eq + 1))
  }
  return query
}

/**
 * The items of a comma-separated filter, as CC reads them: Rack unescapes the value, `to_array!` splits it on
 * commas and unescapes each item once more (so `a%2Cb` is two items and `a%252Cb` one item with a comma).
 * An empty item counts.
 */
export function listValue(query: Query, key: string): string[] | undefined {
  const raw = query.get(key)
  return raw === undefined ? undefined : decode(raw).split(',').map(decode)
}

export function stringValue(query: Query, key: string): string | undefined {
  const raw = query.get(key)
  return raw === undefined ? undefined : decode(raw)
}

/** How a list answers a bad query: 400 BadQueryParameter, or 422 with no prefix (security groups). */
export type QueryErrorStyle = 'bad-query' | 'unprocessable'

export function queryError(style: QueryErrorStyle, detail: string): ApiError {
  return style === 'bad-query' ? badQuery(detail) : unprocessable(detail)
}

const baseKey = (key: string): string => key.replace(/\[[a-z]+\]$/, '')

export function rejectUnknownKeys(query: Query, allowed: readonly string[], style: QueryErrorStyle): void {
  const unknown = [...query.keys()].filter((key) => !allowed.includes(baseKey(key)))
  if (unknown.length === 0) return
  const quote = (items: readonly string[]) => items.map((k) => `'${k}'`).join(', ')
  const detail = `Unknown query parameter(s): ${quote([...new Set(unknown)])}. Valid parameters are: ${quote(allowed)}`
  throw queryError(style, detail)
}

/** CGI.escape: everything but unreserved characters is %-encoded, space becomes '+'. */
export function cgiEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}

/** `base + path + ?sorted&escaped` with page/per_page overridden, as CC's paginated list presenter does. */
export function pageHref(base: string, path: string, query: Query, page: number, perPage: number): string {
  const params = new Map<string, string>()
  for (const [key, raw] of query) params.set(key, decode(raw))
  params.set('page', String(page))
  params.set('per_page', String(perPage))
  const keys = [...params.keys()].sort()
  return `${base}${path}?${keys.map((k) => `${cgiEscape(k)}=${cgiEscape(params.get(k) ?? '')}`).join('&')}`
}
