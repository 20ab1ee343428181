import assert from 'node:assert/strict'

import type {ReachReport} from '../../../src/ops/reach/report.js'
import {renderReachMermaid} from '../../../src/render/mermaid.js'
import {reachEntry} from '../../fixtures/reach/entry.js'

const prodRunning = reachEntry()

const report: ReachReport = {
  scope: {},
  query: {network: null, ports: null, lifecycles: ['running', 'staging']},
  restartChecked: true,
  segments: [
    {name: 'vpn-east', networks: ['10.10.0.0/16']},
    {name: 'shared', networks: []},
  ],
  spaces: [
    {org: 'agency-a', name: 'prod', guid: 'g-prod', segment: 'vpn-east', source: 'space'},
    {org: 'agency-b', name: 'dev', guid: 'g-dev', segment: 'shared', source: 'shared'},
  ],
  results: [prodRunning, {...prodRunning, org: 'agency-b', space: 'dev', spaceGuid: 'g-dev', reachable: 'no', ports: []}],
}

describe('render/mermaid', () => {
  it('draws segments holding their spaces, the networks behind them and an arrow per reached network', () => {
    const staging = {...prodRunning, lifecycle: 'staging' as const, reachable: 'partly' as const}
    const text = renderReachMermaid({...report, results: [...report.results, staging]})
    assert.equal(
      text,
      [
        'flowchart LR',
        '  net0[("10.10.0.0/16")]',
        '  subgraph seg1["segment vpn-east"]',
        '    space2["agency-a / prod"]',
        '  end',
        '  seg1 === net0',
        '  subgraph seg3["segment shared"]',
        '    space4["agency-b / dev"]',
        '  end',
        '  space2 -->|"running: tcp 443<br/>staging: tcp 443 (partly)"| net0',
        '',
      ].join('\n'),
    )
  })

  it('labels DNS-only reach as such, with a dotted arrow', () => {
    const dnsOnly = {
      ...prodRunning,
      reachable: 'partly' as const,
      dnsOnly: true,
      ports: [{protocol: 'tcp', ports: '53', fullPorts: '53', covered: []}],
    }
    assert.match(renderReachMermaid({...report, results: [dnsOnly]}), /space2 -\.->\|"running: tcp 53 \(dns only\)"\| net0/)
  })

  it('dots an arrow when the network is only partly reached, and escapes quotes in names', () => {
    const partly = {...prodRunning, reachable: 'partly' as const}
    const spaces = [{...report.spaces[0], name: 'say "hi"'}]
    const text = renderReachMermaid({...report, spaces, results: [partly]})
    assert.match(text, /space2\["agency-a \/ say #quot;hi#quot;"\]/)
    assert.match(text, /space2 -\.->\|"running: tcp 443 \(partly\)"\| net0/)
  })
})
