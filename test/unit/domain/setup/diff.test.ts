import assert from 'node:assert/strict'

import {diffSetup} from '../../../../src/domain/setup/diff.js'
import {exportSetupFile} from '../../../../src/domain/setup/export.js'
import {parseSetupFile} from '../../../../src/domain/setup/parse.js'
import {describeStep, stepsOf} from '../../../../src/domain/setup/steps.js'
import {liveState} from '../../../fixtures/setup/live.js'

const plan = (text: string, prune = false) => diffSetup(parseSetupFile(text).file!, liveState(), {prune})
const changed = (text: string, prune = false) =>
  plan(text, prune)
    .changes.filter((c) => c.action !== 'no-op')
    .map((c) => [c.action, c.address, c.before, c.after, c.reason])

describe('domain/setup: the differ', () => {
  it('finds nothing to do for what export wrote (round trip)', () => {
    const text = exportSetupFile(liveState())
    const result = diffSetup(parseSetupFile(text).file!, liveState(), {prune: true})
    assert.deepEqual(result.summary, {create: 0, update: 0, delete: 0, noOp: 12})
  })

  it('exports "none" as null, except a default that was not read, and plans a null against a live value as clearing it', () => {
    const text = exportSetupFile(liveState())
    assert.match(text, /\n {2}agency-b:\n {4}default_segment: null\n/)
    assert.match(text, /\n {6}dev:\n {8}segment: null\n/)
    assert.match(text, /\n {2}temp:\n {4}spaces:\n/)
    assert.deepEqual(changed('orgs: {agency-a: {default_segment: null, spaces: {prod: {segment: null}}}}\n'), [
      ['update', 'org.agency-a', {default_segment: 'vpn-east'}, {default_segment: null}, 'default_segment: vpn-east → none'],
      ['update', 'org.agency-a.space.prod', {segment: 'vpn-east'}, {segment: null}, 'segment: vpn-east → none'],
    ])
  })

  it('manages only the fields the file sets: a left-out field is never compared', () => {
    assert.deepEqual(
      changed(
        'isolation_segments: {vpn-east: {}}\norgs: {agency-a: {spaces: {prod: {}}}}\nsecurity_groups: {dns: {rules: [{protocol: udp, destination: 0.0.0.0/0, ports: "53"}]}}\n',
      ),
      [],
    )
  })

  it('is authoritative for fields the file sets, and explains each change', () => {
    assert.deepEqual(
      changed(
        [
          'isolation_segments: {vpn-east: {networks: [10.10.0.0/16, 10.20.0.0/16], orgs: [agency-a]}}',
          'orgs:',
          '  agency-a: {default_segment: null, spaces: {prod: {segment: null, security_groups: {running: [public]}}}}',
          'security_groups: {dns: {rules: [{protocol: udp, destination: 0.0.0.0/0, ports: "53"}], globally_enabled: {running: false}}}',
        ].join('\n'),
      ),
      [
        [
          'update',
          'segment.vpn-east',
          {networks: ['10.10.0.0/16'], orgs: ['agency-a', 'agency-b']},
          {networks: ['10.10.0.0/16', '10.20.0.0/16'], orgs: ['agency-a']},
          'networks: add 10.20.0.0/16; orgs: remove agency-b',
        ],
        ['update', 'org.agency-a', {default_segment: 'vpn-east'}, {default_segment: null}, 'default_segment: vpn-east → none'],
        [
          'update',
          'org.agency-a.space.prod',
          {segment: 'vpn-east', 'security_groups.running': ['a-vpn', 'public']},
          {segment: null, 'security_groups.running': ['public']},
          'segment: vpn-east → none; security_groups.running: remove a-vpn',
        ],
        [
          'update',
          'security_group.dns',
          {rules: [{protocol: 'udp', destination: '0.0.0.0/0', ports: '53'}], globally_enabled: {running: true}},
          {rules: [{protocol: 'udp', destination: '0.0.0.0/0', ports: '53'}], globally_enabled: {running: false}},
          'globally_enabled: {"running":true} → {"running":false}',
        ],
      ],
    )
  })

  it('warns at plan time about a revoke the platform will refuse', () => {
    const result = plan('isolation_segments: {vpn-east: {orgs: [agency-a]}}\n')
    assert.deepEqual(result.warnings, [
      "segment.vpn-east: revoking org 'agency-b' will fail: 'vpn-east' is assigned to space 'prod' of org 'agency-b'. Change that in the file (or on the foundation) first.",
      '3 object(s) created by cgx are not in the file: org.agency-a.space.dev, org.temp, segment.vpn-old. `--prune` would delete them.',
    ])
  })

  it('adds the entitlements that defaults and space segments need, even where orgs is left out', () => {
    assert.deepEqual(changed('orgs: {new-org: {default_segment: vpn-east, spaces: {web: {segment: VPN-East}}}}\n'), [
      [
        'update',
        'segment.vpn-east',
        {orgs: ['agency-a', 'agency-b']},
        {orgs: ['agency-a', 'agency-b', 'new-org']},
        'orgs: add new-org (entitlement needed: new-org for org.new-org default_segment)',
      ],
      ['create', 'org.new-org', null, {default_segment: 'vpn-east'}, 'not on the foundation'],
      ['create', 'org.new-org.space.web', null, {segment: 'vpn-east'}, 'not on the foundation'],
    ])
  })

  it('prunes only labeled objects the file neither names nor refers to, and only with prune', () => {
    const text = 'orgs: {agency-a: {spaces: {prod: {}}}}\n'
    assert.deepEqual(plan(text).summary.delete, 0)
    assert.deepEqual(
      changed(text, true).map(([action, address, before]) => [action, address, before]),
      [
        ['delete', 'org.agency-a.space.dev', {}],
        ['delete', 'org.temp', {}],
        ['delete', 'segment.vpn-old', {orgs: []}],
      ],
    )
    assert.equal(
      changed('orgs: {agency-a: {spaces: {prod: {segment: vpn-old}, dev: {}}}, temp: {spaces: {one: {}}}}\n', true).filter(
        ([action]) => action === 'delete',
      ).length,
      0,
    )
  })
})

describe('domain/setup: steps in dependency order', () => {
  it('creates before it refers, and deletes last in reverse', () => {
    const result = diffSetup(
      parseSetupFile(
        [
          'isolation_segments: {vpn-new: {networks: [10.50.0.0/16], orgs: [org-n]}, vpn-east: {orgs: [agency-a]}}',
          'security_groups: {g-new: {rules: [{protocol: tcp, destination: 10.50.0.0/16, ports: "443"}]}}',
          'orgs:',
          '  org-n: {default_segment: vpn-new, spaces: {s: {segment: vpn-new, security_groups: {running: [g-new], staging: [dns]}}}}',
          '  agency-b: {spaces: {prod: {segment: null}}}',
        ].join('\n'),
      ).file!,
      liveState(),
      {prune: true},
    )
    assert.deepEqual(
      stepsOf(result.changes).map((s) => describeStep(s.step)),
      [
        'create segment vpn-new',
        'create org org-n',
        'entitle org org-n to segment vpn-new',
        'set the default segment of org org-n to vpn-new',
        'create space org-n/s',
        'set the segment of space org-n/s to vpn-new',
        'set the segment of space agency-b/prod to none',
        'create security group g-new',
        'bind g-new to org-n/s (running)',
        'bind dns to org-n/s (staging)',
        'delete space agency-a/dev',
        'revoke segment vpn-east from org agency-b',
        'delete org temp',
        'delete segment vpn-old',
      ],
    )
  })
})
