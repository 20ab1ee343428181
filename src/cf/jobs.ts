// Asynchronous operations: a 202 with `Location: …/v3/jobs/<guid>` is polled until COMPLETE or FAILED
// (go-cfclient internal/http/response.go DecodeJobID, client/polling.go). The job is always fetched from
// the client's own API origin, whatever host the Location names.
import {CfJobFailedError, CfJobTimeoutError, CfProtocolError, type CfErrorDetail} from './errors.js'
import {HEADER_LOCATION} from './headers.js'
import type {CfHttp, CfResponse} from './http.js'
import {DEFAULT_POLL_TIMEOUT_MS, pollUntil, type PollOptions} from './poll.js'
import {path} from './query.js'
import type {Resource} from './types.js'

export type JobState = 'PROCESSING' | 'POLLING' | 'COMPLETE' | 'FAILED'

export interface Job extends Resource {
  operation: string
  state: JobState
  errors: CfErrorDetail[]
  warnings: {detail: string}[]
}

/** The job GUID at the end of a `/v3/jobs/<guid>` Location header. */
export function jobGuidFromLocation(location: string | undefined): string {
  const match = location ? /\/v3\/jobs\/([^/?#]+)/.exec(location) : null
  if (!match?.[1]) throw new CfProtocolError('MISSING_JOB_LOCATION', `Expected a Location header naming a job, got ${location ?? 'none'}`)
  return decodeURIComponent(match[1])
}

export function createJobsClient(http: CfHttp, defaults: PollOptions = {}) {
  const get = (guid: string) => http.get<Job>(path`/v3/jobs/${guid}`)

  /** Poll until COMPLETE (returned) or FAILED (CfJobFailedError); job warnings join the client's warnings. */
  async function poll(guid: string, options: PollOptions = {}): Promise<Job> {
    const timeoutMs = options.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_POLL_TIMEOUT_MS
    const job = await pollUntil({
      intervalMs: options.intervalMs ?? defaults.intervalMs,
      timeoutMs,
      clock: http.clock,
      check: () => get(guid),
      isDone: (current) => current.state === 'COMPLETE' || current.state === 'FAILED',
      onTimeout: (last) => new CfJobTimeoutError(guid, timeoutMs, last.state),
    })
    const warnings = (job.warnings ?? []).map((warning) => warning.detail)
    http.warnings.add(warnings)
    if (job.state === 'FAILED') {
      throw new CfJobFailedError({guid, operation: job.operation, state: job.state, errors: job.errors ?? [], warnings})
    }
    return job
  }

  /** When `response` is a 202 naming a job, wait for that job; any other response needs no waiting. */
  async function awaitAccepted(response: CfResponse<unknown>, options: PollOptions = {}): Promise<Job | undefined> {
    if (response.status !== 202 || !response.headers[HEADER_LOCATION]) return undefined
    return poll(jobGuidFromLocation(response.headers[HEADER_LOCATION]), options)
  }

  return {get, poll, awaitAccepted}
}

export type JobsClient = ReturnType<typeof createJobsClient>
