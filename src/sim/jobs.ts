// Async operations (capi behaviours 9-10): 202 + Location now, the work done after `jobDelayMs`, the job COMPLETE.
import {acceptedJob, type Ctx, type Reply} from './http.js'
import {ApiError} from './errors.js'
import type {JobRecord} from './model.js'

/** Creates a PROCESSING job that runs `work` later; a thrown ApiError marks it FAILED with that error. */
export function startJob(ctx: Ctx, operation: string, resource: {type: string; guid: string} | null, work: () => void): Reply {
  const {store} = ctx
  const job: JobRecord = {
    ...store.base('job'),
    operation,
    state: 'PROCESSING',
    resource_type: resource?.type ?? null,
    resource_guid: resource?.guid ?? null,
    errors: [],
    warnings: [],
  }
  store.tables.jobs.insert(job)
  ctx.services.later(ctx.services.jobDelayMs, () => {
    try {
      work()
      store.touch('jobs', job, {state: 'COMPLETE'})
    } catch (error) {
      const errors =
        error instanceof ApiError
          ? error.entries.map(({code, title, detail}) => ({code, title, detail}))
          : [{code: 10001, title: 'CF-ServerError', detail: String(error)}]
      store.touch('jobs', job, {state: 'FAILED', errors})
    }
  })
  return acceptedJob(ctx, job.guid)
}
