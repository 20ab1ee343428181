import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import path from 'node:path'

import type {ExportResult} from '../../src/ops/setup/index.js'
import {parseEnvelope, runCli} from '../helpers/cli.js'
import {useLoggedInHome, useSimulator, writesIn} from '../helpers/sim.js'

describe('e2e: cgx export by a non-admin (dev@agency-a.gov) on the sandbox foundation', () => {
  const sim = useSimulator()
  const env = useLoggedInHome(sim, 'dev@agency-a.gov', 'dev-password')

  it('warns that the file is partial, writes it without entitlements, and says why under --json', async () => {
    const setup = path.join(env().CF_HOME, 'setup.yml')
    const exported = await runCli(['export', '-f', setup], {env: env()})
    assert.equal(exported.exitCode, 0, exported.stderr)
    assert.match(
      exported.stderr,
      /The file is partial: dev@agency-a\.gov cannot see the whole foundation, so segment entitlements \(orgs:\) are left out/,
    )
    assert.match(
      exported.stdout,
      /^Wrote .*setup\.yml \(partial: what you cannot see is left out, segment entitlements among it\): 1 segments, 4 security groups, 1 orgs, 3 spaces\.\n$/,
    )
    const text = readFileSync(setup, 'utf8')
    assert.match(text, /\n# cgx: partial export: dev@agency-a\.gov/)
    assert.doesNotMatch(text, /orgs: \[/)

    const json = parseEnvelope<ExportResult>(await runCli(['export', '--json'], {env: env()}))
    assert.equal(json.result.partial, true)
    assert.equal(json.result.partialReasons.length, 2)
    assert.ok(
      json.warnings.some((w) => w.startsWith('The file is partial:')),
      json.warnings.join('\n'),
    )
  })

  it('plans to no changes without --prune, and refuses --prune with nothing sent', async () => {
    const setup = path.join(env().CF_HOME, 'for-plan.yml')
    assert.equal((await runCli(['export', '-f', setup], {env: env()})).exitCode, 0)
    const clean = await runCli(['plan', '-f', setup, '--detailed-exitcode'], {env: env()})
    assert.equal(clean.exitCode, 0, clean.stderr)
    sim().journal.clear()
    const pruned = await runCli(['plan', '-f', setup, '--prune', '--json'], {env: env()})
    assert.equal(pruned.exitCode, 1, pruned.stderr)
    assert.equal(parseEnvelope(pruned).error?.code, 'PARTIAL_FILE_PRUNE')
    assert.deepEqual(writesIn(sim()), [])
  })
})
