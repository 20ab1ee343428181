import assert from 'node:assert/strict'

import type {CfClient} from '../../../../src/cf/index.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {createSegment} from '../../../../src/ops/segments/create.js'
import {deleteSegment} from '../../../../src/ops/segments/delete.js'
import {useFoundation} from './helpers.js'

describe('ops/segments: creating and deleting segments', () => {
  const foundation = useFoundation()
  let cf: CfClient

  before(async () => {
    cf = await foundation.client()
  })
  beforeEach(() => foundation.sim().journal.clear())

  it("creates a segment labelled as cgx's in one write; creating it again changes nothing", async () => {
    const created = await createSegment(cf, {segment: 'vpn-central'}, silentReporter)
    assert.equal(created.changed, true)
    assert.deepEqual(foundation.writes(), ['POST /v3/isolation_segments'])
    const stored = await cf.isolationSegments.get(created.segment.guid)
    assert.deepEqual([stored.name, stored.metadata.labels], ['vpn-central', {'cgx.cloud.gov/managed-by': 'cgx'}])
    foundation.sim().journal.clear()
    assert.deepEqual(await createSegment(cf, {segment: 'vpn-central'}, silentReporter), {segment: created.segment, changed: false})
    assert.deepEqual(foundation.writes(), [])
  })

  it('refuses a name that differs from an existing one only in case, or that the platform would refuse, writing nothing', async () => {
    await assert.rejects(createSegment(cf, {segment: 'VPN-East'}, silentReporter), {
      code: 'SEGMENT_NAME_TAKEN',
      message: "Segment 'vpn-east' exists: segment names are unique without regard to case.",
    })
    await assert.rejects(createSegment(cf, {segment: 'vpn\tx'}, silentReporter), {code: 'NAME_INVALID'})
    assert.deepEqual(foundation.writes(), [])
  })

  it('says a platform admin is needed when an org manager tries', async () => {
    await assert.rejects(createSegment(await foundation.client('manager'), {segment: 'mine'}, silentReporter), {
      code: 'NOT_AUTHORIZED',
      message: "The platform refused creating isolation segment 'mine': that needs a platform admin.",
    })
  })

  it('refuses to delete a segment in use, naming every org, default and space in the way, and what clears them', async () => {
    await assert.rejects(
      deleteSegment(cf, {segment: 'vpn-east'}, silentReporter),
      (error: {code: string; message: string; suggestions: string[]}) => {
        assert.equal(error.code, 'SEGMENT_IN_USE')
        assert.equal(
          error.message,
          "Cannot delete 'vpn-east': it is entitled to orgs 'agency-a', 'agency-b'; 'vpn-east' is the default segment of org " +
            "'agency-a'; 'vpn-east' is assigned to space 'prod' of org 'agency-a'.",
        )
        assert.deepEqual(error.suggestions, [
          'Move everything off it and revoke it first, then delete again:',
          '  cgx segment default --reset --org agency-a   (or another segment entitled to it)',
          '  cgx segment unassign --space prod --org agency-a',
          '  cgx segment revoke vpn-east --org agency-a,agency-b',
        ])
        return true
      },
    )
    assert.deepEqual(foundation.writes(), [])
  })

  it('refuses the shared segment and unknown names', async () => {
    await assert.rejects(deleteSegment(cf, {segment: 'shared'}, silentReporter), {code: 'SEGMENT_IS_SHARED'})
    await assert.rejects(
      deleteSegment(cf, {segment: 'vpn-eats'}, silentReporter),
      (error: {code: string; suggestions: string[]}) =>
        error.code === 'SEGMENT_NOT_FOUND' && error.suggestions[0] === "Did you mean 'vpn-east'?",
    )
    assert.deepEqual(foundation.writes(), [])
  })

  it('deletes a segment nobody uses', async () => {
    const {segment} = await deleteSegment(cf, {segment: 'vpn-central'}, silentReporter)
    assert.deepEqual(foundation.writes(), [`DELETE /v3/isolation_segments/${segment.guid}`])
    assert.deepEqual(await cf.isolationSegments.listAll({names: ['vpn-central']}), [])
  })
})
