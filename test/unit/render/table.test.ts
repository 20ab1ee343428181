import assert from 'node:assert/strict'

import {renderFields, renderTable, type Column} from '../../../src/render/table.js'
import {plainTheme, type RenderOptions} from '../../../src/render/theme.js'

type Row = {name: string; count: number}
const columns: Column<Row>[] = [
  {header: 'name', value: (row) => row.name},
  {header: 'spaces', value: (row) => String(row.count)},
]
const rows: Row[] = [{name: 'agency-a', count: 3}, {name: 'b', count: 12}]
const tty: RenderOptions = {tty: true, width: 80, theme: {...plainTheme, bold: (text) => `*${text}*`}}
const piped: RenderOptions = {tty: false, width: 80, theme: plainTheme}

describe('renderTable', () => {
  it('aligns columns with a styled header on a terminal', () => {
    assert.equal(renderTable(rows, columns, tty), '*name*       *spaces*\nagency-a   3\nb          12\n')
  })

  it('prints tab-separated rows without a header when piped', () => {
    assert.equal(renderTable(rows, columns, piped), 'agency-a\t3\nb\t12\n')
  })
})

describe('renderFields', () => {
  it('aligns keys on a terminal and tab-separates them when piped', () => {
    assert.equal(renderFields([['API', 'x'], ['user', 'y']], tty), '*API: *   x\n*user:*   y\n')
    assert.equal(renderFields([['API', 'x']], piped), 'API\tx\n')
  })
})
