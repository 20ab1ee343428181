// Passes 2 and 4: the headers sent upstream and back to the client. End-to-end headers pass as
// received, in order, duplicates kept (cookies, signature, tracing); hop-by-hop headers go, and so
// does every header named in Connection, except the ones gorouter and the app depend on.

/** Hop-by-hop headers (RFC 9110 §7.6.1, and the legacy Keep-Alive and Proxy-Connection): never passed on. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']

/** Removed from requests: hop-by-hop, what undici sets itself, and our own app's IDs. */
const REQUEST_DROPPED = new Set([
  ...HOP_BY_HOP,
  'proxy-authorization',
  'expect',
  'host',
  'http2-settings',
  // gorouter sets these to the route service's own IDs; it overwrites them on the callback anyway.
  'x-cf-applicationid',
  'x-cf-instanceid',
  'x-cf-instanceindex',
])

/** Removed from responses: hop-by-hop, and the route-service secrets should an app ever reflect them. */
const RESPONSE_DROPPED = new Set([...HOP_BY_HOP, 'proxy-authenticate', 'x-cf-proxy-signature', 'x-cf-proxy-metadata'])

export const APP_INSTANCE_HEADER = 'X-CF-APP-INSTANCE'

/** Connection options that name no header left to remove: Keep-Alive and Upgrade are dropped anyway. */
const ORDINARY_CONNECTION_TOKENS = new Set(['keep-alive', 'close', 'upgrade'])

/**
 * Adds the lower-case header names a Connection value lists. Ordinary options are left out, so the
 * usual "Connection: keep-alive" costs no second walk over the headers.
 */
export function addConnectionTokens(tokens: Set<string> | undefined, value: string): Set<string> | undefined {
  for (const token of value.split(',')) {
    const name = token.trim().toLowerCase()
    if (name !== '' && !ORDINARY_CONNECTION_TOKENS.has(name)) (tokens ??= new Set()).add(name)
  }
  return tokens
}

/** A client's Connection header must not strip what gorouter checks or what identifies the client. */
export function isProtectedHeader(lowerName: string): boolean {
  return lowerName.startsWith('x-cf-') || lowerName.startsWith('x-forwarded-') || lowerName === 'x-vcap-request-id'
}

export interface UpstreamHeaderOptions {
  /** From inspectRequest: header names the client listed in Connection. */
  readonly connectionTokens?: ReadonlySet<string>
  /** Header secrets are for the route service only. */
  readonly secretHeaders: ReadonlySet<string>
  /** Lower-case name of a client header to pass on as X-CF-APP-INSTANCE (gorouter deletes the real one). */
  readonly instanceHeader?: string
}

/** Flat [name, value, ...] for undici, names as the client spelled them. */
export function upstreamRequestHeaders(raw: readonly string[], options: UpstreamHeaderOptions): string[] {
  const out: string[] = []
  const tokens = options.connectionTokens
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]
    const lower = name.toLowerCase()
    if (REQUEST_DROPPED.has(lower) || options.secretHeaders.has(lower)) continue
    if (tokens !== undefined && tokens.has(lower) && !isProtectedHeader(lower)) continue
    if (lower === options.instanceHeader) out.push(APP_INSTANCE_HEADER, raw[i + 1])
    else out.push(name, raw[i + 1])
  }
  return out
}

/**
 * Flat [name, value, ...] for res.writeHead from undici's raw response headers. Node re-frames the
 * body itself (Content-Length kept, else chunked), so Transfer-Encoding never passes through.
 */
export function clientResponseHeaders(raw: readonly Buffer[]): string[] {
  const out: string[] = []
  let tokens: Set<string> | undefined
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toString('latin1')
    const lower = name.toLowerCase()
    if (lower === 'connection') tokens = addConnectionTokens(tokens, raw[i + 1].toString('latin1'))
    if (RESPONSE_DROPPED.has(lower)) continue
    out.push(name, raw[i + 1].toString('latin1'))
  }
  return tokens === undefined ? out : withoutNamed(out, tokens)
}

function withoutNamed(flat: string[], tokens: ReadonlySet<string>): string[] {
  const out: string[] = []
  for (let i = 0; i < flat.length; i += 2) {
    const lower = flat[i].toLowerCase()
    if (!tokens.has(lower) || isProtectedHeader(lower)) out.push(flat[i], flat[i + 1])
  }
  return out
}
