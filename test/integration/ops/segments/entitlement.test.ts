import assert from 'node:assert/strict'

import type {CfClient} from '../../../../src/cf/index.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {entitleSegment} from '../../../../src/ops/segments/entitle.js'
import {revokeSegment} from '../../../../src/ops/segments/revoke.js'
import type {OpError} from '../../../../src/ops/errors.js'
import {recordingReporter, useFoundation} from './helpers.js'

describe('ops/segments: entitle and revoke orgs', () => {
  const foundation = useFoundation()
  let cf: CfClient
  const segmentGuid = async (name: string) => (await cf.isolationSegments.single({names: [name]})).guid
  const entitledOrgs = async (segment: string) => {
    const guids = await cf.isolationSegments.listEntitledOrganizationGuids(await segmentGuid(segment))
    return (await cf.organizations.listAll({guids})).map((o) => o.name).sort()
  }

  before(async () => {
    cf = await foundation.client()
  })
  beforeEach(() => foundation.sim().journal.clear())

  it('entitles only the orgs not yet entitled, in one write', async () => {
    const result = await entitleSegment(cf, {segment: 'vpn-west', orgs: ['agency-b', 'agency-c']}, silentReporter)
    assert.deepEqual(foundation.writes(), [`POST /v3/isolation_segments/${await segmentGuid('vpn-west')}/relationships/organizations`])
    assert.deepEqual(
      result.orgs.map((o) => [o.name, o.entitlement]),
      [
        ['agency-b', 'entitled'],
        ['agency-c', 'already-entitled'],
      ],
    )
    assert.equal(result.changed, true)
    assert.deepEqual(await entitledOrgs('vpn-west'), ['agency-b', 'agency-c'])
  })

  it('writes nothing when every org is already entitled', async () => {
    const result = await entitleSegment(cf, {segment: 'vpn-west', orgs: ['agency-b', 'agency-c', 'agency-b']}, silentReporter)
    assert.deepEqual({changed: result.changed, orgs: result.orgs.length}, {changed: false, orgs: 2})
    assert.deepEqual(foundation.writes(), [])
  })

  it('with --default also sets each org default and lists the apps that will move', async () => {
    const reporter = recordingReporter()
    const result = await entitleSegment(cf, {segment: 'vpn-east', orgs: ['agency-b'], makeDefault: true}, reporter)
    assert.deepEqual(
      result.orgs.map((o) => [o.name, o.entitlement, o.default]),
      [['agency-b', 'already-entitled', 'set']],
    )
    assert.deepEqual(
      result.restartNeeded.map((a) => [a.space, a.app, a.movesTo]),
      [['prod', 'portal', 'vpn-east']],
    )
    assert.equal(reporter.warned.length, 1)
    const org = (await cf.organizations.single({names: ['agency-b']})).guid
    assert.deepEqual(foundation.writes(), [`PATCH /v3/organizations/${org}/relationships/default_isolation_segment`])
  })

  it('refuses to revoke while the segment is a default or assigned, naming the spaces and the fixes, and writes nothing', async () => {
    await assert.rejects(revokeSegment(cf, {segment: 'vpn-east', orgs: ['agency-a', 'agency-b']}), {
      code: 'REVOKE_BLOCKED',
      message:
        "Cannot revoke 'vpn-east': 'vpn-east' is the default segment of org 'agency-a'; 'vpn-east' is assigned to space 'prod' of org 'agency-a'; " +
        "'vpn-east' is the default segment of org 'agency-b'.",
      suggestions: [
        'Move them off it first, then revoke again:',
        '  cgx segment default --reset --org agency-a   (or another segment entitled to it)',
        '  cgx segment unassign --space prod --org agency-a',
        '  cgx segment default --reset --org agency-b   (or another segment entitled to it)',
      ],
    })
    assert.deepEqual(foundation.writes(), [])
    assert.deepEqual(await entitledOrgs('vpn-east'), ['agency-a', 'agency-b'])
  })

  it('revokes an org that nothing blocks; a second run writes nothing', async () => {
    const result = await revokeSegment(cf, {segment: 'vpn-west', orgs: ['agency-b']})
    const [segment, org] = [await segmentGuid('vpn-west'), (await cf.organizations.single({names: ['agency-b']})).guid]
    assert.deepEqual(foundation.writes(), [`DELETE /v3/isolation_segments/${segment}/relationships/organizations/${org}`])
    assert.deepEqual(
      result.orgs.map((o) => [o.name, o.entitlement]),
      [['agency-b', 'revoked']],
    )
    assert.deepEqual(await entitledOrgs('vpn-west'), ['agency-c'])

    foundation.sim().journal.clear()
    const again = await revokeSegment(cf, {segment: 'vpn-west', orgs: ['agency-b']})
    assert.deepEqual({changed: again.changed, orgs: again.orgs.map((o) => o.entitlement)}, {changed: false, orgs: ['not-entitled']})
    assert.deepEqual(foundation.writes(), [])
  })

  it('suggests close names for an unknown org among several, and writes nothing', async () => {
    await assert.rejects(
      entitleSegment(cf, {segment: 'vpn-west', orgs: ['agency-a', 'agncy-b']}, silentReporter),
      (error: {code: string; message: string; suggestions: string[]}) =>
        error.code === 'ORG_NOT_FOUND' && error.message === "Org 'agncy-b' not found." && /'agency-b'/.test(error.suggestions[0]),
    )
    assert.deepEqual(foundation.writes(), [])
  })

  it('says that a platform admin is needed when the platform refuses a manager', async () => {
    await entitleSegment(cf, {segment: 'vpn-west', orgs: ['agency-a']}, silentReporter)
    const manager = await foundation.client('manager')
    await assert.rejects(revokeSegment(manager, {segment: 'vpn-west', orgs: ['agency-a']}), {
      code: 'NOT_AUTHORIZED',
      message: "The platform refused revoking org 'agency-a' from segment 'vpn-west': that needs a platform admin.",
    })
    assert.deepEqual(await entitledOrgs('vpn-west'), ['agency-a', 'agency-c'])
  })

  it('tells a manager that a segment they cannot see may exist, visible only to a platform admin', async () => {
    await cf.isolationSegments.create({name: 'vpn-north'})
    foundation.sim().journal.clear()
    const manager = await foundation.client('manager')
    await assert.rejects(entitleSegment(manager, {segment: 'vpn-north', orgs: ['agency-a']}, silentReporter), (error: OpError) => {
      assert.equal(error.code, 'SEGMENT_NOT_FOUND')
      assert.match(error.suggestions.at(-1)!, /only a platform admin sees those not entitled to one of your orgs/)
      return true
    })
    assert.deepEqual(foundation.writes(), [])
  })
})
