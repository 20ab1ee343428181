import assert from 'node:assert/strict'
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import type {SegmentList} from '../../src/ops/segments/list.js'
import type {SegmentStatus} from '../../src/ops/segments/status.js'
import {parseEnvelope, runCli} from '../helpers/cli.js'
import {useLoggedInHome, useSimulator, writesIn} from '../helpers/sim.js'

describe('e2e: segment list and segment status', () => {
  const sim = useSimulator()
  const env = useLoggedInHome(sim)
  beforeEach(() => sim().journal.clear())

  it('segment status --json: orgs with warnings, spaces with effective segments, networks and restarts', async () => {
    const result = await runCli(['segment', 'status', '--json'], {env: env()})
    assert.equal(result.exitCode, 0, result.stderr)
    assert.equal(result.stderr, '')
    const {status, result: report} = parseEnvelope<SegmentStatus>(result)
    assert.equal(status, 0)
    assert.deepEqual(
      report.orgs.find((o) => o.name === 'agency-b')?.warnings.map((w) => w.code),
      ['ENTITLED_NO_DEFAULT', 'ENTITLED_UNUSED'],
    )
    const staging = report.spaces.find((s) => s.org === 'agency-a' && s.name === 'staging')
    assert.deepEqual(
      {
        effective: staging?.effective,
        source: staging?.source,
        networks: staging?.networks,
        restart: staging?.restartNeeded.map((r) => r.app),
      },
      {effective: 'vpn-east', source: 'org-default', networks: ['10.10.0.0/16', '10.20.0.0/16'], restart: ['api']},
    )
    assert.deepEqual(writesIn(sim()), [])
  })

  it('segment status on a terminal spells out the misconfigurations; --no-restart-check reads no stats', async () => {
    const result = await runCli(['segment', 'status', '--no-restart-check'], {env: {...env(), FORCE_TTY: '1'}})
    assert.equal(result.exitCode, 0, result.stderr)
    assert.match(result.stdout, /^org\s+entitled\s+default\s+warnings$/m)
    assert.match(result.stdout, /^agency-b\s+prod\s+-\s+shared\s+shared\s+-$/m)
    assert.match(result.stdout, /! org 'agency-b' is entitled to 'vpn-east' but has no default segment/)
    assert.doesNotMatch(result.stdout, /restart needed/)
    assert.equal(
      sim()
        .journal.entries()
        .filter((e) => e.path.endsWith('/stats')).length,
      0,
    )
  })

  it('segment list --json counts orgs and spaces and adds the networks from the cgx config', async () => {
    mkdirSync(path.join(env().CF_HOME, '.cgx'), {recursive: true})
    writeFileSync(
      path.join(env().CF_HOME, '.cgx', 'config.yml'),
      `foundations:\n  ${sim().url}:\n    networks: {vpn-west: [192.168.10.0/24]}\n`,
    )
    const result = await runCli(['segment', 'list', '--json'], {env: env()})
    assert.equal(result.exitCode, 0, result.stderr)
    const segments = parseEnvelope<SegmentList>(result).result.segments
    assert.deepEqual(
      segments.map((s) => `${s.name} ${s.entitledOrgs} ${s.assignedSpaces} ${s.networks.join(',')}`),
      ['shared 0 0 ', 'vpn-east 2 1 10.10.0.0/16,10.20.0.0/16', 'vpn-west 1 0 172.16.0.0/20,192.168.10.0/24'],
    )
  })

  it('a wrong org name: exit 1, did-you-mean, no writes', async () => {
    const result = await runCli(['segment', 'status', '--org', 'agency-x'], {env: env()})
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /Error: Org 'agency-x' not found\.\n {2}Did you mean 'agency-a'/)
    assert.deepEqual(writesIn(sim()), [])
  })

  it('a bad networks annotation key: exit 1 before any request', async () => {
    const result = await runCli(['segment', 'status', '--networks-annotation', 'onlycom/nets', '--json'], {env: env()})
    assert.equal(result.exitCode, 1)
    const envelope = parseEnvelope(result)
    assert.equal(envelope.error?.code, 'ANNOTATION_KEY_INVALID')
    assert.deepEqual(
      sim()
        .journal.entries()
        .filter((e) => e.path.startsWith('/v3')),
      [],
    )
  })
})
