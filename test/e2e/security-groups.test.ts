import assert from 'node:assert/strict'

import type {SecurityGroupsReport} from '../../src/ops/security-groups/report.js'
import {parseEnvelope, runCli} from '../helpers/cli.js'
import {useLoggedInHome, useSimulator, writesIn} from '../helpers/sim.js'

describe('e2e: security-groups', () => {
  const sim = useSimulator()
  const env = useLoggedInHome(sim)
  beforeEach(() => sim().journal.clear())

  it('piped: one tab-separated row per space, lifecycle and rule, no header', async () => {
    const result = await runCli(['security-groups', '--org', 'agency-a', '--space', 'prod'], {env: env()})
    assert.equal(result.exitCode, 0, result.stderr)
    const lines = result.stdout.replace(/\n$/, '').split('\n')
    assert.equal(lines.length, 14)
    assert.equal(lines[2], 'agency-a\tprod\trunning\tagency-a-vpn\tspace\ttcp\t10.10.0.0/16\t443\tagency A intranet APIs')
    assert.equal(lines[6], 'agency-a\tprod\tstaging\tpublic_networks_egress\tglobal\tall\t0.0.0.0-9.255.255.255\t\t')
    assert.ok(
      lines.every((line) => line.split('\t').length === 9),
      result.stdout,
    )
    assert.deepEqual(writesIn(sim()), [])
  })

  it('--json: the envelope with the scope, the spaces and every rule', async () => {
    const result = await runCli(['security-groups', '--json'], {env: env()})
    assert.equal(result.exitCode, 0, result.stderr)
    const envelope = parseEnvelope<SecurityGroupsReport>(result)
    assert.equal(envelope.status, 0)
    assert.deepEqual(envelope.result.scope, {})
    assert.equal(envelope.result.spaces.length, 7)
    const vpn = envelope.result.rules.find((r) => r.org === 'agency-c' && r.group === 'agency-c-vpn')!
    assert.deepEqual(
      {...vpn, spaceGuid: '', groupGuid: ''},
      {
        org: 'agency-c',
        space: 'prod',
        spaceGuid: '',
        lifecycle: 'running',
        group: 'agency-c-vpn',
        groupGuid: '',
        binding: 'space',
        protocol: 'tcp',
        destination: '172.16.0.0/20',
        ports: '443,5432',
      },
    )
  })

  it('an unknown org is ORG_NOT_FOUND with a "did you mean", and nothing is written', async () => {
    const result = await runCli(['security-groups', '--org', 'agency-aa', '--json'], {env: env()})
    const envelope = parseEnvelope(result)
    assert.deepEqual([result.exitCode, envelope.error?.code], [1, 'ORG_NOT_FOUND'])
    const plain = await runCli(['security-groups', '-o', 'agency-aa'], {env: env()})
    assert.equal(plain.exitCode, 1)
    assert.match(plain.stderr, /Org 'agency-aa' not found\.[\s\S]*Did you mean 'agency-a'/)
    assert.equal(plain.stdout, '')
    assert.deepEqual(writesIn(sim()), [])
  })
})
