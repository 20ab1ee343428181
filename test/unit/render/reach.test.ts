import assert from 'node:assert/strict'

import type {ReachEntry, ReachReport} from '../../../src/ops/reach/report.js'
import {describePorts, renderReach, renderReachCsv} from '../../../src/render/reach.js'
import {plainTheme, type RenderOptions} from '../../../src/render/theme.js'
import {reachEntry} from '../../fixtures/reach/entry.js'

const tty: RenderOptions = {tty: true, width: 120, theme: {...plainTheme, green: (t) => `<g>${t}</g>`}}
const piped: RenderOptions = {tty: false, width: 120, theme: plainTheme}

const prodRunning = reachEntry({
  reason: "open via 'agency-a-vpn' (space)",
  rules: [
    {
      group: 'agency-a-vpn',
      groupGuid: 'a',
      binding: 'space',
      rule: 'tcp 10.10.0.0/16 443',
      outcome: 'opens',
      covered: ['10.10.0.0/16'],
      partial: false,
      reason: 'opens tcp 443 to 10.10.0.0/16',
    },
    {
      group: 'agency-a-vpn',
      groupGuid: 'a',
      binding: 'space',
      rule: 'tcp 10.20.0.0/16 5432',
      outcome: 'wrong-destination',
      covered: [],
      partial: false,
      reason: 'its destination does not include 10.10.0.0/16',
    },
  ],
})

const devNo: ReachEntry = {
  ...prodRunning,
  org: 'agency-b',
  space: 'dev',
  spaceGuid: 'g-dev',
  segment: 'shared',
  segmentSource: 'shared',
  reachable: 'no',
  protocols: [],
  ports: [],
  covered: [],
  reason: "segment 'shared' has no route to 10.10.0.0/16",
  rules: [],
}

const report: ReachReport = {
  scope: {},
  query: {network: '10.10.0.0/16', ports: null, lifecycles: ['running']},
  restartChecked: true,
  segments: [
    {name: 'vpn-east', networks: ['10.10.0.0/16']},
    {name: 'shared', networks: []},
  ],
  spaces: [
    {org: 'agency-a', name: 'prod', guid: 'g-prod', segment: 'vpn-east', source: 'space'},
    {org: 'agency-b', name: 'dev', guid: 'g-dev', segment: 'shared', source: 'shared'},
  ],
  results: [prodRunning, devNo],
}

describe('render/reach', () => {
  it('summarises ports: all, per protocol, or nothing', () => {
    const all = ['tcp', 'udp'].map((protocol) => ({protocol, ports: '1-65535', fullPorts: '1-65535', covered: []}))
    assert.equal(describePorts([...all, {protocol: 'icmp', ports: '', fullPorts: '', covered: []}]), 'all')
    assert.equal(
      describePorts([
        {protocol: 'tcp', ports: '53,443', fullPorts: '', covered: []},
        {protocol: 'udp', ports: '53', fullPorts: '', covered: []},
      ]),
      'tcp 53,443; udp 53',
    )
    assert.equal(describePorts([]), '-')
  })

  it('prints an aligned table on a terminal, the verdict colored', () => {
    const lines = renderReach(report, tty).split('\n')
    assert.match(lines[0], /^org\s+space\s+network\s+lifecycle\s+segment\s+reachable\s+ports\s+why$/)
    assert.match(
      lines[1],
      /^agency-a\s+prod\s+10\.10\.0\.0\/16\s+running\s+vpn-east\s+<g>yes<\/g>\s+tcp 443\s+open via 'agency-a-vpn' \(space\)$/,
    )
    assert.match(lines[2], /^agency-b\s+dev\s+.*\bno\s+-\s+segment 'shared' has no route to 10\.10\.0\.0\/16$/)
  })

  it('says "partly (dns only)" where DNS is all that gets through', () => {
    const dnsOnly: ReachEntry = {
      ...prodRunning,
      reachable: 'partly',
      dnsOnly: true,
      reason: "partly open via 'dns' (global): only DNS (53) gets through",
      ports: [
        {protocol: 'tcp', ports: '53', fullPorts: '53', covered: []},
        {protocol: 'udp', ports: '53', fullPorts: '53', covered: []},
      ],
    }
    assert.equal(
      renderReach({...report, results: [dnsOnly]}, piped).split('\n')[0],
      "agency-a\tprod\t10.10.0.0/16\trunning\tvpn-east\tpartly (dns only)\ttcp 53; udp 53\tpartly open via 'dns' (global): only DNS (53) gets through",
    )
  })

  it('prints tab-separated rows without a header when piped', () => {
    assert.equal(
      renderReach(report, piped).split('\n')[0],
      "agency-a\tprod\t10.10.0.0/16\trunning\tvpn-east\tyes\ttcp 443\topen via 'agency-a-vpn' (space)",
    )
  })

  it('lists every rule verdict under its row with --rules', () => {
    const text = renderReach(report, piped, {rules: true})
    assert.equal(
      text,
      [
        "agency-a/prod -> 10.10.0.0/16 (running, segment vpn-east): yes, tcp 443: open via 'agency-a-vpn' (space)",
        '    opens  agency-a-vpn (space): tcp 10.10.0.0/16 443: opens tcp 443 to 10.10.0.0/16',
        '    wrong-destination  agency-a-vpn (space): tcp 10.20.0.0/16 5432: its destination does not include 10.10.0.0/16',
        "agency-b/dev -> 10.10.0.0/16 (running, segment shared): no, -: segment 'shared' has no route to 10.10.0.0/16",
        '    (no security group applies)',
        '',
      ].join('\n'),
    )
  })

  it('says why there is nothing to show', () => {
    const empty = {...report, query: {...report.query, network: null}, results: []}
    assert.match(renderReach(empty, piped), /No private networks are declared for the segments of the foundation/)
  })

  it('writes CSV with the opening rules', () => {
    const [header, first] = renderReachCsv(report).split('\r\n')
    assert.equal(header, 'org,space,space_guid,network,lifecycle,segment,segment_source,reachable,ports,opening_rules,reason')
    assert.equal(
      first,
      "agency-a,prod,g-prod,10.10.0.0/16,running,vpn-east,space,yes,tcp 443,agency-a-vpn: tcp 10.10.0.0/16 443,open via 'agency-a-vpn' (space)",
    )
  })
})
