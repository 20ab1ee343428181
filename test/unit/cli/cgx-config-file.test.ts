import assert from 'node:assert/strict'

import {parseCgxConfig} from '../../../src/cli/cgx-config-file.js'

describe('cli/cgx-config-file: CIDR lists', () => {
  it('refuses a list as open as /0 judged on its union, at the list\'s line and column', () => {
    const text = 'foundations:\n  https://api.example.gov:\n    networks:\n      vpn: [0.0.0.0/1, 128.0.0.0/1]\n    egress: [10.0.0.0/8]\n'
    assert.throws(() => parseCgxConfig(text, 'c.yml'), {
      code: 'CGX_CONFIG_INVALID',
      message: 'Invalid cgx config: c.yml:4:12: networks of vpn: 0.0.0.0/1 and 128.0.0.0/1 together cover all of IPv4, as open as /0; ' +
        'a list may cover less than 1/16 of IPv4 and of IPv6 2000::/3',
    })
  })

  it('keeps a list under the threshold, canonical', () => {
    const config = parseCgxConfig('foundations:\n  https://api.example.gov:\n    egress: [16.0.0.0/5, 2001:db8::/32]\n', 'c.yml')
    assert.deepEqual(config.foundation('https://api.example.gov').egress, ['16.0.0.0/5', '2001:db8::/32'])
  })
})
