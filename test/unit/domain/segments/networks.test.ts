import assert from 'node:assert/strict'

import {formatCidr, parseCidr} from '../../../../src/domain/net/cidr.js'
import {
  checkAnnotationKey,
  DEFAULT_NETWORKS_ANNOTATION,
  formatNetworksAnnotation,
  parseNetworksAnnotation,
} from '../../../../src/domain/segments/networks.js'

describe('domain/segments/networks', () => {
  it('reads an annotation value, normalising, skipping junk and masking host bits with warnings', () => {
    const parsed = parseNetworksAnnotation('10.2.0.0/16, 10.1.2.3/24,,bogus,2001:db8::/32,10.2.0.0/16')
    assert.deepEqual(parsed.value!.map(formatCidr), ['10.1.2.0/24', '10.2.0.0/16', '2001:db8::/32'])
    assert.deepEqual(
      parsed.diagnostics.map((d) => [d.severity, d.input, d.suggestion]),
      [
        ['warning', ' 10.1.2.3/24', '10.1.2.0/24'],
        ['warning', 'bogus', undefined],
      ],
    )
    assert.deepEqual(parseNetworksAnnotation('').value, [])
  })

  it('writes a normalised value and refuses one longer than CF allows', () => {
    const value = formatNetworksAnnotation([parseCidr('192.168.0.0/16'), parseCidr('10.0.0.0/8'), parseCidr('10.0.0.0/8')])
    assert.equal(value.value, '10.0.0.0/8,192.168.0.0/16')
    const many = Array.from({length: 400}, (_, i) => parseCidr(`10.${i >> 8}.${i & 255}.0/24`))
    const tooLong = formatNetworksAnnotation(many)
    assert.equal(tooLong.value, undefined)
    assert.equal(tooLong.diagnostics[0].code, 'NETWORKS_TOO_LONG')
  })

  it('checks annotation keys the way CF does', () => {
    assert.equal(checkAnnotationKey(DEFAULT_NETWORKS_ANNOTATION), undefined)
    assert.equal(checkAnnotationKey('private-networks'), undefined)
    for (const bad of [
      'onlycom/key',
      'a/b/c',
      'cloudfoundry.org/x',
      'CloudFoundry.org/x',
      'example.com/-x',
      'example..com/x',
      'example.com/',
    ]) {
      assert.equal(checkAnnotationKey(bad)?.code, 'ANNOTATION_KEY_INVALID', bad)
    }
  })
})
