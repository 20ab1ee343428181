// Bounded parallelism for reports that fan out over many resources: enough requests in flight to hide
// latency, few enough not to trip the platform's rate limiter.

export const DEFAULT_CONCURRENCY = 8

/**
 * Apply `fn` to every item with at most `limit` calls in flight; results keep the input order.
 * The first failure rejects the whole call and no new items are started after it.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`)
  const results = new Array<R>(items.length)
  let next = 0
  let failed = false
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++
      try {
        results[index] = await fn(items[index] as T, index)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker))
  return results
}
