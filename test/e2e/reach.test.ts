import assert from 'node:assert/strict'

import type {ReachResult} from '../../src/commands/reach.js'
import {parseEnvelope, runCli} from '../helpers/cli.js'
import {useLoggedInHome, useSimulator, writesIn} from '../helpers/sim.js'

describe('e2e: reach', () => {
  const sim = useSimulator()
  const env = useLoggedInHome(sim)
  beforeEach(() => sim().journal.clear())

  it('--json: a result per space, network and lifecycle with the rules that open it', async () => {
    const result = await runCli(['reach', '--org', 'agency-a', '--space', 'prod', '--lifecycle', 'running', '--json'], {env: env()})
    assert.equal(result.exitCode, 0, result.stderr)
    const report = parseEnvelope<ReachResult>(result).result
    assert.deepEqual(report.results.map((r) => `${r.network} ${r.reachable} ${r.protocols.join('/')}`), ['10.10.0.0/16 yes tcp/udp', '10.20.0.0/16 yes tcp/udp'])
    assert.ok(report.results[1].rules.some((r) => r.group === 'agency-a-vpn' && r.rule === 'tcp 10.20.0.0/16 5432' && r.outcome === 'opens'))
    assert.deepEqual(writesIn(sim()), [])
  })

  it('refuses an org name with a control character before any request, showing it escaped', async () => {
    const result = await runCli(['reach', '-o', 'agency-a\n', '--json'], {env: env()})
    const envelope = parseEnvelope(result)
    assert.deepEqual([result.exitCode, envelope.error?.code], [1, 'NAME_INVALID'])
    assert.equal(envelope.error?.message, 'Invalid org name: "agency-a\\n" contains a control character (\\n); names are printable text.')
    const plain = await runCli(['reach', '--space', ' prod'], {env: env()})
    assert.equal(plain.exitCode, 1)
    assert.match(plain.stderr, /Invalid space name: " prod" has whitespace at the start; remove it\.\n\s+Type the space name as `cf spaces` lists it/)
    assert.deepEqual(sim().journal.entries(), [])
  })

  it('--format json is the --json envelope; --format mermaid draws the diagram', async () => {
    const json = await runCli(['reach', '--format', 'json', '--network', '172.16.0.0/20', '--port', '5432'], {env: env()})
    assert.equal(json.exitCode, 0, json.stderr)
    const report = parseEnvelope<ReachResult>(json).result
    assert.deepEqual(report.results.filter((r) => r.reachable !== 'no').map((r) => `${r.org}/${r.space} ${r.lifecycle}`),
      ['agency-c/prod running', 'agency-c/prod staging'])
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
    const pass = await runCli(['reach', '--fail-if-reachable', '172.16.0.0/20', '--port', '443', '--allow-space', 'agency-c/prod'], {env: env()})
    assert.equal(pass.exitCode, 0, pass.stderr)
  })

  it('a CIDR with host bits: exit 1 with the fix, no request at all', async () => {
    const result = await runCli(['reach', '--network', '10.10.0.5/16'], {env: env()})
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /Did you mean --network 10\.10\.0\.0\/16\?/)
    assert.deepEqual(sim().journal.entries().filter((e) => e.path.startsWith('/v3')), [])
  })
})
