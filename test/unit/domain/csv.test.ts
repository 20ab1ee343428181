import assert from 'node:assert/strict'

import {csvField, renderCsv} from '../../../src/domain/csv.js'

describe('renderCsv', () => {
  it('writes a header and CRLF rows, quoting only fields that need it', () => {
    const rows = [
      {a: 'plain', b: 'x, y'},
      {a: 'say "hi"', b: 'two\nlines'},
    ]
    const csv = renderCsv(rows, [
      {header: 'a', value: (r) => r.a},
      {header: 'b', value: (r) => r.b},
    ])
    assert.equal(csv, 'a,b\r\nplain,"x, y"\r\n"say ""hi""","two\nlines"\r\n')
  })

  it('keeps spreadsheets from running a field as a formula', () => {
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`)
    assert.equal(csvField('-1'), "'-1")
    assert.equal(csvField('@sum'), "'@sum")
    assert.equal(csvField('10.0.0.0/8'), '10.0.0.0/8')
  })
})
