// The upstream side: one undici Agent (a keep-alive pool per forwarded origin), TLS always verified,
// and the mapping of its failures to gateway statuses.

import {rootCertificates} from 'node:tls'

import type {Agent} from 'undici'
import UndiciAgent from 'undici/lib/dispatcher/agent.js'

import {UPSTREAM_CONNECT_TIMEOUT_SECONDS, UPSTREAM_HEADERS_TIMEOUT_SECONDS} from './timeouts.js'

export interface UpstreamTimeouts {
  /** TCP + TLS connect. Default UPSTREAM_CONNECT_TIMEOUT_SECONDS. */
  readonly connectMs?: number
  /** Until the response headers arrive. Default UPSTREAM_HEADERS_TIMEOUT_SECONDS. */
  readonly headersMs?: number
  /** Longest silence inside a response body; 0 = none (long polls, SSE). Default 0. */
  readonly bodyIdleMs?: number
  /** Idle upstream connections are kept this long; below the ALB's 60 s idle timeout. Default 30 s. */
  readonly keepAliveMs?: number
}

export interface UpstreamTls {
  /** Extra CA certificates (PEM) to trust besides Node's bundle, for private platforms and tests. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>
}

/** gorouter rejects larger response headers from apps anyway; the ALB allows 32 KiB. */
const MAX_RESPONSE_HEADER_BYTES = 32 * 1024

export function createUpstreamAgent(timeouts: UpstreamTimeouts = {}, tls: UpstreamTls = {}): Agent {
  return new UndiciAgent({
    connect: {
      timeout: timeouts.connectMs ?? UPSTREAM_CONNECT_TIMEOUT_SECONDS * 1000,
      rejectUnauthorized: true,
      ...(tls.ca === undefined ? {} : {ca: withSystemRoots(tls.ca)}),
    },
    headersTimeout: timeouts.headersMs ?? UPSTREAM_HEADERS_TIMEOUT_SECONDS * 1000,
    bodyTimeout: timeouts.bodyIdleMs ?? 0,
    keepAliveTimeout: timeouts.keepAliveMs ?? 30_000,
    keepAliveMaxTimeout: timeouts.keepAliveMs ?? 30_000,
    maxHeaderSize: MAX_RESPONSE_HEADER_BYTES,
  })
}

/** Giving `ca` to TLS replaces the default roots; keep them so public upstreams still verify. */
function withSystemRoots(ca: NonNullable<UpstreamTls['ca']>): Array<string | Buffer> {
  const extra = Array.isArray(ca) ? ca : [ca as string | Buffer]
  return [...rootCertificates, ...extra]
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT'])

/** 504 when the upstream was too slow, 502 for everything else (refused, reset, DNS, TLS, bad response). */
export function gatewayStatus(error: unknown): 502 | 504 {
  return TIMEOUT_CODES.has(errorCode(error)) ? 504 : 502
}

/** A short, secret-free name for a failure, for the log line. */
export function errorCode(error: unknown): string {
  const code = (error as {code?: unknown} | undefined)?.code
  return typeof code === 'string' ? code : 'UNKNOWN'
}
