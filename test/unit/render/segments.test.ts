import assert from 'node:assert/strict'

import type {SegmentStatus} from '../../../src/ops/segments/status.js'
import {describeRestart, renderSegmentList, renderSegmentStatus} from '../../../src/render/segments.js'
import {plainTheme, type RenderOptions} from '../../../src/render/theme.js'

const tty: RenderOptions = {tty: true, width: 120, theme: {...plainTheme, yellow: (t) => `<y>${t}</y>`, red: (t) => `<r>${t}</r>`}}
const piped: RenderOptions = {tty: false, width: 120, theme: plainTheme}

const status: SegmentStatus = {
  scope: {},
  restartChecked: true,
  orgs: [
    {name: 'agency-a', guid: 'o-a', entitled: ['vpn-east'], default: 'vpn-east', warnings: []},
    {
      name: 'agency-b',
      guid: 'o-b',
      entitled: ['vpn-east'],
      default: null,
      warnings: [{code: 'ENTITLED_NO_DEFAULT', org: 'agency-b', segment: null, spaces: ['prod'], message: "org 'agency-b' has no default"}],
    },
  ],
  spaces: [
    {
      org: 'agency-a',
      name: 'staging',
      guid: 's-1',
      assigned: null,
      effective: 'vpn-east',
      source: 'org-default',
      networks: ['10.10.0.0/16'],
      restartNeeded: [{app: 'api', appGuid: 'a-1', instances: 2, runningOn: ['shared']}],
    },
    {org: 'agency-b', name: 'prod', guid: 's-2', assigned: null, effective: 'shared', source: 'shared', networks: [], restartNeeded: []},
  ],
}

describe('render/segments', () => {
  it('lists segments with their entitled orgs by name, and says on a terminal what shared is', () => {
    const list = {
      segments: [
        {
          name: 'vpn-east',
          guid: 'g',
          entitledOrgs: 2,
          orgs: [
            {name: 'agency-a', guid: 'o-a'},
            {name: 'agency-b', guid: 'o-b'},
          ],
          assignedSpaces: 1,
          networks: ['10.10.0.0/16', '10.20.0.0/16'],
          shared: false,
        },
        {name: 'shared', guid: 's', entitledOrgs: 0, orgs: [], assignedSpaces: 0, networks: [], shared: true},
      ],
    }
    assert.equal(renderSegmentList(list, piped), 'vpn-east\tagency-a,agency-b\t1\t10.10.0.0/16,10.20.0.0/16\nshared\t-\t0\t-\n')
    const text = renderSegmentList(list, tty)
    assert.match(text, /^name\s+orgs\s+spaces\s+networks\nvpn-east\s+agency-a,agency-b\s+1\s/)
    assert.match(text, /\n\nshared is the platform's own segment: spaces with no segment of their own and no org default run on it\.\n$/)
  })

  it('describes a restart in words', () => {
    assert.equal(describeRestart({app: 'api', appGuid: 'a', instances: 1, runningOn: ['shared']}), 'api (1 instance on shared)')
    assert.equal(
      describeRestart({app: 'api', appGuid: 'a', instances: 3, runningOn: ['shared', 'vpn-west']}),
      'api (3 instances on shared, vpn-west)',
    )
  })

  it('shows orgs, spaces, then the warnings and restarts spelled out on a terminal', () => {
    const text = renderSegmentStatus(status, tty)
    const [orgs, spaces, notes] = text.split('\n\n')
    assert.match(
      orgs,
      /^org\s+entitled\s+default\s+warnings\nagency-a\s+vpn-east\s+vpn-east\s+none\nagency-b\s+vpn-east\s+-\s+<y>ENTITLED_NO_DEFAULT<\/y>$/,
    )
    assert.match(spaces, /^org\s+space\s+assigned\s+effective\s+from\s+networks\s+restart needed\n/)
    assert.match(spaces, /agency-a\s+staging\s+-\s+vpn-east\s+org default\s+10\.10\.0\.0\/16\s+<r>api \(2 instances on shared\)<\/r>/)
    assert.equal(notes, "<y>!</y> org 'agency-b' has no default\n<r>!</r> agency-a/staging: restart api to move to 'vpn-east'\n")
  })

  it('prints plain rows when piped, and no restart column when the check was skipped', () => {
    const text = renderSegmentStatus({...status, restartChecked: false}, piped)
    assert.equal(
      text,
      [
        'agency-a\tvpn-east\tvpn-east\tnone',
        'agency-b\tvpn-east\t-\tENTITLED_NO_DEFAULT',
        '',
        'agency-a\tstaging\t-\tvpn-east\torg default\t10.10.0.0/16',
        'agency-b\tprod\t-\tshared\tshared\t-',
        '',
      ].join('\n'),
    )
  })
})
