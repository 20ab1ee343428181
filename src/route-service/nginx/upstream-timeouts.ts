// The Node engine's upstream timeouts (upstream.ts) as nginx directives, in the compiled policy's http block.
// nginx has one timer where undici has two: proxy_read_timeout bounds both the wait for response headers and each
// silence inside a body. So the two must agree, or the body's bound must not matter: a body silence longer than the
// router's whole-request timeout (REQUEST_TIMEOUT_SECONDS) never happens, gorouter has given up on it by then.

import {REQUEST_TIMEOUT_SECONDS, UPSTREAM_CONNECT_TIMEOUT_SECONDS, UPSTREAM_HEADERS_TIMEOUT_SECONDS} from '../timeouts.js'
import type {UpstreamTimeouts} from '../upstream.js'

/** What the Node engine's timeouts would do that nginx cannot; thrown by compileNginxPolicy. */
export function unsupportedUpstreamTimeouts(timeouts: UpstreamTimeouts): string | undefined {
  const headersMs = timeouts.headersMs ?? UPSTREAM_HEADERS_TIMEOUT_SECONDS * 1000
  const bodyIdleMs = timeouts.bodyIdleMs ?? 0
  const bodyUnbounded = bodyIdleMs === 0 && headersMs >= REQUEST_TIMEOUT_SECONDS * 1000
  if (bodyIdleMs !== headersMs && !bodyUnbounded)
    return (
      `nginx bounds the wait for response headers and each silence in a body with one timeout (proxy_read_timeout): ` +
      `upstream headersMs ${headersMs} and bodyIdleMs ${bodyIdleMs} must be equal`
    )
  // nginx keeps idle upstream connections by its upstream blocks' keepalive_timeout, which the policy does not set.
  if (timeouts.keepAliveMs !== undefined) return 'the nginx engine does not take an upstream keepAliveMs'
  return undefined
}

export function upstreamTimeoutDirectives(timeouts: UpstreamTimeouts): string {
  const connectMs = timeouts.connectMs ?? UPSTREAM_CONNECT_TIMEOUT_SECONDS * 1000
  const readMs = timeouts.headersMs ?? UPSTREAM_HEADERS_TIMEOUT_SECONDS * 1000
  return [`proxy_connect_timeout ${duration(connectMs)};`, `proxy_read_timeout ${duration(readMs)};`].join('\n')
}

/** nginx's time units; whole seconds as seconds, for a readable nginx.conf. */
function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`
}
