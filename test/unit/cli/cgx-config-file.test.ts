import assert from 'node:assert/strict'

import {parseCgxConfig} from '../../../src/cli/cgx-config-file.js'

describe('cgx config file', () => {
  it('refuses YAML aliases with one problem at the first alias, instead of reading each as an empty value', () => {
    const text = ['foundations:', '  https://api.example.gov:', '    networks:', '      a: &a [10.0.0.0/8, 10.1.0.0/16]', '      b: [*a, *a]', '      c: *a', ''].join('\n')
    assert.throws(() => parseCgxConfig(text, 'cgx.yml'), (error: Error & {code?: string; suggestions?: string[]}) => {
      assert.equal(error.code, 'CGX_CONFIG_INVALID')
      assert.equal(error.message, 'Invalid cgx config: cgx.yml:5:11: aliases (*a) are not supported in the cgx config: write the values out')
      assert.equal(error.suggestions?.length, 1, 'only the example follows')
      return true
    })
  })

  it('reads a file without aliases', () => {
    const config = parseCgxConfig('foundations:\n  https://api.example.gov:\n    egress: [198.51.100.10/32]\n', 'cgx.yml')
    assert.deepEqual(config.foundation('api.example.gov').egress, ['198.51.100.10/32'])
  })
})
