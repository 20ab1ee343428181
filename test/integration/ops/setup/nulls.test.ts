import assert from 'node:assert/strict'

import {silentReporter} from '../../../../src/ops/reporter.js'
import {assignSegment} from '../../../../src/ops/segments/assign.js'
import {setDefaultSegment} from '../../../../src/ops/segments/default.js'
import {unassignSegment} from '../../../../src/ops/segments/unassign.js'
import {applySetup, exportSetup, hasChanges, planSetup} from '../../../../src/ops/setup/index.js'
import {writesIn} from '../../../helpers/sim.js'
import {useSetupFoundation} from './helpers.js'

// In the example foundation agency-b is entitled to vpn-east and has no default; agency-a/dev has no segment of its own;
// cgx-tools is entitled to shared only, so its default is never read (it runs on shared whatever the default says).
describe('ops/setup: export writes "none" as null, and plan puts it back', () => {
  const f = useSetupFoundation()

  it('writes segment: null and default_segment: null where the foundation has none, and only where it was read', async () => {
    const text = (await exportSetup(await f.client(), {}, silentReporter)).text
    assert.match(text, /\n {2}agency-b:\n {4}default_segment: null\n/)
    assert.match(text, /\n {6}dev:\n {8}segment: null\n/)
    assert.match(text, /\n {2}cgx-tools:\n {4}spaces:\n/)
  })

  it('plans the changes made since the export back, applies them, and a fresh export plans to no changes', async () => {
    const cf = await f.client()
    const file = f.file('before.yml', (await exportSetup(cf, {}, silentReporter)).text)
    await assignSegment(cf, {org: 'agency-a', space: 'dev', segment: 'vpn-east'}, silentReporter)
    await setDefaultSegment(cf, {org: 'agency-b', segment: 'vpn-east'}, silentReporter)
    await unassignSegment(cf, {org: 'agency-a', space: 'prod'}, silentReporter)

    const plan = await planSetup(cf, {file}, silentReporter)
    const changed = plan.changes.filter((c) => c.action !== 'no-op').map((c) => [c.address, c.reason])
    assert.deepEqual(changed, [
      ['org.agency-b', 'default_segment: vpn-east → none'],
      ['org.agency-a.space.dev', 'segment: vpn-east → none'],
      ['org.agency-a.space.prod', 'segment: none → vpn-east'],
    ])

    f.sim().journal.clear()
    assert.equal((await applySetup(cf, {file}, silentReporter)).status, 'applied')
    assert.deepEqual(
      writesIn(f.sim()).map((w) => w.replace(/[0-9a-f-]{36}/g, ':guid')),
      [
        'PATCH /v3/organizations/:guid/relationships/default_isolation_segment',
        'PATCH /v3/spaces/:guid/relationships/isolation_segment',
        'PATCH /v3/spaces/:guid/relationships/isolation_segment',
      ],
    )
    const {orgs, spaces} = f.sim().store.tables
    assert.equal(orgs.all().find((o) => o.name === 'agency-b')!.default_isolation_segment_guid, null)
    const agencyA = orgs.all().find((o) => o.name === 'agency-a')!.guid
    const dev = spaces.all().find((s) => s.name === 'dev' && s.organization_guid === agencyA)!
    assert.equal(dev.isolation_segment_guid, null)

    const fresh = f.file('fresh.yml', (await exportSetup(cf, {}, silentReporter)).text)
    assert.equal(hasChanges(await planSetup(cf, {file: fresh}, silentReporter)), false)
    f.sim().journal.clear()
    assert.equal((await applySetup(cf, {file}, silentReporter)).status, 'no-changes')
    assert.deepEqual(writesIn(f.sim()), [])
  })

  it('a partial export writes the nulls its user can read (the spaces and defaults of their own org)', async () => {
    const text = (await exportSetup(await f.client(['dev@agency-a.gov', 'dev-password']), {}, silentReporter)).text
    assert.match(text, /\n {6}dev:\n {8}segment: null\n/)
    assert.match(text, /\n {6}staging:\n {8}segment: null\n/)
  })
})
