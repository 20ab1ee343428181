// The exact reading of a setup file with the yaml package: positions of every node, every syntax error, every duplicate
// or non-text key, and alias bombs stopped. Keys are checked here, not by the yaml package: its `uniqueKeys` check
// compares each key with every earlier one of its mapping (quadratic: 40,000 orgs took a minute), so it is off and each
// mapping gets one Set instead.
import {isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode} from 'yaml'

import {describePath, locator, toPointer, type Locate, type PathSegment, type SetupDiagnostic} from './diagnostics.js'

export interface YamlReading {
  /** The document as plain values; absent when the YAML cannot be trusted (syntax errors, an alias bomb). */
  readonly value?: unknown
  /** Problems of the YAML itself: syntax, keys, aliases. Each makes the file malformed. */
  readonly diagnostics: readonly SetupDiagnostic[]
  readonly locate: Locate
}

export function readYamlDocument(text: string): YamlReading {
  const lines = new LineCounter()
  // logLevel 'error': a collection as a key is reported below, not as a process warning from toJS.
  const doc = parseDocument(text, {lineCounter: lines, uniqueKeys: false, prettyErrors: false, logLevel: 'error'})
  const locate = locator(doc, lines)
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((error): SetupDiagnostic => {
      const at = error.linePos?.[0] ?? lines.linePos(error.pos[0])
      return {severity: 'error', code: 'YAML_SYNTAX', message: firstLine(error.message), path: '', line: at.line, column: at.col}
    })
    return {diagnostics, locate}
  }
  const keys = checkKeys(doc.contents, lines)
  const expanded = expand(doc, lines)
  if ('bomb' in expanded) return {diagnostics: [expanded.bomb], locate}
  return {value: expanded.value, diagnostics: keys, locate}
}

/** Positions only, for a file whose values were read another way. */
export function locateIn(text: string): Locate {
  const lines = new LineCounter()
  return locator(parseDocument(text, {lineCounter: lines, uniqueKeys: false, logLevel: 'silent'}), lines)
}

/**
 * The document as plain values. The yaml package stops an alias bomb (a few lines that expand to billions of nodes) with
 * a ReferenceError; that is the file's problem, reported at its first alias.
 */
function expand(doc: Document, lines: LineCounter): {value: unknown} | {bomb: SetupDiagnostic} {
  try {
    return {value: doc.toJS() ?? {}}
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error
    let first = 0
    visit(doc, {
      Alias: (_, node) => {
        first = node.range?.[0] ?? 0
        return visit.BREAK
      },
    })
    const {line, col} = lines.linePos(first)
    const message = 'aliases (*name) expand to too many values: write the values out, or use fewer aliases of aliases'
    return {bomb: {severity: 'error', code: 'YAML_ALIASES', message, path: '', line, column: col}}
  }
}

/** Every mapping's keys: each once, and each a scalar. Aliases are not followed (their target is checked where it is). */
function checkKeys(root: unknown, lines: LineCounter): SetupDiagnostic[] {
  const found: SetupDiagnostic[] = []
  const at = (node: unknown, path: readonly PathSegment[], code: string, message: string): void => {
    const {line, col} = lines.linePos((node as YamlNode | null)?.range?.[0] ?? 0)
    found.push({severity: 'error', code, message, path: toPointer(path), line, column: col})
  }
  const walk = (node: unknown, path: PathSegment[]): void => {
    if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]))
    if (!isMap(node)) return
    const first = new Map<string, number>()
    for (const pair of node.items) {
      const key = pair.key
      if (key !== null && !isScalar(key)) {
        at(key, path, 'KEY_NOT_TEXT', `${describePath(path)} has a key that is ${isSeq(key) ? 'a list' : 'a mapping'}: names are text`)
        continue
      }
      const name = key === null || key.value === null ? '' : String(key.value)
      const start = (key as YamlNode | null)?.range?.[0] ?? (pair.value as YamlNode | null)?.range?.[0] ?? 0
      const seen = first.get(name)
      if (seen === undefined) first.set(name, start)
      else
        at(
          key ?? pair.value,
          [...path, name],
          'DUPLICATE_KEY',
          `Map keys must be unique: ${describePath(path)} has "${name}" twice (first at line ${lines.linePos(seen).line})`,
        )
      walk(pair.value, [...path, name])
    }
  }
  walk(root, [])
  return found
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
}
