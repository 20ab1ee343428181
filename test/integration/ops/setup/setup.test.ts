import assert from 'node:assert/strict'
import path from 'node:path'

import {applySetup, exportSetup, planSetup} from '../../../../src/ops/setup/index.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {repoRoot} from '../../../helpers/cli.js'
import {writesIn} from '../../../helpers/sim.js'
import {recordingReporter, useSetupFoundation} from './helpers.js'

const EDIT = (text: string) =>
  text
    .replace('orgs: [agency-a, agency-b]', 'orgs: [agency-a, agency-c]')
    .replace('orgs: [agency-c]', 'orgs: [agency-c, agency-d]')
    .replace('default_segment: vpn-west', 'default_segment: vpn-east')
    .replace(
      'security_groups:\n',
      'security_groups:\n  dns-internal:\n    rules: [{protocol: udp, destination: 10.0.0.2, ports: "53"}]\n',
    ) +
  '  agency-d:\n    default_segment: vpn-west\n    spaces:\n      prod: {segment: vpn-west, security_groups: {running: [dns-internal]}}\n'

describe('ops/setup: export, plan, apply against the simulator', () => {
  const f = useSetupFoundation()

  it('exports a file that plans to no changes, reading the foundation in a fixed number of requests', async () => {
    const cf = await f.client()
    const exported = await exportSetup(cf, {}, silentReporter)
    assert.deepEqual(exported.counts, {segments: 2, securityGroups: 5, orgs: 4, spaces: 7, routeAllowlists: 0})
    f.sim().journal.clear()
    const plan = await planSetup(cf, {file: f.file('export.yml', exported.text)}, silentReporter)
    assert.deepEqual(plan.summary, {create: 0, update: 0, delete: 0, noOp: 18})
    const requests = f
      .sim()
      .journal.entries()
      .filter((e) => !e.path.startsWith('/uaa/'))
    // orgs, spaces, security groups, segments (+2 per segment, shared included; their labels come with them), 3 org defaults
    assert.equal(requests.length, 13, requests.map((e) => e.path).join('\n'))
    assert.ok(
      requests.every((e) => e.method === 'GET' && !/\/v3\/spaces\/[^/]+\//.test(e.path)),
      'no per-space reads',
    )
  })

  it('plans an edit as the expected diff, applies it in dependency order, and a second apply changes nothing', async () => {
    const cf = await f.client()
    const file = f.file('edited.yml', EDIT((await exportSetup(cf, {}, silentReporter)).text))
    const plan = await planSetup(cf, {file}, silentReporter)
    const changed = plan.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${c.address}`)
    assert.deepEqual(changed, [
      'update segment.vpn-east',
      'update segment.vpn-west',
      'update org.agency-c',
      'create org.agency-d',
      'create org.agency-d.space.prod',
      'create security_group.dns-internal',
    ])
    const vpnEast = plan.changes.find((c) => c.address === 'segment.vpn-east')!
    const networks = ['10.10.0.0/16', '10.20.0.0/16']
    assert.deepEqual(
      [vpnEast.before, vpnEast.after],
      [
        {networks, orgs: ['agency-a', 'agency-b']},
        {networks, orgs: ['agency-a', 'agency-c']},
      ],
    )
    assert.equal(vpnEast.reason, 'orgs: add agency-c, remove agency-b')

    f.sim().journal.clear()
    const reporter = recordingReporter()
    const result = await applySetup(cf, {file}, reporter)
    assert.equal(result.status, 'applied')
    assert.equal(result.steps, 10)
    const writes = writesIn(f.sim()).map((w) => w.replace(/[0-9a-f-]{36}/g, ':guid'))
    assert.deepEqual(writes, [
      'POST /v3/organizations',
      'POST /v3/isolation_segments/:guid/relationships/organizations',
      'POST /v3/isolation_segments/:guid/relationships/organizations',
      'PATCH /v3/organizations/:guid/relationships/default_isolation_segment',
      'PATCH /v3/organizations/:guid/relationships/default_isolation_segment',
      'POST /v3/spaces',
      'PATCH /v3/spaces/:guid/relationships/isolation_segment',
      'POST /v3/security_groups',
      'POST /v3/security_groups/:guid/relationships/running_spaces',
      'DELETE /v3/isolation_segments/:guid/relationships/organizations/:guid',
    ])
    assert.match(reporter.progressed.at(-1)!, /^\[#{20}\] 10\/10 done$/)
    const org = f
      .sim()
      .store.tables.orgs.all()
      .find((o) => o.name === 'agency-d')!
    assert.deepEqual(org.metadata.labels, {'cgx.cloud.gov/managed-by': 'cgx'})

    f.sim().journal.clear()
    const again = await applySetup(cf, {file}, silentReporter)
    assert.equal(again.status, 'no-changes')
    assert.deepEqual(writesIn(f.sim()), [])
  })
})

describe('ops/setup: examples/setup.yml', () => {
  const f = useSetupFoundation()

  it('is valid for the sandbox foundation and applies to a plan with no changes', async () => {
    const cf = await f.client()
    const file = path.join(repoRoot, 'examples', 'setup.yml')
    const plan = await planSetup(cf, {file}, silentReporter)
    assert.deepEqual(
      plan.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${c.address}`),
      [
        'update segment.vpn-west',
        'update org.agency-b',
        'create org.agency-d',
        'create org.agency-d.space.prod',
        'create org.agency-d.space.dev',
        'create security_group.agency-d-vpn',
      ],
    )
    await applySetup(cf, {file}, silentReporter)
    assert.equal((await applySetup(cf, {file}, silentReporter)).status, 'no-changes')
  })
})

describe('ops/setup: --prune', () => {
  const f = useSetupFoundation()

  it('prunes only what cgx created and the file no longer names, and only with --prune', async () => {
    const cf = await f.client()
    await applySetup(cf, {file: f.file('temp.yml', 'orgs:\n  temp-a: {spaces: {one: {}, two: {}}}\n  temp-b: {}\n')}, silentReporter)
    const smaller = f.file('smaller.yml', 'orgs:\n  temp-a: {spaces: {one: {}}}\n')
    const reporter = recordingReporter()
    const kept = await planSetup(cf, {file: smaller}, reporter)
    assert.equal(kept.changes.filter((c) => c.action === 'delete').length, 0)
    assert.deepEqual(reporter.warned, [
      '2 object(s) created by cgx are not in the file: org.temp-a.space.two, org.temp-b. `--prune` would delete them.',
    ])

    const pruned = await applySetup(cf, {file: smaller, prune: true}, silentReporter)
    assert.deepEqual(pruned.applied, ['org.temp-a.space.two', 'org.temp-b'])
    const orgs = f
      .sim()
      .store.tables.orgs.all()
      .map((o) => o.name)
    assert.ok(orgs.includes('temp-a') && !orgs.includes('temp-b') && orgs.includes('agency-b'), orgs.join(', '))
    assert.equal((await planSetup(cf, {file: smaller, prune: true}, silentReporter)).summary.delete, 0)
  })
})
