// Closed integer intervals and the set algebra on sorted, disjoint, non-adjacent lists of them.
// Address sets (per family) and port sets are both built on this, so the sweeps live in one place.

export interface Interval {
  readonly first: bigint
  readonly last: bigint
}

/** Sort and merge overlapping or touching intervals. */
export function normalizeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))
  const merged: Interval[] = []
  for (const next of sorted) {
    const last = merged.at(-1)
    if (last !== undefined && next.first <= last.last + 1n) {
      if (next.last > last.last) merged[merged.length - 1] = {first: last.first, last: next.last}
    } else {
      merged.push({first: next.first, last: next.last})
    }
  }
  return merged
}

/** Both inputs normalised; so is the result. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const first = a[i].first > b[j].first ? a[i].first : b[j].first
    const last = a[i].last < b[j].last ? a[i].last : b[j].last
    if (first <= last) out.push({first, last})
    if (a[i].last < b[j].last) i++
    else j++
  }
  return out
}

/** a minus b; both inputs normalised; so is the result. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = []
  let j = 0
  for (const range of a) {
    let first = range.first
    while (j < b.length && b[j].last < first) j++
    let k = j
    while (k < b.length && b[k].first <= range.last) {
      if (b[k].first > first) out.push({first, last: b[k].first - 1n})
      first = b[k].last + 1n
      k++
    }
    if (first <= range.last) out.push({first, last: range.last})
  }
  return out
}

/** Whether two normalised lists share a value, without building the intersection. */
export function intervalsOverlap(a: readonly Interval[], b: readonly Interval[]): boolean {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i].last < b[j].first) i++
    else if (b[j].last < a[i].first) j++
    else return true
  }
  return false
}

/** Whether value lies in the normalised list (binary search). */
export function intervalsContain(intervals: readonly Interval[], value: bigint): boolean {
  let low = 0
  let high = intervals.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    if (value < intervals[mid].first) high = mid - 1
    else if (value > intervals[mid].last) low = mid + 1
    else return true
  }
  return false
}

/** The number of values in a normalised list. */
export function intervalsSize(intervals: readonly Interval[]): bigint {
  return intervals.reduce((sum, r) => sum + r.last - r.first + 1n, 0n)
}
