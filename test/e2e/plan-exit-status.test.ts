// `plan --detailed-exitcode --json`: the exit code and the envelope's status must agree, since a CI job may read
// either one.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import type {Plan} from '../../src/ops/setup/index.js'
import {parseEnvelope, runCli} from '../helpers/cli.js'
import {useLoggedInHome, useSimulator, writesIn} from '../helpers/sim.js'

describe('e2e: plan --detailed-exitcode --json', () => {
  const sim = useSimulator()
  const env = useLoggedInHome(sim)
  const file = (name: string) => path.join(env().CF_HOME, name)

  it('with changes: exit 2 and status 2; without: exit 0 and status 0; nothing written', async () => {
    const exported = await runCli(['export', '-f', file('setup.yml')], {env: env()})
    assert.equal(exported.exitCode, 0, exported.stderr)
    sim().journal.clear()

    const clean = await runCli(['plan', '-f', file('setup.yml'), '--detailed-exitcode', '--json'], {env: env()})
    assert.equal(clean.exitCode, 0, clean.stderr)
    const cleanEnvelope = parseEnvelope<Plan>(clean)
    assert.equal(cleanEnvelope.status, 0)
    assert.deepEqual(cleanEnvelope.result.summary, {create: 0, update: 0, delete: 0, noOp: 18})

    writeFileSync(file('changed.yml'), 'orgs:\n  agency-new:\n    spaces: {}\n')
    const changed = await runCli(['plan', '-f', file('changed.yml'), '--detailed-exitcode', '--json'], {env: env()})
    assert.equal(changed.exitCode, 2, changed.stderr)
    const changedEnvelope = parseEnvelope<Plan>(changed)
    assert.equal(changedEnvelope.status, 2)
    assert.equal(changedEnvelope.result.summary.create, 1)
    assert.deepEqual(writesIn(sim()), [])
  })
})
