// Setup file text → desired-state model plus every problem found, each with its line and column.
// YAML problems (syntax, duplicate or non-text keys, alias bombs) stop there: nothing else can be trusted. Otherwise
// shape and value problems are all reported.
import {readQuickly} from './quick-read.js'
import {buildSetupFile} from './build.js'
import type {Locate, SetupDiagnostic} from './diagnostics.js'
import type {SetupFile} from './model.js'
import {checkShape} from './shape.js'
import {locateIn, readYamlDocument} from './yaml-document.js'

export interface ParsedSetupFile {
  /** Best effort: bad items are left out. Absent only when the YAML itself does not parse. */
  readonly file?: SetupFile
  readonly diagnostics: readonly SetupDiagnostic[]
  /** Positions in this file, for problems found later (references to what exists live). */
  readonly locate: Locate
  /**
   * Not shaped like a setup file: YAML errors, duplicate keys, keys that are not names, a section or entry that is not
   * the mapping or list it must be. The model says little then, so nothing is compared with the foundation.
   */
  readonly malformed: boolean
}

/**
 * Codes of problems that make a file malformed (beside the containers of the wrong type checkShape reports). A name the
 * Cloud Controller would refuse is one: no request is made with it (apply would otherwise fail half way).
 */
const MALFORMED = new Set(['YAML_SYNTAX', 'YAML_ALIASES', 'DUPLICATE_KEY', 'KEY_NOT_TEXT', 'NAME_EMPTY', 'NAME_TOO_LONG', 'NAME_INVALID'])

export function parseSetupFile(text: string): ParsedSetupFile {
  const quick = readQuickly(text)
  const reading = quick === undefined ? readYamlDocument(text) : {value: quick.value, diagnostics: [], locate: lazily(() => locateIn(text))}
  const {value, locate} = reading
  if (value === undefined) return {diagnostics: reading.diagnostics, locate, malformed: true}
  const shape = checkShape(value, locate)
  const built = buildSetupFile(value, locate)
  const diagnostics = [...reading.diagnostics, ...shape.diagnostics, ...built.diagnostics]
  return {file: built.file, diagnostics, locate, malformed: shape.malformed || diagnostics.some((d) => MALFORMED.has(d.code))}
}

/** Positions cost a second, slower parse: it is made only when a problem needs a line and column. */
function lazily(make: () => Locate): Locate {
  let locate: Locate | undefined
  return (path, options) => (locate ??= make())(path, options)
}
