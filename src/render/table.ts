import {escapeControl} from '../domain/names/rule.js'
import type {RenderOptions} from './theme.js'

export interface Column<Row> {
  header: string
  value(row: Row): string
  /** Optional styling on a terminal only (piped output stays plain text). */
  style?(text: string, row: Row): string
}

/**
 * A table like the cf CLI's on a terminal (bold headers, columns padded to the widest cell plus 3 spaces) and
 * tab-separated rows without a header when piped, so that `cut` and `awk` work (GitHub CLI's table printer).
 * Control characters in a cell are written as escapes (\n, \t, \x07): a name made by another tool can hold one, and
 * it must not split a row, shift a column or reach the terminal.
 */
export function renderTable<Row>(rows: Row[], columns: Column<Row>[], options: RenderOptions): string {
  const cells = rows.map((row) => columns.map((column) => escapeControl(column.value(row))))
  if (!options.tty) return cells.map((line) => line.join('\t') + '\n').join('')
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => line[i].length)))
  const pad = (text: string, i: number, styled: string) =>
    i === columns.length - 1 ? styled : styled + ' '.repeat(widths[i] - text.length + 3)
  const header = columns.map((column, i) => pad(column.header, i, options.theme.bold(column.header))).join('')
  const body = cells.map((line, r) =>
    line.map((text, i) => pad(text, i, columns[i].style ? columns[i].style!(text, rows[r]) : text)).join(''),
  )
  return [header, ...body].map((line) => line.trimEnd() + '\n').join('')
}

/** Key/value lines ("name:   value"), aligned on a terminal, tab-separated when piped; values escaped as table cells. */
export function renderFields(fields: [string, string][], options: RenderOptions): string {
  const lines = fields.map(([key, value]): [string, string] => [key, escapeKeepingColour(value)])
  if (!options.tty) return lines.map(([key, value]) => `${key}\t${value}\n`).join('')
  const width = Math.max(...lines.map(([key]) => key.length + 1))
  return lines.map(([key, value]) => `${options.theme.bold((key + ':').padEnd(width))}   ${value}\n`).join('')
}

/** A field's value may come styled by the theme: its colour codes stay, every other control character is escaped. */
const COLOUR = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*m`, 'g')

function escapeKeepingColour(text: string): string {
  let out = ''
  let from = 0
  for (const match of text.matchAll(COLOUR)) {
    out += escapeControl(text.slice(from, match.index)) + match[0]
    from = match.index + match[0].length
  }
  return out + escapeControl(text.slice(from))
}
