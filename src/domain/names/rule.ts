// What the Cloud Controller accepts as the name of an org, space, isolation segment, security group or service
// instance, checked before any request so a bad name never makes an apply fail half way: CC refuses blank names
// ("Name can't be blank"), names over 255 characters ("Name is too long (maximum is 255 characters)"), and names
// that are not printable ("Isolation Segment names can only contain non-blank unicode characters"; the org and
// space models want printable characters too). Leading or trailing whitespace is refused as well: CC would keep it,
// and a name nobody can tell from its trimmed twin is a mistake.

export const NAME_MAX_LENGTH = 255

/** C0, DEL and C1 controls, and the line and paragraph separators: characters that break a line or a table. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u
const EDGE_SPACE = /^\s|\s$/u

/**
 * The same rule as a JSON Schema pattern (ajv compiles it with the u flag), so the setup file's schema flags a bad
 * name where it is; checkName then says what is wrong with it.
 */
export const NAME_PATTERN = '^(?!\\s)[^\\p{Cc}\\u2028\\u2029]*(?<!\\s)$'

export type NameProblemCode = 'NAME_EMPTY' | 'NAME_TOO_LONG' | 'NAME_INVALID'

export interface NameProblem {
  readonly code: NameProblemCode
  /** What is wrong, naming the name escaped: `"agency-a\nx" contains a control character (\n)`. */
  readonly message: string
}

/** The first thing wrong with the name, or undefined when CC would take it. */
export function checkName(name: string): NameProblem | undefined {
  if (name === '') return {code: 'NAME_EMPTY', message: 'the name is empty'}
  const length = [...name].length
  if (length > NAME_MAX_LENGTH) {
    return {
      code: 'NAME_TOO_LONG',
      message: `${quoteName([...name].slice(0, 40).join(''))}… has ${length} characters; the limit is ${NAME_MAX_LENGTH}`,
    }
  }
  const control = CONTROL.exec(name)
  if (control !== null) {
    return {
      code: 'NAME_INVALID',
      message: `${quoteName(name)} contains a control character (${escapeControl(control[0])}); names are printable text`,
    }
  }
  if (EDGE_SPACE.test(name)) {
    return {code: 'NAME_INVALID', message: `${quoteName(name)} has whitespace at ${/^\s/u.test(name) ? 'the start' : 'the end'}; remove it`}
  }
  return undefined
}

/** The name in double quotes as JSON writes it, with the controls JSON leaves raw (DEL, C1, U+2028/9) escaped too. */
export function quoteName(name: string): string {
  return JSON.stringify(name).replace(/[\u007f-\u009f\u2028\u2029]/gu, (c) => `\\u${hex(c, 4)}`)
}

/** Control characters as visible escapes (\n, \t, \r, \x07, \u2028), for one-line output such as a TSV cell. */
export function escapeControl(text: string): string {
  return text.replace(
    new RegExp(CONTROL.source, 'gu'),
    (c) => ESCAPES[c] ?? (c.charCodeAt(0) > 0xff ? `\\u${hex(c, 4)}` : `\\x${hex(c, 2)}`),
  )
}

const ESCAPES: Readonly<Record<string, string>> = {'\n': '\\n', '\t': '\\t', '\r': '\\r'}

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, '0')
}
