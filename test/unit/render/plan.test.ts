import assert from 'node:assert/strict'

import {diffSetup} from '../../../src/domain/setup/diff.js'
import {parseSetupFile} from '../../../src/domain/setup/parse.js'
import {renderPlan} from '../../../src/render/plan.js'
import {plainRenderOptions, type Theme} from '../../../src/render/theme.js'
import {liveState} from '../../fixtures/setup/live.js'

const planOf = (text: string, prune = false) => diffSetup(parseSetupFile(text).file!, liveState(), {prune})

describe('render/plan', () => {
  it('prints each change with its symbol, reason and fields, then the summary', () => {
    const text = [
      'security_groups:',
      '  a-vpn: {rules: [{protocol: tcp, destination: 10.10.0.0/16, ports: "443,8443", description: intranet}]}',
      '  new: {rules: [{protocol: icmp, destination: 10.0.0.0/8, type: 8, code: 0}]}',
      'orgs: {agency-b: {default_segment: vpn-east}}',
    ].join('\n')
    assert.equal(
      renderPlan(planOf(text, true), plainRenderOptions),
      [
        'cgx will make these changes on https://api.example.gov:',
        '',
        '~ org.agency-b',
        '    # default_segment: none → vpn-east',
        '    ~ default_segment = none → vpn-east',
        '',
        '~ security_group.a-vpn',
        '    # rules: changed',
        '    ~ rules:',
        '        - tcp 10.10.0.0/16 443',
        '        + tcp 10.10.0.0/16 443,8443 (intranet)',
        '',
        '+ security_group.new',
        '    # not on the foundation',
        '    + rules:',
        '        icmp 10.0.0.0/8 type 8 code 0',
        '',
        '- org.agency-a.space.dev',
        '    # not in the file, and created by cgx (label cgx.cloud.gov/managed-by=cgx)',
        '',
        '- org.temp',
        '    # not in the file, and created by cgx (label cgx.cloud.gov/managed-by=cgx)',
        '',
        '- segment.vpn-old',
        '    # not in the file, and created by cgx (label cgx.cloud.gov/managed-by=cgx)',
        '    - orgs = []',
        '',
        'Plan: 1 to create, 2 to update, 3 to delete, 0 unchanged.',
        '',
      ].join('\n'),
    )
  })

  it('says so when nothing changes', () => {
    assert.equal(
      renderPlan(planOf('orgs: {agency-a: {}}\n'), plainRenderOptions),
      'No changes. https://api.example.gov matches the file (1 object checked).\n',
    )
  })

  it('colors symbols through the theme only', () => {
    const tag = (name: string) => (text: string) => `<${name}>${text}</${name}>`
    const theme: Theme = {bold: tag('b'), dim: tag('d'), red: tag('r'), green: tag('g'), yellow: tag('y'), cyan: tag('c')}
    const out = renderPlan(planOf('orgs: {new: {}}\n'), {...plainRenderOptions, theme})
    assert.match(out, /^<g>\+ org\.new<\/g>\n<d> {4}# not on the foundation<\/d>\n/m)
  })
})
