import assert from 'node:assert/strict'

import type {DefaultSegmentResult} from '../../../src/ops/segments/default.js'
import type {EntitleResult} from '../../../src/ops/segments/entitle.js'
import type {NetworksResult} from '../../../src/ops/segments/networks.js'
import type {AppToRestart} from '../../../src/ops/segments/restart.js'
import type {SpaceSegmentResult} from '../../../src/ops/segments/space-segment.js'
import {renderDefault, renderEntitle, renderNetworks, renderRevoke, renderSpaceSegment} from '../../../src/render/segment-changes.js'
import {plainRenderOptions, plainTheme, type RenderOptions} from '../../../src/render/theme.js'

const tty: RenderOptions = {tty: true, width: 120, theme: plainTheme}
const east = {name: 'vpn-east', guid: 'seg-east'}
const orgA = {name: 'agency-a', guid: 'org-a'}
const staging: AppToRestart = {
  app: 'api',
  appGuid: 'app-1',
  org: 'agency-a',
  space: 'staging',
  spaceGuid: 'space-1',
  instances: 1,
  runningOn: ['shared'],
  movesTo: 'vpn-east',
}

function spaceResult(change: Partial<SpaceSegmentResult>): SpaceSegmentResult {
  return {
    org: orgA,
    space: {name: 'dev', guid: 'space-dev'},
    segment: east,
    previous: null,
    effectiveSegment: {...east, source: 'space'},
    changed: true,
    restartNeeded: [],
    restarted: [],
    ...change,
  }
}

describe('render/segment-changes', () => {
  it('says what assign did, or that there was nothing to change', () => {
    assert.equal(
      renderSpaceSegment(spaceResult({}), plainRenderOptions),
      'Assigned segment vpn-east to space dev in org agency-a (before: none).\n',
    )
    assert.equal(
      renderSpaceSegment(spaceResult({changed: false, previous: east}), plainRenderOptions),
      'The space dev in org agency-a already has segment vpn-east: nothing to change.\n',
    )
  })

  it('says where a space runs after unassign, and why', () => {
    const unassigned = spaceResult({segment: null, previous: east, effectiveSegment: {name: 'shared', guid: 's', source: 'shared'}})
    assert.equal(
      renderSpaceSegment(unassigned, plainRenderOptions),
      'Removed segment vpn-east from space dev in org agency-a: its apps run on shared (no space or org default).\n',
    )
    const already = spaceResult({segment: null, changed: false, effectiveSegment: {...east, source: 'org-default'}})
    assert.equal(
      renderSpaceSegment(already, plainRenderOptions),
      'The space dev in org agency-a has no segment of its own: nothing to change; its apps run on vpn-east (the org default).\n',
    )
  })

  it('lists the apps that need a restart as an aligned table on a terminal, tab-separated when piped', () => {
    const result = spaceResult({restartNeeded: [staging]})
    assert.equal(
      renderSpaceSegment(result, tty).split('\n').slice(1).join('\n'),
      [
        '',
        'Apps that move only when restarted:',
        'org/space          app   instances   running on   moves to',
        'agency-a/staging   api   1           shared       vpn-east',
        '',
      ].join('\n'),
    )
    assert.match(renderSpaceSegment(result, plainRenderOptions), /\nagency-a\/staging\tapi\t1\tshared\tvpn-east\n$/)
  })

  it('shows the restarts done instead of the list when --restart was given', () => {
    const result = spaceResult({
      restartNeeded: [staging],
      restarted: [{app: 'api', appGuid: 'app-1', space: 'staging', deploymentGuid: 'dep-1', status: 'FINALIZED/DEPLOYED'}],
    })
    const text = renderSpaceSegment(result, plainRenderOptions)
    assert.match(text, /Restarted with rolling deployments:\nstaging\tapi\tdep-1\tFINALIZED\/DEPLOYED\n$/)
    assert.doesNotMatch(text, /move only when restarted/)
  })

  it('says what default did, and which spaces follow it', () => {
    const base: DefaultSegmentResult = {
      action: 'set',
      org: orgA,
      segment: east,
      previous: null,
      changed: true,
      followingSpaces: ['dev', 'staging'],
      restartNeeded: [],
      restarted: [],
    }
    assert.equal(
      renderDefault(base, plainRenderOptions),
      'vpn-east is now the default segment of org agency-a (before: none).\nSpaces that follow the default: dev, staging.\n',
    )
    assert.equal(
      renderDefault({...base, segment: null, previous: east, followingSpaces: []}, plainRenderOptions),
      'Org agency-a has no default segment now (before: vpn-east): its spaces without a segment of their own run on shared.\nSpaces that follow the default: none.\n',
    )
    assert.match(
      renderDefault({...base, changed: false}, plainRenderOptions),
      /^vpn-east is already the default segment of org agency-a: nothing to change\.\n/,
    )
  })

  it('shows the current default, or that the org has none and what that means', () => {
    const shown: DefaultSegmentResult = {
      action: 'show',
      org: orgA,
      segment: east,
      previous: east,
      changed: false,
      followingSpaces: ['dev'],
      restartNeeded: [],
      restarted: [],
    }
    assert.equal(
      renderDefault(shown, plainRenderOptions),
      'The default segment of org agency-a is vpn-east (set on the org).\nSpaces that follow the default: dev.\n',
    )
    assert.equal(
      renderDefault({...shown, segment: null, previous: null}, plainRenderOptions),
      "Org agency-a has no default segment: its spaces without a segment of their own run on shared, the platform's own segment.\nSpaces that follow the default: dev.\n",
    )
  })

  it('says per org what entitle and revoke did', () => {
    const entitled: EntitleResult = {
      segment: east,
      changed: true,
      restartNeeded: [],
      restarted: [],
      orgs: [
        {...orgA, entitlement: 'entitled', default: 'set'},
        {name: 'agency-b', guid: 'org-b', entitlement: 'already-entitled'},
      ],
    }
    assert.equal(
      renderEntitle(entitled, plainRenderOptions),
      [
        'Entitled org agency-a to segment vpn-east.',
        'vpn-east is now the default segment of org agency-a.',
        'Org agency-b is already entitled to vpn-east: nothing to change.',
        '',
      ].join('\n'),
    )
    const revoked = renderRevoke(
      {
        segment: east,
        changed: true,
        orgs: [
          {...orgA, entitlement: 'revoked'},
          {name: 'agency-c', guid: 'org-c', entitlement: 'not-entitled'},
        ],
      },
      plainRenderOptions,
    )
    assert.equal(revoked, 'Revoked segment vpn-east from org agency-a.\nOrg agency-c is not entitled to vpn-east: nothing to change.\n')
  })

  it('shows networks with their source, a heading on a terminal only, and the changes made', () => {
    const result: NetworksResult = {
      action: 'add',
      segment: east,
      annotation: 'cgx.cloud.gov/private-networks',
      changed: true,
      added: ['10.30.0.0/16'],
      removed: [],
      networks: [
        {cidr: '10.10.0.0/16', source: 'annotation'},
        {cidr: '10.30.0.0/16', source: 'local'},
      ],
    }
    assert.equal(renderNetworks(result, plainRenderOptions), 'Added 10.30.0.0/16.\n10.10.0.0/16\tannotation\n10.30.0.0/16\tlocal\n')
    assert.equal(
      renderNetworks({...result, action: 'show', networks: []}, tty),
      'Networks behind segment vpn-east (annotation cgx.cloud.gov/private-networks):\nnone\n',
    )
    assert.match(
      renderNetworks({...result, changed: false, added: []}, plainRenderOptions),
      /^The networks of vpn-east are already so: nothing to change\.\n/,
    )
  })
})
