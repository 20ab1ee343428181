import assert from 'node:assert/strict'

import type {CfClient} from '../../../../src/cf/index.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {assignSegment} from '../../../../src/ops/segments/assign.js'
import {unassignSegment} from '../../../../src/ops/segments/unassign.js'
import {recordingReporter, useFoundation} from './helpers.js'

describe('ops/segments: assign and unassign a space', () => {
  const foundation = useFoundation()
  let cf: CfClient
  const fast = {pollIntervalMs: 10}
  const spaceGuid = async (org: string, space: string) => {
    const [o] = await cf.organizations.listAll({names: [org]})
    return (await cf.spaces.single({names: [space], organization_guids: [o.guid]})).guid
  }
  const segmentGuid = async (name: string) => (await cf.isolationSegments.single({names: [name]})).guid

  before(async () => {
    cf = await foundation.client()
  })
  beforeEach(() => foundation.sim().journal.clear())

  it('assigns a segment in one write and lists the apps that move only when restarted', async () => {
    const reporter = recordingReporter()
    const result = await assignSegment(cf, {segment: 'vpn-east', space: 'prod', org: 'agency-b'}, reporter)
    const space = await spaceGuid('agency-b', 'prod')
    assert.deepEqual(foundation.writes(), [`PATCH /v3/spaces/${space}/relationships/isolation_segment`])
    assert.equal(await cf.spaces.getIsolationSegment(space), await segmentGuid('vpn-east'))
    assert.deepEqual(
      {changed: result.changed, segment: result.segment?.name, previous: result.previous, effective: result.effectiveSegment.source},
      {changed: true, segment: 'vpn-east', previous: null, effective: 'space'},
    )
    assert.deepEqual(
      result.restartNeeded.map((a) => [a.space, a.app, a.instances, a.runningOn, a.movesTo]),
      [['prod', 'portal', 2, ['shared'], 'vpn-east']],
    )
    assert.deepEqual(result.restarted, [])
    assert.match(reporter.warned.join('\n'), /1 app keeps running on the old segment until restarted \(prod\/portal\).*--restart/)
  })

  it('writes nothing when the space already has the segment, and still says what needs a restart', async () => {
    const result = await assignSegment(cf, {segment: 'vpn-east', space: 'prod', org: 'agency-b'}, silentReporter)
    assert.equal(result.changed, false)
    assert.deepEqual(foundation.writes(), [])
    assert.deepEqual(
      result.restartNeeded.map((a) => a.app),
      ['portal'],
    )
  })

  it('restarts with a rolling deployment of the current droplet, after which nothing needs a restart', async () => {
    const reporter = recordingReporter()
    const result = await assignSegment(cf, {segment: 'vpn-east', space: 'prod', org: 'agency-b', restart: true, ...fast}, reporter)
    assert.deepEqual(
      result.restarted.map((r) => [r.app, r.status]),
      [['portal', 'FINALIZED/DEPLOYED']],
    )
    assert.deepEqual(foundation.writes(), ['POST /v3/deployments'])
    const [portal] = await cf.apps.listAll({names: ['portal']})
    const deployment = await cf.deployments.get(result.restarted[0].deploymentGuid)
    assert.equal(deployment.droplet.guid, (await cf.apps.getCurrentDroplet(portal.guid)).guid)
    assert.ok(reporter.progressed.some((line) => /Restarting prod\/portal \(rolling deployment/.test(line)))
    assert.ok(reporter.progressed.some((line) => /portal: FINALIZED\/DEPLOYED/.test(line)))
    const again = await assignSegment(cf, {segment: 'vpn-east', space: 'prod', org: 'agency-b'}, silentReporter)
    assert.deepEqual(again.restartNeeded, [])
  })

  it('unassigns: the space follows the org default, or shared without one', async () => {
    const result = await unassignSegment(cf, {space: 'prod', org: 'agency-b'}, silentReporter)
    assert.deepEqual(
      {changed: result.changed, segment: result.segment, previous: result.previous?.name, effective: result.effectiveSegment},
      {
        changed: true,
        segment: null,
        previous: 'vpn-east',
        effective: {name: 'shared', guid: '933b4c58-120b-499a-b85d-4b6fc9e2903b', source: 'shared'},
      },
    )
    assert.equal(await cf.spaces.getIsolationSegment(await spaceGuid('agency-b', 'prod')), null)
    assert.deepEqual(
      result.restartNeeded.map((a) => [a.app, a.runningOn, a.movesTo]),
      [['portal', ['vpn-east'], 'shared']],
    )

    foundation.sim().journal.clear()
    const again = await unassignSegment(cf, {space: 'staging', org: 'agency-a'}, silentReporter)
    assert.deepEqual(
      {changed: again.changed, effective: again.effectiveSegment.name, source: again.effectiveSegment.source},
      {changed: false, effective: 'vpn-east', source: 'org-default'},
    )
    assert.deepEqual(foundation.writes(), [])
  })

  it('refuses a segment the org is not entitled to, naming the entitle command, and writes nothing', async () => {
    await assert.rejects(assignSegment(cf, {segment: 'vpn-west', space: 'dev', org: 'agency-a'}, silentReporter), {
      code: 'SEGMENT_NOT_ENTITLED',
      message: /'vpn-west' is not entitled to org 'agency-a'/,
      suggestions: ['Entitle it first (a platform admin can): cgx segment entitle vpn-west --org agency-a'],
    })
    assert.deepEqual(foundation.writes(), [])
  })

  it('suggests close names for an unknown space, segment or org, and writes nothing', async () => {
    await assert.rejects(
      assignSegment(cf, {segment: 'vpn-east', space: 'prd', org: 'agency-a'}, silentReporter),
      (error: {code: string; suggestions: string[]}) => error.code === 'SPACE_NOT_FOUND' && error.suggestions[0] === "Did you mean 'prod'?",
    )
    await assert.rejects(
      assignSegment(cf, {segment: 'vpn-est', space: 'prod', org: 'agency-a'}, silentReporter),
      (error: {code: string; suggestions: string[]}) => error.code === 'SEGMENT_NOT_FOUND' && /'vpn-east'/.test(error.suggestions[0]),
    )
    await assert.rejects(
      unassignSegment(cf, {space: 'prod', org: 'agencyb'}, silentReporter),
      (error: {code: string; suggestions: string[]}) => error.code === 'ORG_NOT_FOUND' && /'agency-b'/.test(error.suggestions[0]),
    )
    assert.deepEqual(foundation.writes(), [])
  })

  it('without --org uses the targeted org, and says how to target one when there is none', async () => {
    await assert.rejects(unassignSegment(cf, {space: 'prod'}, silentReporter), {
      code: 'NO_ORG_TARGETED',
      suggestions: ['Pass --org ORG, or run `cgx target -o ORG`.'],
    })
  })

  it('says which role is needed when the platform refuses (403), and the space is unchanged', async () => {
    const developer = await foundation.client('developer')
    const space = await spaceGuid('agency-a', 'dev')
    await assert.rejects(assignSegment(developer, {segment: 'vpn-east', space: 'dev', org: 'agency-a'}, silentReporter), {
      code: 'NOT_AUTHORIZED',
      message:
        "The platform refused changing the segment of space 'dev' in org 'agency-a': that needs a platform admin or an org manager of 'agency-a'.",
    })
    assert.equal(await cf.spaces.getIsolationSegment(space), null)
    const manager = await foundation.client('manager')
    const done = await assignSegment(manager, {segment: 'vpn-east', space: 'dev', org: 'agency-a'}, silentReporter)
    assert.equal(done.changed, true)
  })
})
