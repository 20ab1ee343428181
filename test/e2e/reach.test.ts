import assert from 'node:assert/strict'

import type {ReachReport} from '../../src/ops/reach/report.js'
import {parseEnvelope, runCli} from '../helpers/cli.js'
import {useLoggedInHome, useSimulator, writesIn} from '../helpers/sim.js'

describe('e2e: reach', () => {
  const sim = useSimulator()
  const env = useLoggedInHome(sim)
  beforeEach(() => sim().journal.clear())

  it('--json: a result per space, network and lifecycle with the rules that open it', async () => {
    const result = await runCli(['reach', '--org', 'agency-a', '--space', 'prod', '--lifecycle', 'running', '--json'], {env: env()})
    assert.equal(result.exitCode, 0, result.stderr)
    const report = parseEnvelope<ReachReport>(result).result
    assert.deepEqual(
      report.results.map((r) => `${r.network} ${r.reachable} ${r.protocols.join('/')}`),
      ['10.10.0.0/16 yes tcp/udp', '10.20.0.0/16 yes tcp/udp'],
    )
    assert.ok(
      report.results[1].rules.some((r) => r.group === 'agency-a-vpn' && r.rule === 'tcp 10.20.0.0/16 5432' && r.outcome === 'opens'),
    )
    assert.deepEqual(writesIn(sim()), [])
  })

  it('refuses an org name with a control character before any request, showing it escaped', async () => {
    const result = await runCli(['reach', '-o', 'agency-a\n', '--json'], {env: env()})
    const envelope = parseEnvelope(result)
    assert.deepEqual([result.exitCode, envelope.error?.code], [1, 'NAME_INVALID'])
    assert.equal(envelope.error?.message, 'Invalid org name: "agency-a\\n" contains a control character (\\n); names are printable text.')
    const plain = await runCli(['reach', '--space', ' prod'], {env: env()})
    assert.equal(plain.exitCode, 1)
    assert.match(
      plain.stderr,
      /Invalid space name: " prod" has whitespace at the start; remove it\.\n\s+Type the space name as `cf spaces` lists it/,
    )
    assert.deepEqual(sim().journal.entries(), [])
  })

  it('--format json is the --json envelope; --format mermaid draws the diagram', async () => {
    const json = await runCli(['reach', '--format', 'json', '--network', '172.16.0.0/20', '--port', '5432'], {env: env()})
    assert.equal(json.exitCode, 0, json.stderr)
    const report = parseEnvelope<ReachReport>(json).result
    assert.deepEqual(
      report.results.filter((r) => r.reachable !== 'no').map((r) => `${r.org}/${r.space} ${r.lifecycle}`),
      ['agency-c/prod running', 'agency-c/prod staging'],
    )
    const mermaid = await runCli(['reach', '--format', 'mermaid'], {env: env()})
    assert.equal(mermaid.exitCode, 0, mermaid.stderr)
    assert.match(mermaid.stdout, /^flowchart LR\n/)
    assert.match(mermaid.stdout, /subgraph seg\d+\["segment vpn-west"\]\n {4}space\d+\["agency-c \/ prod"\]\n {2}end/)
  })

  it('--fail-if-reachable exits 3 naming the spaces; allowing them exits 0', async () => {
    const fail = await runCli(['reach', '--fail-if-reachable', '172.16.0.0/20', '--port', '443', '--json'], {env: env()})
    assert.equal(fail.exitCode, 3, fail.stderr)
    const envelope = parseEnvelope(fail)
    assert.equal(envelope.status, 3)
    assert.equal(envelope.error?.code, 'REACH_POLICY_VIOLATION')
    assert.match(envelope.error?.message ?? '', /1 space\(s\) can reach 172\.16\.0\.0\/20: agency-c\/prod/)
    const pass = await runCli(['reach', '--fail-if-reachable', '172.16.0.0/20', '--port', '443', '--allow-space', 'agency-c/prod'], {
      env: env(),
    })
    assert.equal(pass.exitCode, 0, pass.stderr)
  })

  it('a CIDR with host bits: exit 1 with the fix, no request at all', async () => {
    const result = await runCli(['reach', '--network', '10.10.0.5/16'], {env: env()})
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /Did you mean --network 10\.10\.0\.0\/16\?/)
    assert.deepEqual(
      sim()
        .journal.entries()
        .filter((e) => e.path.startsWith('/v3')),
      [],
    )
  })

  it('an app not yet moved: running partly with the app pending; --no-restart-check says what it assumes', async () => {
    const args = ['reach', '--org', 'agency-a', '--space', 'staging', '--network', '10.10.0.0/16', '--lifecycle', 'running']
    const table = await runCli(args, {env: env()})
    assert.equal(table.exitCode, 0, table.stderr)
    assert.match(
      table.stdout,
      /^agency-a\tstaging\t10\.10\.0\.0\/16\trunning\tvpn-east\tpartly\ttcp 53,443; udp 53\ton 'vpn-east': .*; until restarted, app 'api' runs on 'shared' \(no: segment 'shared' has no route to 10\.10\.0\.0\/16\)\n$/,
    )
    const checked = parseEnvelope<ReachReport>(await runCli([...args, '--json'], {env: env()})).result
    assert.equal(checked.restartChecked, true)
    assert.deepEqual(
      checked.results[0].pending.map((p) => `${p.app} on ${p.runningOn.join(',')}`),
      ['api on shared'],
    )
    sim().journal.clear()
    const skipped = parseEnvelope<ReachReport>(await runCli([...args, '--json', '--no-restart-check'], {env: env()}))
    assert.deepEqual([skipped.result.restartChecked, skipped.result.results[0].reachable], [false, 'yes'])
    assert.match(skipped.result.results[0].reason, /; assumes every app runs on 'vpn-east' \(restart check skipped\)$/)
    assert.ok(
      skipped.warnings.some((w) => w.startsWith('--no-restart-check: running verdicts assume')),
      JSON.stringify(skipped.warnings),
    )
    assert.deepEqual(
      sim()
        .journal.entries()
        .filter((e) => /^\/v3\/(apps|processes)/.test(e.path)),
      [],
    )
  })

  it('a public --network: judged by the ASGs alone, said so; DNS-only reach reads partly (dns only)', async () => {
    const result = await runCli(['reach', '--network', '8.8.8.0/24', '--lifecycle', 'running'], {env: env()})
    assert.equal(result.exitCode, 0, result.stderr)
    const rows = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'))
    assert.deepEqual(
      rows.map((r) => `${r[0]}/${r[1]} ${r[5]}`),
      [
        'agency-a/dev yes',
        'agency-a/prod partly (dns only)',
        'agency-a/staging partly (dns only)',
        'agency-b/dev partly (dns only)',
        'agency-b/prod yes',
        'agency-c/prod yes',
        'cgx-tools/route-services yes',
      ],
    )
    assert.equal(rows[3][6], 'tcp 53; udp 53')
    assert.match(
      rows[3][7],
      /^8\.8\.8\.0\/24 is behind no isolation segment: a public network, reached through the platform's egress; partly open via 'dns' \(global\): only DNS \(53\) gets through$/,
    )
    assert.ok(!result.stdout.includes('has no route'))
  })
})
