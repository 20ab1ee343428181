import assert from 'node:assert/strict'

import type {EgressRangesResult} from '../../../src/ops/egress/ranges.js'
import {renderEgressCheck, renderEgressRanges} from '../../../src/render/egress.js'
import {plainRenderOptions} from '../../../src/render/theme.js'

describe('render/egress', () => {
  const common = {
    api: 'https://api.fr.cloud.gov',
    foundation: 'cloud.gov',
    source: 'https://cloud.gov/docs/management/static-egress/',
    ranges: ['52.222.122.97/32'],
    notice: 'shared by every app',
  }

  it('prints the formatted ranges exactly, so they can be pasted or piped', () => {
    const result: EgressRangesResult = {
      ...common,
      format: 'nginx',
      ports: 'all traffic',
      formatted: '# cloud.gov egress\nallow 52.222.122.97/32;\ndeny all;\n',
    }
    assert.equal(renderEgressRanges(result), result.formatted)
  })

  it('says the answer in words, inside or outside, on stdout', () => {
    const inside = {
      ...common,
      ip: '52.222.122.97',
      inside: true,
      range: '52.222.122.97/32',
      reason: '52.222.122.97 is in the egress range 52.222.122.97/32 of cloud.gov.',
    }
    assert.equal(renderEgressCheck(inside, plainRenderOptions), '52.222.122.97 is in the egress range 52.222.122.97/32 of cloud.gov.\n')
    const outside = {
      ...common,
      ip: '203.0.113.9',
      inside: false,
      range: null,
      reason: '203.0.113.9 is not in the egress ranges of cloud.gov (52.222.122.97/32).',
    }
    assert.equal(
      renderEgressCheck(outside, plainRenderOptions),
      '203.0.113.9 is not in the egress ranges of cloud.gov (52.222.122.97/32).\n',
    )
  })
})
