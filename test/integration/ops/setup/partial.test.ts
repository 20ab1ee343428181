import assert from 'node:assert/strict'

import {OpError} from '../../../../src/ops/errors.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {applySetup, exportSetup, hasChanges, planSetup} from '../../../../src/ops/setup/index.js'
import {writesIn} from '../../../helpers/sim.js'
import {recordingReporter, useSetupFoundation} from './helpers.js'

// dev@agency-a.gov manages agency-a only; vpn-east is entitled to agency-a and agency-b.
const DEV: [string, string] = ['dev@agency-a.gov', 'dev-password']

describe('ops/setup: export by a user who cannot see the whole foundation', () => {
  const f = useSetupFoundation()

  it('leaves segment entitlements out, says why, and the file plans to no changes for that user', async () => {
    const dev = await f.client(DEV)
    const reporter = recordingReporter()
    const exported = await exportSetup(dev, {}, reporter)
    assert.equal(exported.partial, true)
    assert.equal(exported.partialReasons.length, 2)
    assert.match(exported.partialReasons[0], /^isolation_segments\.\*\.orgs is left out, so entitlements stay unmanaged/)
    assert.match(exported.text, /^# Exported by .*\n# cgx: partial export: dev@agency-a\.gov cannot see the whole foundation/)
    assert.match(
      exported.text,
      /isolation_segments:\n {2}vpn-east:\n {4}networks: \[10\.10\.0\.0\/16, 10\.20\.0\.0\/16\]\nsecurity_groups:/,
    )
    assert.doesNotMatch(exported.text, /orgs: \[/)
    assert.deepEqual(exported.counts, {segments: 1, securityGroups: 4, orgs: 1, spaces: 3, routeAllowlists: 0})
    assert.equal(reporter.warned.length, 1)
    assert.match(reporter.warned[0], /^The file is partial: dev@agency-a\.gov cannot see the whole foundation/)

    const plan = await planSetup(dev, {file: f.file('dev.yml', exported.text)}, silentReporter)
    assert.equal(hasChanges(plan), false)
    assert.equal(plan.summary.noOp, 9) // vpn-east, 4 groups, agency-a and its 3 spaces
  })

  it('applied by an admin, revokes nothing and changes nothing', async () => {
    const file = f.file('dev-applied.yml', (await exportSetup(await f.client(DEV), {}, silentReporter)).text)
    const admin = await f.client()
    f.sim().journal.clear()
    const applied = await applySetup(admin, {file}, silentReporter)
    assert.equal(applied.status, 'no-changes')
    assert.deepEqual(writesIn(f.sim()), [])
    const full = await exportSetup(admin, {}, silentReporter)
    assert.equal(full.partial, false)
    assert.deepEqual(full.partialReasons, [])
    assert.match(full.text, /vpn-east:\n.*\n {4}orgs: \[agency-a, agency-b\]/)
  })

  it('refuses --prune for a partial file, before any request, which would delete what its exporter could not see', async () => {
    const admin = await f.client()
    await applySetup(admin, {file: f.file('labeled.yml', 'orgs:\n  invisible-to-dev: {}\n')}, silentReporter)
    const file = f.file('dev-prune.yml', (await exportSetup(await f.client(DEV), {}, silentReporter)).text)
    f.sim().journal.clear()
    await assert.rejects(applySetup(admin, {file, prune: true}, silentReporter), (error: unknown) => {
      assert.ok(error instanceof OpError)
      assert.equal(error.code, 'PARTIAL_FILE_PRUNE')
      assert.match(error.message, /is a partial export, so --prune is refused; nothing was changed/)
      return true
    })
    assert.deepEqual(
      f
        .sim()
        .journal.entries()
        .filter((e) => !e.path.startsWith('/uaa/')),
      [],
    )
    assert.ok(
      f
        .sim()
        .store.tables.orgs.all()
        .some((o) => o.name === 'invisible-to-dev'),
    )
    // Without the marker the same names are a complete file, and --prune does what it says.
    const plan = await planSetup(admin, {file: f.file('unmarked.yml', 'orgs:\n  agency-a: {}\n'), prune: true}, silentReporter)
    assert.ok(plan.changes.some((c) => c.action === 'delete' && c.address === 'org.invisible-to-dev'))
  })
})
