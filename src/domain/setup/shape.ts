// The file's shape, checked against the JSON Schema with ajv; each ajv error becomes a positioned diagnostic
// in words a person editing YAML understands ("unknown key", "must be a list"), with "did you mean" on keys.
import {Ajv, type ErrorObject} from 'ajv'

import {checkName, NAME_PATTERN} from '../names/rule.js'
import {suggestNames} from '../names/suggest.js'
import {describePath, diagnosticAt, fromPointer, type Locate, type PathSegment, type SetupDiagnostic} from './diagnostics.js'
import {SETUP_FILE_SCHEMA} from './schema.js'

const validate = new Ajv({allErrors: true, verbose: true, strict: false}).compile(SETUP_FILE_SCHEMA)

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
}

/** `malformed`: a section or entry is not the mapping or list it must be (the file is not shaped like a setup file). */
export function checkShape(value: unknown, locate: Locate): {diagnostics: SetupDiagnostic[]; malformed: boolean} {
  if (validate(value)) return {diagnostics: [], malformed: false}
  const errors = validate.errors ?? []
  const malformed = errors.some((e) => e.keyword === 'type' && /\b(object|array)\b/.test(String(e.params.type)))
  // A name can break two rules at once (too long and a control character): it is reported once.
  const diagnostics = new Map(errors.flatMap((error) => toDiagnostic(error, locate)).map((d) => [`${d.path} ${d.code} ${d.message}`, d]))
  return {diagnostics: [...diagnostics.values()], malformed}
}

function toDiagnostic(error: ErrorObject, locate: Locate): SetupDiagnostic[] {
  const path: PathSegment[] = fromPointer(error.instancePath)
  const where = describePath(path)
  // A key of a mapping of names (`propertyNames`): ajv reports the mapping's path and the key apart.
  if (error.propertyName !== undefined)
    return nameProblem(locate, path, String(error.propertyName), true) ?? [invalidKey(locate, path, error)]
  if ((error.parentSchema as {pattern?: string} | undefined)?.pattern === NAME_PATTERN && typeof error.data === 'string') {
    return nameProblem(locate, path, error.data, false) ?? []
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty)
      const expected = Object.keys((error.parentSchema as {properties?: object})?.properties ?? {})
      const close = suggestNames(key, expected, {max: 1})
      const hint = close.length > 0 ? `; did you mean "${close[0]}"?` : `; expected ${expected.join(', ')}`
      return [diagnosticAt(locate, [...path, key], 'UNKNOWN_KEY', `unknown key "${key}" in ${where}${hint}`, true)]
    }
    case 'required':
      return [diagnosticAt(locate, path, 'MISSING_KEY', `${where} needs "${error.params.missingProperty}"`)]
    case 'type': {
      const wanted = String(error.params.type)
        .split(',')
        .filter((t) => t !== 'null')
        .map((t) => TYPE_WORDS[t] ?? t)
      return [diagnosticAt(locate, path, 'WRONG_TYPE', `${where} must be ${wanted.join(' or ')}`)]
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String)
      const close = suggestNames(String(error.data), allowed, {max: 1})
      const hint = close.length > 0 ? ` (did you mean "${close[0]}"?)` : ''
      return [
        diagnosticAt(locate, path, 'NOT_ALLOWED', `${where} is "${String(error.data)}"; expected one of ${allowed.join(', ')}${hint}`),
      ]
    }
    case 'uniqueItems': {
      const later = Math.max(error.params.i as number, error.params.j as number)
      return [diagnosticAt(locate, [...path, later], 'DUPLICATE', `${where} lists "${(error.data as unknown[])[later]}" twice`)]
    }
    case 'minItems':
      return [diagnosticAt(locate, path, 'EMPTY', `${where} must not be empty`)]
    case 'propertyNames':
      return []
    default:
      return [diagnosticAt(locate, path, 'INVALID', `${where} ${error.message ?? 'is invalid'}`)]
  }
}

/** A name the Cloud Controller would refuse, at the key (a mapping of names) or at the value (a reference). */
function nameProblem(locate: Locate, path: PathSegment[], name: string, key: boolean): SetupDiagnostic[] | undefined {
  const problem = checkName(name)
  if (problem === undefined) return undefined
  const at = key ? [...path, name] : path
  return [diagnosticAt(locate, at, problem.code, `${describePath(key ? path : at)}: ${problem.message}`, key)]
}

function invalidKey(locate: Locate, path: PathSegment[], error: ErrorObject): SetupDiagnostic {
  const name = String(error.propertyName)
  return diagnosticAt(locate, [...path, name], 'INVALID', `"${name}" in ${describePath(path)} ${error.message ?? 'is invalid'}`, true)
}
