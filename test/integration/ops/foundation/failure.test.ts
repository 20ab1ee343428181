// A read that fails ends the snapshot: the error reaches the caller, reads still queued are not sent, and nothing is
// left to fail unhandled later (org-default reads start while the segment reads are still going).
import assert from 'node:assert/strict'

import {CfApiError} from '../../../../src/cf/index.js'
import {LOOKUP_CONCURRENCY, loadFoundation} from '../../../../src/ops/foundation/index.js'
import {generateSeed} from '../../../../src/sim/index.js'
import {startHarness, type Harness} from '../../cf/helpers.js'

const DEFAULT_READ = 'relationships/default_isolation_segment$'
const ENTITLED = LOOKUP_CONCURRENCY + 8

describe('ops/foundation: a failed read', function () {
  this.timeout(20_000)
  let h: Harness
  before(async () => {
    h = await startHarness({seed: generateSeed({orgs: ENTITLED, spacesPerOrg: 1, segments: 4, securityGroups: 0})})
  })
  after(() => h.close())

  it('rejects the snapshot with its error and sends none of the reads still queued', async () => {
    const unhandled: unknown[] = []
    const record = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', record)
    try {
      const cf = await h.client()
      h.sim.journal.clear()
      // The first org-default read is refused at once; the others are held long enough for the refusal to arrive first.
      h.sim.faults.inject({path: DEFAULT_READ, status: 403, times: 1})
      h.sim.faults.inject({path: DEFAULT_READ, delayMs: 1000, times: ENTITLED})
      await assert.rejects(loadFoundation(cf), (error: unknown) => error instanceof CfApiError && error.status === 403)
      await settled(h)
      const sent = h.sim.journal.entries().filter((e) => e.path.endsWith('/relationships/default_isolation_segment')).length
      assert.ok(sent < ENTITLED, `${sent} of ${ENTITLED} org-default reads were sent`)
      assert.deepEqual(unhandled, [])
    } finally {
      process.off('unhandledRejection', record)
      h.sim.faults.clear()
    }
  })
})

/** Until every request the simulator received has been answered, then one more turn of the event loop. */
async function settled(h: Harness): Promise<void> {
  while (h.sim.journal.entries().some((e) => e.status === 0)) await new Promise((resolve) => setTimeout(resolve, 20))
  await new Promise((resolve) => setImmediate(resolve))
}
