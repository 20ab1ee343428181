// When to send a request again, and after how long. Pure: the clock and the dice are parameters.
//
// Rules (DESIGN.md "The CF client"):
// - 429 is retried for every method, POST included: the rate limiter answered before the request was
//   processed. The wait is `Retry-After`, else until `X-RateLimit-Reset`, else the backoff; a wait longer
//   than `maxRateLimitWaitMs` is not worth blocking a command for, so the 429 is reported instead.
// - 502/503/504 and a reset connection are retried only for methods whose repetition converges: GET, HEAD,
//   OPTIONS, PUT, DELETE and PATCH. Every v3 PATCH body is declarative ("set name", "merge these labels",
//   "set this relationship"), so sending it twice leaves the same state; the cf CLI also retries every
//   non-POST (wrapper/retry_request.go). A POST may have created something, so it is never retried on 5xx.
import {HEADER_RATE_LIMIT_RESET, HEADER_RETRY_AFTER, type ResponseHeaders} from './headers.js'

export interface RetryPolicy {
  /** Total attempts including the first (the cf CLI makes 1 + 2 retries). */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  maxRateLimitWaitMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 5000,
  maxRateLimitWaitMs: 60_000,
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'])
const RETRYABLE_STATUSES = new Set([502, 503, 504])

export interface RetryInput {
  method: string
  /** 1 for the first attempt. */
  attempt: number
  status?: number
  headers?: ResponseHeaders
  /** Set when the request failed without a response. */
  networkKind?: string
  nowMs: number
  /** A number in [0, 1). */
  random: number
}

export type RetryDecision = {retry: false} | {retry: true; delayMs: number; reason: string}

export function decideRetry(input: RetryInput, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  if (input.attempt >= policy.maxAttempts) return {retry: false}
  if (input.status === 429) {
    const wait = rateLimitWaitMs(input.headers ?? {}, input.nowMs) ?? backoffDelayMs(input.attempt, input.random, policy)
    return wait <= policy.maxRateLimitWaitMs ? {retry: true, delayMs: wait, reason: 'rate limited (429)'} : {retry: false}
  }
  if (!IDEMPOTENT_METHODS.has(input.method.toUpperCase())) return {retry: false}
  if (input.status !== undefined && RETRYABLE_STATUSES.has(input.status)) {
    return {retry: true, delayMs: backoffDelayMs(input.attempt, input.random, policy), reason: `status ${input.status}`}
  }
  if (input.networkKind === 'reset') {
    return {retry: true, delayMs: backoffDelayMs(input.attempt, input.random, policy), reason: 'connection reset'}
  }
  return {retry: false}
}

/**
 * Capped exponential backoff with "equal jitter": half of the step is fixed so retries never bunch at
 * zero, the other half is random so parallel clients spread out.
 */
export function backoffDelayMs(attempt: number, random: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(step / 2 + (step / 2) * random)
}

/** The wait a 429 asks for: `Retry-After` (seconds or an HTTP date), else `X-RateLimit-Reset` (epoch seconds). */
export function rateLimitWaitMs(headers: ResponseHeaders, nowMs: number): number | undefined {
  const retryAfter = headers[HEADER_RETRY_AFTER]?.trim()
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs)
  }
  const reset = headers[HEADER_RATE_LIMIT_RESET]?.trim()
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - nowMs)
  return undefined
}
