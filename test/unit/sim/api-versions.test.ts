import assert from 'node:assert/strict'
import {fieldsUnknownAt, parseApiVersion} from '../../../src/sim/api-versions.js'

describe('sim api versions', () => {
  it('compares versions by number, not by text', () => {
    assert.deepEqual(fieldsUnknownAt('3.99.0', 'PATCH', '/v3/routes/:guid'), ['options'])
    assert.deepEqual(fieldsUnknownAt('3.182.9', 'POST', '/v3/routes'), ['options'])
    assert.deepEqual(fieldsUnknownAt('3.183.0', 'PATCH', '/v3/routes/:guid'), [])
    assert.deepEqual(fieldsUnknownAt('3.1000.0', 'PATCH', '/v3/routes/:guid'), [])
    assert.deepEqual(fieldsUnknownAt('4.0.0', 'POST', '/v3/routes'), [])
  })

  it('only names fields of the endpoint asked about', () => {
    assert.deepEqual(fieldsUnknownAt('3.100.0', 'GET', '/v3/routes/:guid'), [])
    assert.deepEqual(fieldsUnknownAt('3.100.0', 'PATCH', '/v3/apps/:guid'), [])
  })

  it('parses x.y.z and nothing else', () => {
    assert.deepEqual(parseApiVersion('3.180.0'), [3, 180, 0])
    for (const bad of ['3.180', '3.180.0.1', 'v3.180.0', '3.x.0', '', '3.180.0-rc']) {
      assert.throws(() => parseApiVersion(bad), /is not a version like 3\.180\.0/, bad)
    }
  })
})
