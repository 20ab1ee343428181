import assert from 'node:assert/strict'
import {userInfo} from 'node:os'
import path from 'node:path'

import {cgxConfigPath} from '../../../src/cli/cgx-config.js'
import {parseCgxConfig} from '../../../src/cli/cgx-config-file.js'

describe('cli/cgx-config-file: CIDR lists', () => {
  it("refuses a list as open as /0 judged on its union, at the list's line and column", () => {
    const text = 'foundations:\n  https://api.example.gov:\n    networks:\n      vpn: [0.0.0.0/1, 128.0.0.0/1]\n    egress: [10.0.0.0/8]\n'
    assert.throws(() => parseCgxConfig(text, 'c.yml'), {
      code: 'CGX_CONFIG_INVALID',
      message:
        'Invalid cgx config: c.yml:4:12: networks of vpn: 0.0.0.0/1 and 128.0.0.0/1 together cover all of IPv4, as open as /0; ' +
        'a list may cover less than 1/16 of IPv4 and of IPv6 2000::/3',
    })
  })

  it('keeps a list under the threshold, canonical', () => {
    const config = parseCgxConfig('foundations:\n  https://api.example.gov:\n    egress: [16.0.0.0/5, 2001:db8::/32]\n', 'c.yml')
    assert.deepEqual(config.foundation('https://api.example.gov').egress, ['16.0.0.0/5', '2001:db8::/32'])
  })
})

describe('cli/cgx-config-file: aliases', () => {
  it('refuses YAML aliases with one problem at the first alias, instead of reading each as an empty value', () => {
    const text = [
      'foundations:',
      '  https://api.example.gov:',
      '    networks:',
      '      a: &a [10.0.0.0/8, 10.1.0.0/16]',
      '      b: [*a, *a]',
      '      c: *a',
      '',
    ].join('\n')
    assert.throws(
      () => parseCgxConfig(text, 'cgx.yml'),
      (error: Error & {code?: string; suggestions?: string[]}) => {
        assert.equal(error.code, 'CGX_CONFIG_INVALID')
        assert.equal(
          error.message,
          'Invalid cgx config: cgx.yml:5:11: aliases (*a) are not supported in the cgx config: write the values out',
        )
        assert.equal(error.suggestions?.length, 1, 'only the example follows')
        return true
      },
    )
  })

  it('reads a file without aliases', () => {
    const config = parseCgxConfig('foundations:\n  https://api.example.gov:\n    egress: [198.51.100.10/32]\n', 'cgx.yml')
    assert.deepEqual(config.foundation('api.example.gov').egress, ['198.51.100.10/32'])
  })
})

describe('cli/cgx-config: where it is', () => {
  it("is $CGX_CONFIG, else in the home folder, never in the current folder (an empty HOME gives way to the account's)", () => {
    assert.equal(cgxConfigPath({CGX_CONFIG: 'here.yml', HOME: '/h'}), 'here.yml')
    assert.equal(cgxConfigPath({HOME: '/h'}), '/h/.cgx/config.yml')
    assert.equal(cgxConfigPath({HOME: ''}), path.join(userInfo().homedir, '.cgx', 'config.yml'))
  })
})
