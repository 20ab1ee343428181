// Labels and annotations (capi behaviour 25): validation messages, merge-with-null-deletes, limits, selectors.
import {limitExceeded, unprocessable} from './errors.js'

export interface Metadata {
  labels: Record<string, string>
  annotations: Record<string, string>
}

export const emptyMetadata = (): Metadata => ({labels: {}, annotations: {}})

const MAX_LABELS = 50
const MAX_ANNOTATIONS = 200
const NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i

function nameProblem(name: string): string | undefined {
  if (name === '') return 'key cannot be empty string'
  if (name.length > 63) return `'${name.slice(0, 8)}...' is greater than 63 characters`
  if (/[^A-Za-z0-9_.-]/.test(name)) return `'${name}' contains invalid characters`
  if (!NAME.test(name)) return `'${name}' starts or ends with invalid characters`
  return undefined
}

function keyProblem(key: string): string | undefined {
  const parts = key.split('/')
  if (parts.length > 2) return "key has more than one '/'"
  if (parts.length === 1) return nameProblem(key)
  const [prefix, name] = parts
  if (prefix.toLowerCase() === 'cloudfoundry.org') return "prefix 'cloudfoundry.org' is reserved"
  const labels = prefix.split('.')
  if (prefix.length > 253 || labels.length < 2 || !labels.every((l) => DNS_LABEL.test(l))) {
    return `prefix '${prefix}' must be in valid dns format`
  }
  return nameProblem(name)
}

function labelValueProblem(value: unknown): string | undefined {
  if (value === null || value === '') return undefined
  if (typeof value !== 'string') return `'${String(value)}' must be a string`
  return nameProblem(value)
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function problems(metadata: unknown): string[] {
  if (!isObject(metadata)) return ['Metadata must be an object']
  const out: string[] = []
  const extra = Object.keys(metadata).filter((k) => k !== 'labels' && k !== 'annotations')
  if (extra.length > 0) out.push(`Metadata has unexpected field(s): ${extra.map((k) => `'${k}'`).join(', ')}`)
  const {labels, annotations} = metadata
  if (labels !== undefined && !isObject(labels)) out.push("Metadata 'labels' is not an object")
  if (annotations !== undefined && !isObject(annotations)) out.push("Metadata 'annotations' is not an object")
  for (const [key, value] of Object.entries(isObject(labels) ? labels : {})) {
    const keyError = keyProblem(key)
    if (keyError) out.push(`Metadata label key error: ${keyError}`)
    const valueError = labelValueProblem(value)
    if (valueError) out.push(`Metadata label value error: ${valueError}`)
  }
  for (const [key, value] of Object.entries(isObject(annotations) ? annotations : {})) {
    // CC validates an annotation key only when its value is non-empty (metadata_validator.rb:39).
    if (value === null || value === '') continue
    const keyError = keyProblem(key)
    if (keyError) out.push(`Metadata annotation key error: ${keyError}`)
    if (typeof value !== 'string' || value.length > 5000) {
      out.push(`Metadata annotation value error: '${String(value).slice(0, 8)}...' is greater than 5000 characters`)
    }
  }
  return out
}

/** Throws the 422 CC would give for an invalid `metadata` body value. */
export function validateMetadata(metadata: unknown): void {
  if (metadata === undefined) return
  const found = problems(metadata)
  if (found.length > 0) throw unprocessable(found.join(', '))
}

function merge(
  current: Record<string, string>,
  update: Record<string, unknown> | undefined,
  kind: 'labels' | 'annotations',
  max: number,
): Record<string, string> {
  if (!update) return current
  const next = {...current}
  for (const [key, value] of Object.entries(update)) {
    if (value === null) delete next[key]
    else next[key] = String(value)
  }
  if (Object.keys(next).length > max && Object.keys(next).length > Object.keys(current).length) {
    throw limitExceeded(kind, Object.keys(update).length, max)
  }
  return next
}

/** PATCH semantics: key by key, null deletes, untouched keys stay; validated first. */
export function updateMetadata(current: Metadata, update: unknown): Metadata {
  if (update === undefined) return current
  validateMetadata(update)
  const body = update as {labels?: Record<string, unknown>; annotations?: Record<string, unknown>}
  return {
    labels: merge(current.labels, body.labels, 'labels', MAX_LABELS),
    annotations: merge(current.annotations, body.annotations, 'annotations', MAX_ANNOTATIONS),
  }
}

type Requirement = (labels: Record<string, string>) => boolean

/** Splits on commas outside parentheses, so `env in (a,b)` stays one requirement. */
function splitRequirements(selector: string): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (const char of selector) {
    if (char === ',' && depth === 0) {
      parts.push(current)
      current = ''
      continue
    }
    if (char === '(') depth++
    if (char === ')') depth--
    current += char
  }
  parts.push(current)
  return parts.map((p) => p.trim())
}

function requirement(text: string): Requirement | undefined {
  let m = /^(!?)([^!=\s()]+)$/.exec(text)
  if (m) return m[1] ? (l) => !(m![2] in l) : (l) => m![2] in l
  m = /^([^!=\s()]+)\s*(==|=|!=)\s*([^!=\s()]*)$/.exec(text)
  if (m) {
    const [, key, op, value] = m
    return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value
  }
  m = /^([^!=\s()]+)\s+(in|notin)\s+\(([^()]*)\)$/.exec(text)
  if (m) {
    const [, key, op, list] = m
    const values = list.split(',').map((v) => v.trim())
    return op === 'in' ? (l) => key in l && values.includes(l[key]) : (l) => !(key in l) || !values.includes(l[key])
  }
  return undefined
}

/** A predicate for `label_selector`, or throws 400 for an unparseable selector. */
export function labelSelector(selector: string, invalid: (detail: string) => Error): (m: Metadata) => boolean {
  const requirements = splitRequirements(selector).map((text) => {
    const parsed = requirement(text)
    if (!parsed) throw invalid(`Invalid label_selector value`)
    return parsed
  })
  if (requirements.length > 50) throw invalid('Label selector has too many requirements')
  return (metadata) => requirements.every((r) => r(metadata.labels))
}
