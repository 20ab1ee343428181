// The proof that the reports scale: for generated foundations of 100 and of 5,000 spaces (same orgs, segments and
// ASGs), `segment status` and `reach` make exactly the same requests, counted from the simulator's journal. The
// restart check is the one read that grows: one process-stats request per started app, besides two listings.
import assert from 'node:assert/strict'

import type {CfClient} from '../../../../src/cf/index.js'
import {reportReach} from '../../../../src/ops/reach/report.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {reportSegmentStatus} from '../../../../src/ops/segments/status.js'
import {generateSeed} from '../../../../src/sim/index.js'
import {apiCalls, startHarness, type Harness} from '../../cf/helpers.js'

const ORGS = 10
const SEGMENTS = 5
const GROUPS = 12

/** Calls with GUIDs blanked, so two foundations can be compared request by request. */
async function requestsOf(
  spacesPerOrg: number,
  report: (cf: CfClient) => Promise<unknown>,
  appsPerSpace = 0,
): Promise<{calls: string[]; spaces: number}> {
  const h: Harness = await startHarness({
    seed: generateSeed({orgs: ORGS, spacesPerOrg, segments: SEGMENTS, securityGroups: GROUPS, appsPerSpace}),
  })
  try {
    const cf = await h.client()
    const mark = h.sim.journal.entries().length
    await report(cf)
    const calls = apiCalls(h.sim, mark)
      .map((c) => c.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':guid'))
      .sort()
    return {calls, spaces: h.sim.store.tables.spaces.all().length}
  } finally {
    await h.close()
  }
}

describe('ops: request count does not grow with the number of spaces', function () {
  this.timeout(60_000)

  it('segment status (without the restart check): same requests for 100 and 5,000 spaces', async () => {
    const status = (cf: CfClient) => reportSegmentStatus(cf, {restartCheck: false, reporter: silentReporter})
    const small = await requestsOf(10, status)
    const large = await requestsOf(500, status)
    assert.deepEqual([small.spaces, large.spaces], [100, 5000])
    assert.deepEqual(large.calls, small.calls)
    // 1 segment listing + 2 per segment (the 5 generated and shared) + orgs + spaces + 1 default per entitled org.
    assert.equal(small.calls.length, 1 + 2 * (SEGMENTS + 1) + 1 + 1 + ORGS)
  })

  it('reach --no-restart-check: same requests for 100 and 5,000 spaces, one of them the only ASG listing', async () => {
    const reach = (cf: CfClient) => reportReach(cf, {restartCheck: false, reporter: silentReporter})
    const small = await requestsOf(10, reach)
    const large = await requestsOf(500, reach)
    assert.deepEqual(large.calls, small.calls)
    assert.equal(small.calls.length, 1 + 2 * (SEGMENTS + 1) + 1 + 1 + ORGS + 1)
    assert.deepEqual(
      small.calls.filter((c) => c.includes('security_groups')),
      ['GET /v3/security_groups?per_page=5000'],
    )
  })

  it('reach with the restart check: the same, plus two listings and one stats read per started app', async () => {
    const reach = (cf: CfClient) => reportReach(cf, {reporter: silentReporter})
    const bare = (await requestsOf(10, (cf) => reportReach(cf, {restartCheck: false, reporter: silentReporter}), 1)).calls
    for (const spacesPerOrg of [10, 20]) {
      const {calls, spaces} = await requestsOf(spacesPerOrg, reach, 1)
      const stats = calls.filter((c) => /^GET \/v3\/processes\/:guid\/stats$/.test(c))
      assert.equal(stats.length, spaces, 'one stats read per started app (one app per space)')
      const listings = calls.filter((c) => !stats.includes(c) && !bare.includes(c))
      assert.deepEqual(
        listings.map((c) => c.split('?')[0]),
        ['GET /v3/apps', 'GET /v3/processes'],
      )
      assert.equal(calls.length, bare.length + 2 + spaces)
    }
  })
})
