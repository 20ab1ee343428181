import assert from 'node:assert/strict'
import {versionAtLeast} from '../../../src/cf/api-version.js'

describe('cf api version comparison', () => {
  it('compares major, minor and patch as numbers', () => {
    assert.equal(versionAtLeast('3.183.0', '3.183.0'), true)
    assert.equal(versionAtLeast('3.228.0', '3.183.0'), true)
    assert.equal(versionAtLeast('3.183.1', '3.183.0'), true)
    assert.equal(versionAtLeast('4.0.0', '3.183.0'), true)
    assert.equal(versionAtLeast('3.180.0', '3.183.0'), false)
    assert.equal(versionAtLeast('3.99.0', '3.183.0'), false, 'not a text comparison')
    assert.equal(versionAtLeast('3.182.99', '3.183.0'), false)
    assert.equal(versionAtLeast('2.300.0', '3.0.0'), false)
  })

  it('refuses what is not major.minor.patch, naming it', () => {
    for (const bad of ['', '3.183', 'v3.183.0', '3.183.0-rc1', 'latest']) {
      assert.throws(() => versionAtLeast(bad, '3.183.0'), new RegExp(`'${bad.replace(/\./g, '\\.')}' is not an API version`), bad)
    }
    assert.throws(() => versionAtLeast('3.183.0', '3.183'), /'3\.183' is not an API version/)
  })
})
