import assert from 'node:assert/strict'

import {editDistance, suggestNames} from '../../../../src/domain/names/suggest.js'

describe('domain/names/suggest', () => {
  it('measures edits, counting a swap of neighbours as one', () => {
    assert.equal(editDistance('shared', 'shared'), 0)
    assert.equal(editDistance('sahred', 'shared'), 1)
    assert.equal(editDistance('kitten', 'sitting'), 3)
    assert.equal(editDistance('', 'abc'), 3)
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3, 'stops early past the limit')
  })

  it('suggests close names, closest first, case-insensitively', () => {
    const segments = ['shared', 'agency-vpn', 'agency-vpn-east', 'devtools', 'Prod']
    assert.deepEqual(suggestNames('sahred', segments), ['shared'])
    assert.deepEqual(suggestNames('agency-vnp', segments), ['agency-vpn'])
    assert.deepEqual(suggestNames('agency', segments), ['agency-vpn', 'agency-vpn-east'])
    assert.deepEqual(suggestNames('prod', segments), ['Prod'])
    assert.deepEqual(suggestNames('devtool', segments), ['devtools'])
    assert.deepEqual(suggestNames('zzzzzz', segments), [])
    assert.deepEqual(suggestNames('', segments), [])
    assert.deepEqual(suggestNames('a', ['b', 'ab', 'c'], {max: 1}), ['ab'])
  })
})
