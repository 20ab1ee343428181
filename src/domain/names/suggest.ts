// "Did you mean": close names for a name that matched nothing (orgs, spaces, segments, groups, protocols).

/**
 * Edit distance with adjacent transpositions (optimal string alignment), so "sahred" is one edit from "shared".
 * Stops early once every cell of a row exceeds limit.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let before: number[] = []
  let previous = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2] + 1)
      current.push(best)
    }
    if (Math.min(...current) > limit) return limit + 1
    before = previous
    previous = current
  }
  return previous[b.length]
}

export interface SuggestOptions {
  /** At most this many names (default 3). */
  readonly max?: number
}

/**
 * Candidates close to the input, closest first: case-insensitive, within about a third of the input's length,
 * plus candidates that contain the input or are contained in it (a typed prefix, a missing suffix).
 */
export function suggestNames(input: string, candidates: readonly string[], options: SuggestOptions = {}): string[] {
  const wanted = input.trim().toLowerCase()
  if (wanted === '') return []
  const limit = Math.max(1, Math.floor(wanted.length / 3))
  const scored: Array<{name: string; score: number}> = []
  for (const name of new Set(candidates)) {
    const lower = name.toLowerCase()
    const distance = editDistance(wanted, lower, limit)
    const nested = Math.min(wanted.length, lower.length) >= 3 && (lower.includes(wanted) || wanted.includes(lower))
    if (distance <= limit || nested) scored.push({name, score: Math.min(distance, nested ? limit + 0.5 : Infinity)})
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name))
  return scored.slice(0, options.max ?? 3).map((s) => s.name)
}
