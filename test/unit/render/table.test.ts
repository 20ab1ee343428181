import assert from 'node:assert/strict'

import {renderFields, renderTable, type Column} from '../../../src/render/table.js'
import {plainTheme, type RenderOptions} from '../../../src/render/theme.js'

type Row = {name: string; count: number}
const columns: Column<Row>[] = [
  {header: 'name', value: (row) => row.name},
  {header: 'spaces', value: (row) => String(row.count)},
]
const rows: Row[] = [
  {name: 'agency-a', count: 3},
  {name: 'b', count: 12},
]
const tty: RenderOptions = {tty: true, width: 80, theme: {...plainTheme, bold: (text) => `*${text}*`}}
const piped: RenderOptions = {tty: false, width: 80, theme: plainTheme}

describe('renderTable', () => {
  it('aligns columns with a styled header on a terminal', () => {
    assert.equal(renderTable(rows, columns, tty), '*name*       *spaces*\nagency-a   3\nb          12\n')
  })

  it('prints tab-separated rows without a header when piped', () => {
    assert.equal(renderTable(rows, columns, piped), 'agency-a\t3\nb\t12\n')
  })

  it('escapes control characters in a cell, so a name made by another tool keeps its row and columns', () => {
    const odd: Row[] = [
      {name: 'agency-a\nx', count: 1},
      {name: 'tab\there', count: 2},
      {name: 'bell\u0007\u001b[2J\u2028', count: 3},
    ]
    assert.equal(renderTable(odd, columns, piped), 'agency-a\\nx\t1\ntab\\there\t2\nbell\\x07\\x1b[2J\\u2028\t3\n')
    assert.equal(renderTable(odd.slice(0, 1), columns, tty), '*name*          *spaces*\nagency-a\\nx   1\n')
  })
})

describe('renderFields', () => {
  it('aligns keys on a terminal and tab-separates them when piped', () => {
    assert.equal(
      renderFields(
        [
          ['API', 'x'],
          ['user', 'y'],
        ],
        tty,
      ),
      '*API: *   x\n*user:*   y\n',
    )
    assert.equal(renderFields([['API', 'x']], piped), 'API\tx\n')
  })

  it("escapes control characters in values but keeps the theme's colours", () => {
    const coloured: RenderOptions = {...tty, theme: {...tty.theme, green: (text) => `\u001b[32m${text}\u001b[39m`}}
    assert.equal(renderFields([['org', 'agency-a\nx\t']], piped), 'org\tagency-a\\nx\\t\n')
    assert.equal(renderFields([['org', coloured.theme.green('a\u0007b')]], coloured), '*org:*   \u001b[32ma\\x07b\u001b[39m\n')
  })
})
