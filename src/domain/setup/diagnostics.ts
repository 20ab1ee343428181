// Problems in a setup file, each pinned to a line and column, so one run can report all of them.
import {isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode, type Pair, type YAMLMap} from 'yaml'

import {escapeControl} from '../names/rule.js'

export interface Position {
  /** 1-based. */
  readonly line: number
  /** 1-based. */
  readonly column: number
}

export interface SetupDiagnostic extends Position {
  readonly severity: 'error' | 'warning'
  readonly code: string
  readonly message: string
  /** JSON pointer into the file, e.g. "/orgs/agency-a/spaces/prod/segment". */
  readonly path: string
}

export type PathSegment = string | number

/** Where a path is in the file. With `key`, the position of the last key itself (for "unknown key" problems). */
export type Locate = (path: readonly PathSegment[], options?: {key?: boolean}) => Position

export function toPointer(path: readonly PathSegment[]): string {
  return path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')
}

export function fromPointer(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
}

/** "orgs.agency-a.spaces.prod", the way messages name a place in the file; a control character in a key shows escaped. */
export function describePath(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the file'
  return path.map((part, i) => (/^\d+$/.test(String(part)) ? `[${part}]` : `${i === 0 ? '' : '.'}${escapeControl(String(part))}`)).join('')
}

/** Positions from the parsed document: the deepest node the path reaches (a missing key points at its parent). */
export function locator(doc: Document, lines: LineCounter): Locate {
  // Each mapping is indexed on first use: a file of 100,000 orgs with a problem in each must not search each time.
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>()
  const pairIn = (map: YAMLMap, key: string): Pair | undefined => {
    let index = indexes.get(map)
    if (index === undefined) {
      index = new Map()
      for (const pair of map.items)
        if (isPair(pair) && isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair)
      indexes.set(map, index)
    }
    return index.get(key)
  }
  return (path, options = {}) => {
    let node: unknown = doc.contents
    let at = rangeStart(node)
    for (const [i, part] of path.entries()) {
      const last = i === path.length - 1
      if (isMap(node)) {
        const pair = pairIn(node, String(part))
        if (!pair) break
        at = rangeStart(pair.key) ?? at
        if (last && options.key) break
        node = pair.value
      } else if (isSeq(node)) {
        node = node.items[Number(part)]
      } else break
      at = rangeStart(node) ?? at
    }
    const {line, col} = lines.linePos(at ?? 0)
    return {line, column: col}
  }
}

function rangeStart(node: unknown): number | undefined {
  return (node as YamlNode | null)?.range?.[0]
}

export function diagnosticAt(locate: Locate, path: readonly PathSegment[], code: string, message: string, key = false): SetupDiagnostic {
  return {severity: 'error', code, message, path: toPointer(path), ...locate(path, {key})}
}

/** "setup.yml:12:7: message", sorted by position. */
export function formatDiagnostics(file: string, diagnostics: readonly SetupDiagnostic[]): string[] {
  return [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column).map((d) => `${file}:${d.line}:${d.column}: ${d.message}`)
}
