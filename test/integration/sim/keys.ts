// Key-by-key comparison of a served payload with a capi example: what it lacks and what it adds.
import assert from 'node:assert/strict'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Maps whose keys are data, not shape (broker-provided attributes and maintenance info included). */
const FREE_FORM = new Set(['labels', 'annotations', 'process_types', 'attributes', 'maintenance_info'])

/** Lists where `actual` lacks or adds keys compared with `expected`; arrays compare their first elements. */
export function keyDifferences(expected: unknown, actual: unknown, at = '$'): string[] {
  if (FREE_FORM.has(at.slice(at.lastIndexOf('.') + 1))) return []
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length > 0 && actual.length > 0 ? keyDifferences(expected[0], actual[0], `${at}[0]`) : []
  }
  if (!isObject(expected) || !isObject(actual)) return []
  const out: string[] = []
  for (const key of Object.keys(expected)) if (!(key in actual)) out.push(`${at}.${key} missing`)
  for (const key of Object.keys(actual)) if (!(key in expected)) out.push(`${at}.${key} unexpected`)
  for (const key of Object.keys(expected)) {
    if (key in actual) out.push(...keyDifferences(expected[key], actual[key], `${at}.${key}`))
  }
  return out
}

export function assertSameKeys(name: string, expected: unknown, actual: unknown): void {
  assert.deepEqual(keyDifferences(expected, actual), [], `keys differ from ${name}`)
}
