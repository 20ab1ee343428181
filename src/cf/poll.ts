// Waiting for something the platform does in the background (a job, a deployment), on the client's clock.
import type {Clock} from './clock.js'
import {CfWaitTimeoutError} from './errors.js'

export interface PollOptions {
  /** Give up after this long (measured on the client's clock). */
  timeoutMs?: number
  /** Pause between checks; the first check is immediate. */
  intervalMs?: number
}

export interface PollSpec<T> extends PollOptions {
  clock: Clock
  check: () => Promise<T>
  isDone: (value: T) => boolean
  onTimeout: (last: T) => Error
  onProgress?: (value: T) => void
}

export const DEFAULT_POLL_TIMEOUT_MS = 10 * 60_000
export const DEFAULT_POLL_INTERVAL_MS = 1000

export async function pollUntil<T>(spec: PollSpec<T>): Promise<T> {
  const timeoutMs = spec.timeoutMs ?? DEFAULT_POLL_TIMEOUT_MS
  const intervalMs = spec.intervalMs ?? DEFAULT_POLL_INTERVAL_MS
  const started = spec.clock.now()
  for (;;) {
    const value = await spec.check()
    spec.onProgress?.(value)
    if (spec.isDone(value)) return value
    if (spec.clock.now() - started >= timeoutMs) throw spec.onTimeout(value)
    await spec.clock.sleep(intervalMs)
  }
}

export interface WaitOptions<T> extends PollOptions {
  onProgress?: (value: T) => void
}

/** Poll one resource until `isDone`; on timeout a CfWaitTimeoutError names it and its last state. */
export function waitForResource<T>(
  clock: Clock,
  resource: {what: string; guid: string; get: () => Promise<T>; isDone: (value: T) => boolean; stateOf: (value: T) => string | undefined},
  options: WaitOptions<T> = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_POLL_TIMEOUT_MS
  return pollUntil({
    clock,
    timeoutMs,
    intervalMs: options.intervalMs,
    onProgress: options.onProgress,
    check: resource.get,
    isDone: resource.isDone,
    onTimeout: (last) => new CfWaitTimeoutError(resource.what, resource.guid, timeoutMs, resource.stateOf(last)),
  })
}
