// Requests the service answers itself, never forwarding: the health path and, only when switched
// on, the calibrate diagnostic that shows the X-Forwarded-For chain as this instance sees it.

import type {IncomingMessage, ServerResponse} from 'node:http'

import {chainFromRight, parseForwardedUrl, type CompiledPolicy, type Verdict} from '../../domain/allowlist/index.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {parseIp} from '../../domain/net/ip.js'
import {CALIBRATE_PATH, HEALTH_PATH} from '../contract.js'
import {clipForLog} from '../log.js'
import {SERVICE_NAME} from './deny.js'
import type {InspectedRequest} from './inspect.js'

/** Header values a diagnostic page must never show: bearer passes and credentials. */
const REDACTED = new Set(['x-cf-proxy-signature', 'x-cf-proxy-metadata', 'authorization', 'proxy-authorization', 'cookie'])
const MAX_CHAIN_SHOWN = 32

/** Only a request that did not come through gorouter (no forwarded URL) can be a health check. */
export function isHealthCheck(req: IncomingMessage, inspected: InspectedRequest): boolean {
  return req.url === HEALTH_PATH && inspected.facts.forwardedUrls.length === 0 && (req.method === 'GET' || req.method === 'HEAD')
}

export function answerHealth(res: ServerResponse): void {
  res.writeHead(200, {'content-type': 'text/plain; charset=utf-8', 'content-length': 3, 'cache-control': 'no-store'})
  res.end('ok\n')
}

/** Sent straight to the service, or through a protected route (the full chain, which is what calibrating needs). */
export function isCalibration(req: IncomingMessage, inspected: InspectedRequest): boolean {
  if (pathOf(req.url ?? '') === CALIBRATE_PATH) return true
  const urls = inspected.facts.forwardedUrls
  return urls.length === 1 && parseForwardedUrl(urls[0])?.path === CALIBRATE_PATH
}

export interface CalibrationReport {
  readonly service: string
  readonly note: string
  readonly hopProfile?: string
  readonly clientPosition: number
  /** Right to left; 'ignored' entries were written by whoever sent the request and are never trusted. */
  readonly chain: ReadonlyArray<{
    position: number
    address: string
    role: 'hop' | 'client' | 'ignored'
    expected?: string[]
    matches?: boolean
  }>
  readonly forwardedFor: readonly string[]
  readonly verdict: {allowed: boolean; reason: string; client?: string; route?: string; position?: number}
  readonly headers: Readonly<Record<string, string>>
}

export function calibrationReport(
  raw: readonly string[],
  inspected: InspectedRequest,
  compiled: CompiledPolicy,
  verdict: Verdict,
): CalibrationReport {
  const {policy} = compiled
  const positions = chainFromRight(inspected.facts.peer, inspected.facts.forwardedFor, MAX_CHAIN_SHOWN)
  const chain = positions.map((address, position) =>
    position < policy.hops.length
      ? {
          position,
          address: clip(address),
          role: 'hop' as const,
          expected: policy.hops[position].map(formatCidr),
          matches: hopMatches(compiled, position, address),
        }
      : {position, address: clip(address), role: position === policy.hops.length ? ('client' as const) : ('ignored' as const)},
  )
  return {
    service: SERVICE_NAME,
    note: 'Diagnostic only: nothing was forwarded. Positions count from the right; 0 is the socket peer.',
    ...(policy.hopProfile === undefined ? {} : {hopProfile: policy.hopProfile}),
    clientPosition: policy.hops.length,
    chain,
    forwardedFor: positions.slice(1),
    verdict: {
      allowed: verdict.allowed,
      reason: verdict.reason,
      client: verdict.client,
      route: verdict.route,
      position: verdict.allowed ? undefined : verdict.position,
    },
    headers: redactedHeaders(raw, compiled.secretHeaders),
  }
}

export function answerCalibration(res: ServerResponse, report: CalibrationReport): void {
  const body = `${JSON.stringify(report, undefined, 2)}\n`
  // The report repeats request headers: never let a browser sniff it into a page.
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(body)
}

function hopMatches(compiled: CompiledPolicy, position: number, address: string): boolean {
  const ip = parseIp(address)
  return ip !== undefined && compiled.hops[position].has(ip)
}

function redactedHeaders(raw: readonly string[], secretHeaders: ReadonlySet<string>): Record<string, string> {
  const headers: Record<string, string> = Object.create(null)
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase()
    const value = REDACTED.has(name) || secretHeaders.has(name) ? '[redacted]' : clip(raw[i + 1], 256)
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`
  }
  return headers
}

function clip(text: string, max = 64): string {
  return clipForLog(text, max) ?? ''
}

function pathOf(url: string): string {
  const query = url.indexOf('?')
  return query < 0 ? url : url.slice(0, query)
}
