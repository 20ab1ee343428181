import assert from 'node:assert/strict'

import type {CfClient} from '../../../../src/cf/index.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {setDefaultSegment} from '../../../../src/ops/segments/default.js'
import {useFoundation} from './helpers.js'

describe('ops/segments: the default segment of an org', () => {
  const foundation = useFoundation()
  let cf: CfClient
  const orgGuid = async (name: string) => (await cf.organizations.single({names: [name]})).guid

  before(async () => {
    cf = await foundation.client()
  })
  beforeEach(() => foundation.sim().journal.clear())

  it('shows the current default when given neither a segment nor --reset, writing nothing', async () => {
    const shown = await setDefaultSegment(cf, {org: 'agency-a'}, silentReporter)
    assert.deepEqual(
      {action: shown.action, segment: shown.segment?.name, changed: shown.changed, following: shown.followingSpaces},
      {action: 'show', segment: 'vpn-east', changed: false, following: ['dev', 'staging']},
    )
    assert.deepEqual(
      shown.restartNeeded.map((a) => [a.space, a.app, a.runningOn, a.movesTo]),
      [['staging', 'api', ['shared'], 'vpn-east']],
    )
    const none = await setDefaultSegment(cf, {org: 'agency-b'}, silentReporter)
    assert.deepEqual(
      {action: none.action, segment: none.segment, following: none.followingSpaces},
      {action: 'show', segment: null, following: ['dev', 'prod']},
    )
    assert.deepEqual(foundation.writes(), [])
  })

  it('refuses a segment together with --reset, before any request', async () => {
    await assert.rejects(setDefaultSegment(cf, {segment: 'vpn-east', reset: true, org: 'agency-a'}, silentReporter), {
      code: 'SEGMENT_OR_RESET',
    })
    assert.deepEqual(foundation.sim().journal.entries(), [])
  })

  it('writes nothing when the segment already is the default, and lists the apps still elsewhere', async () => {
    const result = await setDefaultSegment(cf, {segment: 'vpn-east', org: 'agency-a'}, silentReporter)
    assert.deepEqual(foundation.writes(), [])
    assert.deepEqual(
      {changed: result.changed, segment: result.segment?.name, previous: result.previous?.name, following: result.followingSpaces},
      {changed: false, segment: 'vpn-east', previous: 'vpn-east', following: ['dev', 'staging']},
    )
    assert.deepEqual(
      result.restartNeeded.map((a) => [a.space, a.app, a.runningOn, a.movesTo]),
      [['staging', 'api', ['shared'], 'vpn-east']],
    )
  })

  it('resets the default in one write: spaces without their own segment then run on shared', async () => {
    const org = await orgGuid('agency-c')
    const result = await setDefaultSegment(cf, {reset: true, org: 'agency-c'}, silentReporter)
    assert.deepEqual(foundation.writes(), [`PATCH /v3/organizations/${org}/relationships/default_isolation_segment`])
    assert.equal(await cf.organizations.getDefaultIsolationSegment(org), null)
    assert.deepEqual(
      {changed: result.changed, segment: result.segment, previous: result.previous?.name},
      {changed: true, segment: null, previous: 'vpn-west'},
    )
    assert.deepEqual(
      result.restartNeeded.map((a) => [a.app, a.instances, a.runningOn, a.movesTo]),
      [['case-manager', 2, ['vpn-west'], 'shared']],
    )
  })

  it('sets a default back; apps never restarted in between need nothing', async () => {
    const result = await setDefaultSegment(cf, {segment: 'vpn-west', org: 'agency-c', restart: true, pollIntervalMs: 10}, silentReporter)
    assert.equal(result.changed, true)
    assert.deepEqual([result.restartNeeded, result.restarted], [[], []])
    assert.deepEqual(foundation.writes(), [`PATCH /v3/organizations/${await orgGuid('agency-c')}/relationships/default_isolation_segment`])
  })

  it('restarts the apps that must move when asked', async () => {
    const result = await setDefaultSegment(cf, {segment: 'vpn-east', org: 'agency-a', restart: true, pollIntervalMs: 10}, silentReporter)
    assert.deepEqual(
      result.restarted.map((r) => [r.space, r.app, r.status]),
      [['staging', 'api', 'FINALIZED/DEPLOYED']],
    )
    assert.deepEqual(foundation.writes(), ['POST /v3/deployments'])
  })

  it('refuses a segment the org is not entitled to before writing', async () => {
    await assert.rejects(setDefaultSegment(cf, {segment: 'vpn-west', org: 'agency-b'}, silentReporter), {
      code: 'SEGMENT_NOT_ENTITLED',
      suggestions: ['Entitle it first (a platform admin can): cgx segment entitle vpn-west --org agency-b'],
    })
    assert.deepEqual(foundation.writes(), [])
  })

  it('says that an admin or org manager is needed when the platform refuses', async () => {
    const developer = await foundation.client('developer')
    await assert.rejects(setDefaultSegment(developer, {reset: true, org: 'agency-a'}, silentReporter), {
      code: 'NOT_AUTHORIZED',
      message:
        "The platform refused changing the default segment of org 'agency-a': that needs a platform admin or an org manager of 'agency-a'.",
    })
    assert.equal(
      await cf.organizations.getDefaultIsolationSegment(await orgGuid('agency-a')),
      await cf.isolationSegments.single({names: ['vpn-east']}).then((s) => s.guid),
    )
  })
})
