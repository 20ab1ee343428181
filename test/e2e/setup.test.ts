import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import type {ApplyResult} from '../../src/ops/setup/index.js'
import type {Plan} from '../../src/ops/setup/index.js'
import {parseEnvelope, runCli, tempCfHome} from '../helpers/cli.js'
import {useSimulator, writesIn} from '../helpers/sim.js'

describe('e2e: cgx export, plan, apply on the sandbox foundation', () => {
  const sim = useSimulator()
  let home: ReturnType<typeof tempCfHome>
  const env = () => ({CF_HOME: home.cfHome})
  const file = (name: string) => path.join(home.cfHome, name)

  before(async () => {
    home = tempCfHome()
    const login = await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin'], {env: env()})
    assert.equal(login.exitCode, 0, login.stderr)
  })
  after(() => home.cleanup())

  it('export → plan (no changes) → edit → plan (the diff, exit 2) → apply → plan (no changes)', async () => {
    const exported = await runCli(['export', '-f', file('setup.yml')], {env: env()})
    assert.equal(exported.exitCode, 0, exported.stderr)
    assert.match(exported.stdout, /^Wrote .*setup\.yml: 2 segments, 5 security groups, 4 orgs, 7 spaces\.\n$/)

    const clean = await runCli(['plan', '-f', file('setup.yml'), '--detailed-exitcode'], {env: env()})
    assert.equal(clean.exitCode, 0, clean.stderr)
    assert.match(clean.stdout, /^No changes\. .* matches the file \(18 objects checked\)\.\n$/)

    const text = readFileSync(file('setup.yml'), 'utf8')
    writeFileSync(
      file('setup.yml'),
      text.replace('orgs: [agency-c]', 'orgs: [agency-b, agency-c, agency-new]') +
        '  agency-b:\n    default_segment: vpn-west\n'.replace('agency-b', 'agency-new'),
    )
    const changed = await runCli(['plan', '-f', file('setup.yml'), '--detailed-exitcode'], {env: env()})
    assert.equal(changed.exitCode, 2, changed.stderr)
    assert.equal(
      changed.stdout.replace(/http:\/\/127\.0\.0\.1:\d+/, 'API'),
      [
        'cgx will make these changes on API:',
        '',
        '~ segment.vpn-west',
        '    # orgs: add agency-b, agency-new',
        '    ~ orgs = [agency-c] → [agency-b, agency-c, agency-new]',
        '',
        '+ org.agency-new',
        '    # not on the foundation',
        '    + default_segment = vpn-west',
        '',
        'Plan: 1 to create, 1 to update, 0 to delete, 17 unchanged.',
        '',
      ].join('\n'),
    )

    const json = parseEnvelope<Plan>(await runCli(['plan', '-f', file('setup.yml'), '--json'], {env: env()}))
    assert.equal(json.status, 0)
    assert.equal(json.result.formatVersion, '1.0')
    assert.deepEqual(json.result.summary, {create: 1, update: 1, delete: 0, noOp: 17})
    assert.deepEqual(
      json.result.changes.find((c) => c.action === 'create'),
      {
        action: 'create',
        address: 'org.agency-new',
        type: 'org',
        name: {name: 'agency-new'},
        before: null,
        after: {default_segment: 'vpn-west'},
        reason: 'not on the foundation',
      },
    )

    const applied = parseEnvelope<ApplyResult>(await runCli(['apply', '-f', file('setup.yml'), '--auto-approve', '--json'], {env: env()}))
    assert.equal(applied.status, 0, JSON.stringify(applied.error))
    assert.deepEqual([applied.result.status, applied.result.applied], ['applied', ['org.agency-new', 'segment.vpn-west']])

    const after = await runCli(['plan', '-f', file('setup.yml'), '--detailed-exitcode'], {env: env()})
    assert.equal(after.exitCode, 0, after.stdout + after.stderr)
  })

  it('reports every problem of a bad file with line and column, exit 1, and writes nothing', async () => {
    writeFileSync(file('bad.yml'), 'orgs:\n  agency-a:\n    default_segment: vpn-eest\nsegments: {}\n')
    sim().journal.clear()
    const result = await runCli(['plan', '-f', file('bad.yml')], {env: env()})
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /Error: The setup file .*bad\.yml has 2 problems; nothing was changed\./)
    assert.match(
      result.stderr,
      /bad\.yml:3:22: isolation segment "vpn-eest" is not in the file and does not exist on the foundation; did you mean "vpn-east" or "vpn-west"\?/,
    )
    assert.match(result.stderr, /bad\.yml:4:1: unknown key "segments" in the file/)
    assert.deepEqual(writesIn(sim()), [])
  })

  it('refuses names the Cloud Controller would refuse, escaped at their line and column, before any request', async () => {
    writeFileSync(file('names.yml'), 'orgs:\n  "agency-a\\nx": {}\n  "agency-b\\u0007":\n    spaces: {" dev": {}}\n')
    sim().journal.clear()
    const result = await runCli(['apply', '-f', file('names.yml'), '--auto-approve'], {env: env()})
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /names\.yml:2:3: orgs: "agency-a\\nx" contains a control character \(\\n\); names are printable text/)
    assert.match(result.stderr, /names\.yml:3:3: orgs: "agency-b\\u0007" contains a control character \(\\x07\)/)
    assert.match(result.stderr, /names\.yml:4:14: orgs\.agency-b\\x07\.spaces: " dev" has whitespace at the start; remove it/)
    assert.deepEqual(sim().journal.entries(), [])
  })

  it('will not apply without confirmation when not on a terminal', async () => {
    sim().journal.clear()
    const result = parseEnvelope(await runCli(['apply', '-f', file('setup.yml'), '--json'], {env: env()}))
    assert.equal(result.status, 1)
    assert.equal(result.error?.code, 'APPROVAL_NEEDED')
    assert.deepEqual(writesIn(sim()), [])
  })
})
