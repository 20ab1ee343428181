// X-CF-Forwarded-Url, read once and strictly: the host we check is the host we connect to, and the
// path and query we forward are the bytes gorouter signed (never decoded, resolved or re-encoded).

import {HOST_PATTERN, PATH_CHARS} from './route-spec.js'

export interface ForwardedTarget {
  readonly scheme: 'http' | 'https'
  /** Lower case. */
  readonly host: string
  /** The port the URL names, or the scheme's default. */
  readonly port: number
  /** "scheme://host[:port]", default port omitted: one connection pool per target. */
  readonly origin: string
  /** Raw path before the query ("" when the URL has none). */
  readonly path: string
  /** Raw path and query to send upstream, "/" when the URL has neither. */
  readonly pathAndQuery: string
}

// Userinfo, backslashes, IPv6 literals, non-ASCII (IDN) and fragments never match: every way two
// URL parsers can disagree about the host is outside this grammar.
const FORWARDED_URL = new RegExp(`^(https?)://(${HOST_PATTERN})(?::([1-9][0-9]{0,4}))?([^?]*)(\\?[\\x21\\x22\\x24-\\x7e]*)?$`, 'i')
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/
const DEFAULT_PORTS = {http: 80, https: 443} as const

/** The target of a forwarded URL, or undefined when it is not a plain http(s) URL we can forward exactly. */
export function parseForwardedUrl(text: string): ForwardedTarget | undefined {
  const match = FORWARDED_URL.exec(text)
  if (match === null) return undefined
  const [, schemeText, hostText, portText, path, query = ''] = match
  if (path !== '' && (path[0] !== '/' || !PATH_CHARS.test(path) || BAD_PERCENT.test(path))) return undefined
  const scheme = schemeText.toLowerCase() as 'http' | 'https'
  const host = hostText.toLowerCase()
  const port = portText === undefined ? DEFAULT_PORTS[scheme] : Number(portText)
  if (port > 65535) return undefined
  const origin = port === DEFAULT_PORTS[scheme] ? `${scheme}://${host}` : `${scheme}://${host}:${port}`
  return {scheme, host, port, origin, path, pathAndQuery: `${path === '' ? '/' : path}${query}`}
}

/** Whether the port is the default of the target's scheme (a route spec without a port accepts it). */
export function isDefaultPort(target: ForwardedTarget): boolean {
  return target.port === DEFAULT_PORTS[target.scheme]
}
