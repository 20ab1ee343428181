/**
 * Intent errors: what the user tried to do and why it cannot be done, in the user's terms.
 * Ops throw these; src/cli translates them (and the client's errors) to messages and exit codes in one place.
 */
export class OpError extends Error {
  readonly code: string
  readonly suggestions: string[]
  readonly exitCode: number

  constructor(code: string, message: string, options: {suggestions?: string[]; exitCode?: number; cause?: unknown} = {}) {
    super(message, {cause: options.cause})
    this.name = 'OpError'
    this.code = code
    this.suggestions = options.suggestions ?? []
    this.exitCode = options.exitCode ?? 1
  }
}

/** A named object (org, space, segment, route...) that does not exist; suggests close names. */
export class NotFoundError extends OpError {
  constructor(kind: string, name: string, candidates: string[] = [], hint?: string) {
    const didYouMean = candidates.length > 0 ? [`Did you mean ${eitherOf(candidates.map((c) => `'${c}'`))}?`] : []
    super(`${kind.toUpperCase().replaceAll(' ', '_')}_NOT_FOUND`, `${capitalize(kind)} '${name}' not found.`, {
      suggestions: [...didYouMean, ...(hint ? [hint] : [])],
    })
  }
}

/** Input the user typed that cannot be used as given (flags, CIDRs, files). */
export class InvalidInputError extends OpError {
  constructor(code: string, message: string, suggestions: string[] = []) {
    super(code, message, {suggestions})
  }
}

/** "'a'", "'a' or 'b'", "'a', 'b' or 'c'". */
function eitherOf(options: string[]): string {
  return options.length < 2 ? options.join('') : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A port something else already listens on: the listen failure, said as what to do. */
export class PortInUseError extends OpError {
  constructor(port: number, host: string) {
    super('PORT_IN_USE', `Port ${port} is in use on ${host}.`, {
      suggestions: ['Stop what listens there, or pick another port with --port (or PORT).'],
    })
  }
}
