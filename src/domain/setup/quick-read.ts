// The fast reading of an ordinary setup file. The yaml package, which gives every node's position and every problem,
// parses about 1 MB/s (its tokenizer alone is 2 s for 100,000 orgs); js-yaml reads the same YAML 1.2 core schema five
// to ten times faster but stops at the first problem and keeps no positions. So a file is read with js-yaml, and only
// a file it cannot read plainly goes to the yaml package (yaml-document.ts), which then says everything that is wrong.
import {CORE_SCHEMA, load} from 'js-yaml'

/**
 * The file's values, or undefined when the exact reading must decide: any js-yaml error (syntax, a duplicate key, a key
 * that is a mapping, an unknown tag, several documents), anchors (an alias bomb would arrive as shared references that
 * every later walk expands), or a key js-yaml turned from null into "null" (the yaml package reads it as empty).
 */
export function readQuickly(text: string): {value: unknown} | undefined {
  if (text.includes('&')) return undefined
  let value: unknown
  try {
    value = load(text, {schema: CORE_SCHEMA})
  } catch {
    return undefined
  }
  return hasNullKey(value) ? undefined : {value: value ?? {}}
}

/** A plain loop: this walks every node of a file of 100,000 orgs. */
function hasNullKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false
  if (Array.isArray(value)) {
    for (const item of value) if (hasNullKey(item)) return true
    return false
  }
  for (const key in value) if (key === 'null' || hasNullKey((value as Record<string, unknown>)[key])) return true
  return false
}
