// One bound on requests in flight shared by several kinds of reads (segment relationships, org defaults), so a read
// can start as soon as what it depends on has arrived instead of waiting for a whole batch to finish.

/** Runs a task when fewer than `limit` are running, in the order they were queued. */
export type Limiter = <R>(task: () => Promise<R>) => Promise<R>

/**
 * After one task fails, the tasks still queued are not started (they reject with the same error), as mapConcurrent
 * does: a report that cannot be completed should not keep sending requests.
 */
export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`)
  const queue: (() => void)[] = []
  let running = 0
  let failure: {error: unknown} | undefined
  const next = () => {
    while (running < limit && queue.length > 0) queue.shift()!()
  }
  return <R>(task: () => Promise<R>) =>
    new Promise<R>((resolve, reject) => {
      queue.push(() => {
        if (failure !== undefined) return reject(failure.error)
        running++
        Promise.resolve()
          .then(task)
          .then(resolve, (error: unknown) => {
            failure ??= {error}
            reject(error)
          })
          .finally(() => {
            running--
            next()
          })
      })
      next()
    })
}
