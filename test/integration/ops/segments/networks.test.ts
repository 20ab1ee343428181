import assert from 'node:assert/strict'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import type {CfClient} from '../../../../src/cf/index.js'
import {emptyCgxConfig} from '../../../../src/cli/cgx-config.js'
import {parseCgxConfig} from '../../../../src/cli/cgx-config-file.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {segmentNetworksCommand, type NetworksRequest} from '../../../../src/ops/segments/networks.js'
import {recordingReporter, useFoundation} from './helpers.js'

describe('ops/segments: the private networks behind a segment', () => {
  const foundation = useFoundation()
  const noSettings = emptyCgxConfig('config.yml')
  const KEY = 'cgx.cloud.gov/private-networks'
  let cf: CfClient
  let dir: string
  const networks = (request: Partial<NetworksRequest>, client = cf, reporter = silentReporter) =>
    segmentNetworksCommand(client, {segment: 'vpn-east', settings: noSettings, ...request}, reporter)
  const annotations = async (name = 'vpn-east') => (await cf.isolationSegments.single({names: [name]})).metadata.annotations

  before(async () => {
    cf = await foundation.client()
    dir = mkdtempSync(path.join(tmpdir(), 'cgx-networks-'))
  })
  after(() => rmSync(dir, {recursive: true, force: true}))
  beforeEach(() => foundation.sim().journal.clear())

  it('shows the annotation plus what the cgx config and a networks file add, each with its source', async () => {
    const settings = parseCgxConfig(`foundations:\n  ${foundation.sim().url}:\n    networks: {VPN-EAST: [10.99.0.0/16]}\n`, 'config.yml')
    const file = path.join(dir, 'networks.yml')
    writeFileSync(file, 'segments:\n  vpn-east: [10.98.0.0/16, 10.10.0.0/16]\n')
    const result = await networks({settings, networksFile: file})
    assert.deepEqual(result.networks, [
      {cidr: '10.20.0.0/16', source: 'annotation'},
      {cidr: '10.99.0.0/16', source: 'local'},
      {cidr: '10.10.0.0/16', source: 'local'},
      {cidr: '10.98.0.0/16', source: 'local'},
    ])
    assert.deepEqual(
      {action: result.action, changed: result.changed, annotation: result.annotation},
      {action: 'show', changed: false, annotation: KEY},
    )
    assert.deepEqual(foundation.writes(), [])
  })

  it('adds networks in one PATCH of the annotation, normalised and sorted', async () => {
    const result = await networks({add: ['10.30.0.0/16,10.5.0.0/16', '10.30.0.0/16']})
    assert.deepEqual(foundation.writes(), [`PATCH /v3/isolation_segments/${result.segment.guid}`])
    assert.deepEqual(result.added, ['10.5.0.0/16', '10.30.0.0/16'])
    assert.equal((await annotations())[KEY], '10.5.0.0/16,10.10.0.0/16,10.20.0.0/16,10.30.0.0/16')
  })

  it('writes nothing when the networks are already so', async () => {
    const result = await networks({add: ['10.30.0.0/16']})
    assert.deepEqual({changed: result.changed, added: result.added, removed: result.removed}, {changed: false, added: [], removed: []})
    assert.deepEqual(foundation.writes(), [])
  })

  it('removes networks, warning about those that were not there', async () => {
    const reporter = recordingReporter()
    const result = await networks({remove: ['10.5.0.0/16', '10.77.0.0/16']}, cf, reporter)
    assert.deepEqual(result.removed, ['10.5.0.0/16'])
    assert.deepEqual(reporter.warned, ['not in the list, so not removed: 10.77.0.0/16'])
    assert.equal((await annotations())[KEY], '10.10.0.0/16,10.20.0.0/16,10.30.0.0/16')
  })

  it('refuses host bits naming the network, and /0 without --force, before any request', async () => {
    await assert.rejects(networks({set: ['10.40.1.2/16', 'fd00::1/8']}), {
      code: 'NETWORK_INVALID',
      suggestions: ['Did you mean 10.40.0.0/16?', 'Did you mean fd00::/8?'],
    })
    await assert.rejects(networks({add: ['0.0.0.0/0']}), {
      code: 'NETWORK_INVALID',
      message: /0\.0\.0\.0\/0 covers all of IPv4, which is not a private network/,
    })
    await assert.rejects(networks({set: ['0.0.0.0/1,128.0.0.0/1']}), (error: Error & {suggestions: string[]}) => {
      assert.equal(error.message, 'Invalid network: 0.0.0.0/1 and 128.0.0.0/1 together cover all of IPv4, which is not a private network.')
      assert.match(error.suggestions.join('\n'), /--force/)
      return true
    })
    assert.deepEqual(foundation.sim().journal.entries(), [])
    const forced = await networks({segment: 'vpn-west', set: ['::/0'], force: true})
    assert.deepEqual(forced.networks, [{cidr: '::/0', source: 'annotation'}])
  })

  it('removes the annotation when the list becomes empty', async () => {
    const result = await networks({segment: 'vpn-west', remove: ['::/0']})
    assert.deepEqual(result.networks, [])
    assert.equal(KEY in (await annotations('vpn-west')), false)
  })

  it('judges an added network together with those already there, and writes nothing when they are as open as /0', async () => {
    await networks({segment: 'vpn-west', add: ['16.0.0.0/5']})
    foundation.sim().journal.clear()
    await assert.rejects(networks({segment: 'vpn-west', add: ['24.0.0.0/5']}), {
      code: 'NETWORK_INVALID',
      message: /16\.0\.0\.0\/5 and 24\.0\.0\.0\/5 together cover 6\.25% of IPv4/,
    })
    assert.deepEqual(foundation.writes(), [])
    await networks({segment: 'vpn-west', remove: ['16.0.0.0/5']})
  })

  it("uses the annotation key given, else the config's, and validates it before any request", async () => {
    const settings = parseCgxConfig(
      `foundations:\n  ${foundation.sim().url}:\n    networksAnnotation: nets.example.gov/cidrs\n`,
      'config.yml',
    )
    await networks({set: ['192.168.0.0/24'], settings})
    await networks({set: ['192.168.1.0/24'], annotation: 'other.example.gov/cidrs', settings})
    const stored = await annotations()
    assert.deepEqual([stored['nets.example.gov/cidrs'], stored['other.example.gov/cidrs']], ['192.168.0.0/24', '192.168.1.0/24'])
    foundation.sim().journal.clear()
    await assert.rejects(networks({annotation: 'onlycom/key'}), {
      code: 'ANNOTATION_KEY_INVALID',
      message: /needs a DNS-style prefix with at least one dot/,
    })
    assert.deepEqual(foundation.sim().journal.entries(), [])
  })

  it('warns about hand-edited items it cannot read, and a rewrite drops them', async () => {
    await cf.isolationSegments.update((await cf.isolationSegments.single({names: ['vpn-east']})).guid, {
      metadata: {annotations: {[KEY]: '10.10.0.0/16, bogus ,10.20.0.1/16'}},
    })
    const reporter = recordingReporter()
    const result = await networks({add: ['10.30.0.0/16']}, cf, reporter)
    assert.equal(reporter.warned.length, 2)
    assert.match(reporter.warned.join('\n'), /"bogus".*ignored[\s\S]*using 10\.20\.0\.0\/16/)
    assert.equal((await annotations())[KEY], '10.10.0.0/16,10.20.0.0/16,10.30.0.0/16')
    assert.deepEqual(result.added, ['10.30.0.0/16'])
  })

  it('says that a platform admin is needed when the platform refuses, and the annotation is unchanged', async () => {
    const before = (await annotations())[KEY]
    const manager = await foundation.client('manager')
    await assert.rejects(networks({add: ['10.50.0.0/16']}, manager), {
      code: 'NOT_AUTHORIZED',
      message: "The platform refused changing the networks of segment 'vpn-east': that needs a platform admin.",
    })
    assert.equal((await annotations())[KEY], before)
  })
})
