// Route specs as users and `deploy` write them in a policy: "host[:port]/path-prefix".
// Hosts compare case-insensitively and paths by whole segments, like gorouter's route table.

export interface RouteSpec {
  /** Lower-case host name; a leading "*." makes it a wildcard route, as in Cloud Foundry. */
  readonly host: string
  /** Only for routes reached on a non-default port (mostly tests on loopback). */
  readonly port?: number
  /** "" for the whole host, else "/a/b": no trailing slash, no query. */
  readonly pathPrefix: string
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'
/** A DNS name (or dotted IPv4 literal), lower case; what gorouter can route. */
export const HOST_PATTERN = `${LABEL}(?:\\.${LABEL})*`
const HOST = new RegExp(`^(?:\\*\\.)?${HOST_PATTERN}$`)
const PORT = /^[1-9][0-9]{0,4}$/
/**
 * Characters Go's url package keeps as written in an escaped path (its validEncoded set). A path
 * with anything else is re-escaped by gorouter before its route lookup, so the two sides could
 * pick different routes; such paths are refused rather than guessed at.
 */
export const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@[\]/%]*$/
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/

export type RouteSpecResult = {readonly spec: RouteSpec} | {readonly error: string}

/** Parse "host[:port][/path]"; the error says what is wrong in words a user can act on. */
export function parseRouteSpec(text: string): RouteSpecResult {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return {error: `"${text}" is a URL; write the route as host[/path], without a scheme`}
  const slash = text.indexOf('/')
  const authority = (slash < 0 ? text : text.slice(0, slash)).toLowerCase()
  const rawPath = slash < 0 ? '' : text.slice(slash)
  const colon = authority.lastIndexOf(':')
  const host = colon < 0 ? authority : authority.slice(0, colon)
  const portText = colon < 0 ? undefined : authority.slice(colon + 1)
  if (!HOST.test(host)) return {error: `"${text}" does not start with a valid host name`}
  if (portText !== undefined && (!PORT.test(portText) || Number(portText) > 65535)) {
    return {error: `"${text}" has an invalid port "${portText}"`}
  }
  const pathError = checkPath(rawPath)
  if (pathError !== undefined) return {error: `"${text}" ${pathError}`}
  const pathPrefix = rawPath.replace(/\/+$/, '')
  return {spec: portText === undefined ? {host, pathPrefix} : {host, port: Number(portText), pathPrefix}}
}

function checkPath(path: string): string | undefined {
  if (path.includes('?') || path.includes('#')) return 'has a query or fragment; a route is host and path only'
  if (!PATH_CHARS.test(path) || BAD_PERCENT.test(path)) return 'has characters a route path cannot contain'
  if (path.includes('//')) return 'has an empty path segment ("//")'
  return undefined
}

/** The canonical text of a route spec, the inverse of parseRouteSpec. */
export function formatRouteSpec(spec: RouteSpec): string {
  return `${spec.host}${spec.port === undefined ? '' : `:${spec.port}`}${spec.pathPrefix}`
}

/** The key two specs share when they name the same route (paths compare case-insensitively). */
export function routeKey(spec: RouteSpec): string {
  return formatRouteSpec(spec).toLowerCase()
}
