// Setup file text → desired-state model plus every problem found, each with its line and column.
// YAML syntax errors stop there (nothing else can be trusted); otherwise shape and value problems are all reported.
import {LineCounter, parseDocument} from 'yaml'

import {buildSetupFile} from './build.js'
import {locator, type Locate, type SetupDiagnostic} from './diagnostics.js'
import type {SetupFile} from './model.js'
import {checkShape} from './shape.js'

export interface ParsedSetupFile {
  /** Best effort: bad items are left out. Absent only when the YAML itself does not parse. */
  readonly file?: SetupFile
  readonly diagnostics: readonly SetupDiagnostic[]
  /** Positions in this file, for problems found later (references to what exists live). */
  readonly locate: Locate
}

export function parseSetupFile(text: string): ParsedSetupFile {
  const lines = new LineCounter()
  const doc = parseDocument(text, {lineCounter: lines, uniqueKeys: true, prettyErrors: false})
  const locate = locator(doc, lines)
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((error): SetupDiagnostic => {
      const at = error.linePos?.[0] ?? lines.linePos(error.pos[0])
      return {severity: 'error', code: 'YAML_SYNTAX', message: firstLine(error.message), path: '', line: at.line, column: at.col}
    })
    return {diagnostics, locate}
  }
  const value = doc.toJS() ?? {}
  const shape = checkShape(value, locate)
  const built = buildSetupFile(value, locate)
  return {file: built.file, diagnostics: [...shape, ...built.diagnostics], locate}
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
}
