import assert from 'node:assert/strict'

import type {EgressRangesResult} from '../../../src/ops/egress/ranges.js'
import {renderEgressCheck, renderEgressRanges} from '../../../src/render/egress.js'
import {plainRenderOptions} from '../../../src/render/theme.js'

describe('render/egress', () => {
  const common = {api: 'https://api.fr.cloud.gov', foundation: 'cloud.gov', source: 'https://cloud.gov/docs/management/static-egress/', ranges: ['52.222.122.97/32'], notice: 'shared by every app'}

  it('prints the formatted ranges exactly, so they can be pasted or piped', () => {
    const result: EgressRangesResult = {...common, format: 'nginx', ports: 'all traffic', formatted: '# cloud.gov egress\nallow 52.222.122.97/32;\ndeny all;\n'}
    assert.equal(renderEgressRanges(result), result.formatted)
  })

  it('says which range holds a checked address', () => {
    const text = renderEgressCheck({...common, ip: '52.222.122.97', inside: true, range: '52.222.122.97/32'}, plainRenderOptions)
    assert.equal(text, '52.222.122.97 is in the egress range 52.222.122.97/32 of cloud.gov.\n')
  })
})
