// CSV (RFC 4180) for spreadsheets and scripts: a header row, CRLF line ends, fields quoted only when they must be.
// A field that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with a quote mark.

export interface CsvColumn<Row> {
  readonly header: string
  value(row: Row): string
}

export function renderCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const lines = [columns.map((c) => csvField(c.header)), ...rows.map((row) => columns.map((c) => csvField(c.value(row))))]
  return lines.map((fields) => fields.join(',') + '\r\n').join('')
}

export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}
