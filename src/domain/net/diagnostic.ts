// What parsers report instead of throwing: the input, what is wrong, and the corrected form when there is one.

export type Severity = 'error' | 'warning'

export interface Diagnostic {
  readonly severity: Severity
  /** Stable machine code, e.g. 'DESTINATION_INVALID'. */
  readonly code: string
  readonly message: string
  readonly input: string
  /** The corrected input, when one can be derived. */
  readonly suggestion?: string
}

/** A value, or the reasons there is none; warnings may accompany a value. */
export interface Parsed<T> {
  readonly value?: T
  readonly diagnostics: readonly Diagnostic[]
}

export function diagnostic(severity: Severity, code: string, input: string, message: string, suggestion?: string): Diagnostic {
  return suggestion === undefined ? {severity, code, input, message} : {severity, code, input, message, suggestion}
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}
