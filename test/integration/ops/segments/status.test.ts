import assert from 'node:assert/strict'

import type {CfClient} from '../../../../src/cf/index.js'
import {NotFoundError, OpError} from '../../../../src/ops/errors.js'
import {silentReporter, type Reporter} from '../../../../src/ops/reporter.js'
import {reportSegmentStatus} from '../../../../src/ops/segments/status.js'
import {generateSeed} from '../../../../src/sim/index.js'
import {exampleFoundation, writesIn} from '../../../helpers/sim.js'
import {apiCalls, type Harness, startHarness, useHarness} from '../../cf/helpers.js'

describe('ops: segment status on the example foundation', () => {
  let h: Harness
  let cf: CfClient
  useHarness({seed: exampleFoundation}, (harness, client) => ([h, cf] = [harness, client]))

  it('shows entitlements, defaults and the misconfigurations per org', async () => {
    const status = await reportSegmentStatus(cf, {restartCheck: false, reporter: silentReporter})
    const orgs = status.orgs.map((o) => ({name: o.name, entitled: o.entitled, default: o.default, warnings: o.warnings.map((w) => w.code)}))
    assert.deepEqual(orgs, [
      {name: 'agency-a', entitled: ['vpn-east'], default: 'vpn-east', warnings: []},
      {name: 'agency-b', entitled: ['vpn-east'], default: null, warnings: ['ENTITLED_NO_DEFAULT', 'ENTITLED_UNUSED']},
      {name: 'agency-c', entitled: ['vpn-west'], default: 'vpn-west', warnings: []},
      {name: 'cgx-tools', entitled: [], default: null, warnings: []},
    ])
    assert.match(status.orgs[1].warnings[0].message, /no default segment, so 'dev', 'prod' run on shared/)
    assert.equal(status.restartChecked, false)
    assert.ok(status.spaces.every((s) => s.restartNeeded.length === 0))
  })

  it('gives each space its explicit and effective segment, the source, and the networks in front of it', async () => {
    const status = await reportSegmentStatus(cf, {restartCheck: false, reporter: silentReporter})
    const rows = status.spaces.map(
      (s) => `${s.org}/${s.name} ${s.assigned ?? '-'} ${s.effective} ${s.source} ${s.networks.join(',') || '-'}`,
    )
    assert.deepEqual(rows, [
      'agency-a/dev - vpn-east org-default 10.10.0.0/16,10.20.0.0/16',
      'agency-a/prod vpn-east vpn-east space 10.10.0.0/16,10.20.0.0/16',
      'agency-a/staging - vpn-east org-default 10.10.0.0/16,10.20.0.0/16',
      'agency-b/dev - shared shared -',
      'agency-b/prod - shared shared -',
      'agency-c/prod - vpn-west org-default 172.16.0.0/20',
      'cgx-tools/route-services - shared shared -',
    ])
  })

  it('flags apps still running on another segment, reading stats only for started apps', async () => {
    const mark = h.sim.journal.entries().length
    const status = await reportSegmentStatus(cf, {restartCheck: true, reporter: silentReporter})
    const restarts = status.spaces.filter((s) => s.restartNeeded.length > 0)
    assert.deepEqual(
      restarts.map((s) => ({space: `${s.org}/${s.name}`, restart: s.restartNeeded.map((r) => ({...r, appGuid: '-'}))})),
      [{space: 'agency-a/staging', restart: [{app: 'api', appGuid: '-', instances: 1, runningOn: ['shared']}]}],
    )
    const stats = apiCalls(h.sim, mark).filter((c) => c.endsWith('/stats'))
    // Started apps: agency-a/prod api and web, agency-a/staging api, agency-b/prod portal, agency-c/prod case-manager.
    assert.equal(stats.length, 5)
  })

  it('scopes to an org and a space, keeping the org warnings computed from all its spaces', async () => {
    const mark = h.sim.journal.entries().length
    const status = await reportSegmentStatus(cf, {org: 'agency-b', space: 'prod', restartCheck: false, reporter: silentReporter})
    assert.deepEqual(status.scope, {org: 'agency-b', space: 'prod'})
    assert.deepEqual(
      status.orgs.map((o) => o.name),
      ['agency-b'],
    )
    assert.deepEqual(status.orgs[0].warnings[0].spaces, ['dev', 'prod'])
    assert.deepEqual(
      status.spaces.map((s) => s.name),
      ['prod'],
    )
    const spaceListings = apiCalls(h.sim, mark).filter((c) => c.startsWith('GET /v3/spaces?'))
    assert.ok(
      spaceListings.every((c) => c.includes('organization_guids=')),
      spaceListings.join('\n'),
    )
  })

  it('says which org was meant when the name is wrong, and writes nothing', async () => {
    const mark = h.sim.journal.entries().length
    await assert.rejects(reportSegmentStatus(cf, {org: 'agency-x', restartCheck: false, reporter: silentReporter}), (error: unknown) => {
      assert.ok(error instanceof NotFoundError)
      assert.equal(error.code, 'ORG_NOT_FOUND')
      assert.match(error.suggestions.join(' '), /Did you mean 'agency-a'/)
      return true
    })
    assert.equal(apiCalls(h.sim, mark).filter((c) => !c.startsWith('GET')).length, 0)
    assert.deepEqual(writesIn(h.sim), [])
  })

  it('asks for an org when a space is given and none is targeted', async () => {
    await assert.rejects(
      reportSegmentStatus(cf, {space: 'prod', restartCheck: false, reporter: silentReporter}),
      (error: unknown) => error instanceof OpError && error.code === 'NO_ORG_TARGETED',
    )
  })
})

describe('ops: segment status warnings and the cost of the restart check', () => {
  let h: Harness
  before(async () => {
    const seed = generateSeed({orgs: 2, spacesPerOrg: 3, segments: 1, securityGroups: 0, appsPerSpace: 2})
    // A hand-edited annotation: host bits set on one item, nonsense in another.
    const annotations = {'cgx.cloud.gov/private-networks': '10.0.0.0/16,10.1.2.3/16,nonsense'}
    h = await startHarness({seed: {...seed, isolation_segments: seed.isolation_segments?.map((s) => ({...s, annotations}))}})
  })
  after(() => h.close())

  it('reports bad annotation items as warnings and keeps the good ones', async () => {
    const warnings: string[] = []
    const reporter: Reporter = {progress() {}, warn: (m) => warnings.push(m)}
    const status = await reportSegmentStatus(await h.client(), {restartCheck: false, reporter})
    assert.deepEqual(status.spaces.find((s) => s.effective === 'seg-0000')?.networks, ['10.0.0.0/16', '10.1.0.0/16'])
    assert.equal(warnings.length, 2)
    assert.ok(
      warnings.every((w) => w.startsWith("segment 'seg-0000', annotation cgx.cloud.gov/private-networks:")),
      warnings.join('\n'),
    )
  })

  it('costs two listings and one stats request per started app', async () => {
    const cf = await h.client()
    const mark = h.sim.journal.entries().length
    await reportSegmentStatus(cf, {restartCheck: true, reporter: silentReporter})
    const calls = apiCalls(h.sim, mark)
    assert.equal(calls.filter((c) => c.startsWith('GET /v3/apps?')).length, 1)
    assert.equal(calls.filter((c) => c.startsWith('GET /v3/processes?')).length, 1)
    assert.equal(calls.filter((c) => c.endsWith('/stats')).length, 2 * 3 * 2)
  })
})
