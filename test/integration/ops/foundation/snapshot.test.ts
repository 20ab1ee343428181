import assert from 'node:assert/strict'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {CfClient} from '../../../../src/cf/index.js'
import {formatCidr} from '../../../../src/domain/net/cidr.js'
import {loadFoundation, readNetworksFile} from '../../../../src/ops/foundation/index.js'
import {InvalidInputError} from '../../../../src/ops/errors.js'
import {exampleFoundation} from '../../../helpers/sim.js'
import {apiCalls, type Harness, useHarness} from '../../cf/helpers.js'

describe('ops/foundation: the snapshot of the example foundation', () => {
  let h: Harness
  let cf: CfClient
  useHarness({seed: exampleFoundation}, (harness, client) => ([h, cf] = [harness, client]))

  it('reads segments, entitlements, defaults, assignments and ASGs in a fixed set of requests', async () => {
    const mark = h.sim.journal.entries().length
    const foundation = await loadFoundation(cf, {securityGroups: true})
    const orgs = Object.fromEntries(
      foundation.orgs.map((o) => [o.name, {entitled: o.entitled.map((s) => s.name), default: o.defaultSegment?.name}]),
    )
    assert.deepEqual(orgs, {
      'agency-a': {entitled: ['vpn-east'], default: 'vpn-east'},
      'agency-b': {entitled: ['vpn-east'], default: undefined},
      'agency-c': {entitled: ['vpn-west'], default: 'vpn-west'},
      'cgx-tools': {entitled: [], default: undefined},
    })
    const orgName = new Map(foundation.orgs.map((o) => [o.guid, o.name]))
    assert.deepEqual(
      foundation.spaces.map((s) => `${orgName.get(s.orgGuid)}/${s.name}:${s.segment?.name ?? '-'}`),
      [
        'agency-a/dev:-',
        'agency-a/prod:vpn-east',
        'agency-a/staging:-',
        'agency-b/dev:-',
        'agency-b/prod:-',
        'agency-c/prod:-',
        'cgx-tools/route-services:-',
      ],
    )
    assert.deepEqual(
      [...foundation.networks].map(([k, v]) => `${k}=${v.map((n) => formatCidr(n.cidr)).join(',')}`),
      ['vpn-east=10.10.0.0/16,10.20.0.0/16', 'vpn-west=172.16.0.0/20'],
    )
    assert.deepEqual(foundation.securityGroups.map((g) => g.name).sort(), [
      'agency-a-vpn',
      'agency-c-vpn',
      'dns',
      'public_networks_egress',
      'trusted_local_networks_egress',
    ])
    const calls = apiCalls(h.sim, mark)
      .map((c) => c.replace(/[0-9a-f-]{36}/g, ':guid'))
      .sort()
    assert.deepEqual(calls, [
      'GET /v3/isolation_segments/:guid/relationships/organizations',
      'GET /v3/isolation_segments/:guid/relationships/organizations',
      'GET /v3/isolation_segments/:guid/relationships/organizations',
      'GET /v3/isolation_segments/:guid/relationships/spaces',
      'GET /v3/isolation_segments/:guid/relationships/spaces',
      'GET /v3/isolation_segments/:guid/relationships/spaces',
      'GET /v3/isolation_segments?per_page=5000',
      'GET /v3/organizations/:guid/relationships/default_isolation_segment',
      'GET /v3/organizations/:guid/relationships/default_isolation_segment',
      'GET /v3/organizations/:guid/relationships/default_isolation_segment',
      'GET /v3/organizations?per_page=5000',
      'GET /v3/security_groups?per_page=5000',
      'GET /v3/spaces?per_page=5000',
    ])
  })

  it('narrows every listing to an org when scoped', async () => {
    const org = await cf.organizations.single({names: ['agency-c']})
    const mark = h.sim.journal.entries().length
    const foundation = await loadFoundation(cf, {scope: {orgGuids: [org.guid]}})
    assert.deepEqual(
      foundation.orgs.map((o) => o.name),
      ['agency-c'],
    )
    assert.deepEqual(
      foundation.spaces.map((s) => s.name),
      ['prod'],
    )
    assert.deepEqual(
      foundation.segments.map((s) => s.name),
      ['vpn-west'],
    )
    const listings = apiCalls(h.sim, mark).filter((c) => c.includes('?'))
    assert.deepEqual(listings.sort(), [
      `GET /v3/isolation_segments?per_page=5000&organization_guids=${org.guid}`,
      `GET /v3/organizations?per_page=5000&guids=${org.guid}`,
      `GET /v3/spaces?per_page=5000&organization_guids=${org.guid}`,
    ])
  })

  it('merges a local networks file over the annotations and reads the configured annotation key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cgx-networks-'))
    try {
      const file = join(dir, 'networks.yml')
      await writeFile(file, 'segments:\n  vpn-east: [10.30.0.0/16]\n  shared: [192.168.0.0/24]\n')
      const local = await readNetworksFile(file)
      const foundation = await loadFoundation(cf, {networks: {local}})
      const east = foundation.networks.get('vpn-east')?.map((n) => `${formatCidr(n.cidr)} ${n.source}`)
      assert.deepEqual(east, ['10.10.0.0/16 annotation', '10.20.0.0/16 annotation', '10.30.0.0/16 local'])
      assert.deepEqual(
        foundation.networks.get('shared')?.map((n) => formatCidr(n.cidr)),
        ['192.168.0.0/24'],
      )
      const other = await loadFoundation(cf, {networks: {annotationKey: 'example.gov/nets'}})
      assert.equal(other.networks.size, 0)
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })

  it('refuses a networks file with bad CIDRs, saying every problem and the fix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cgx-networks-'))
    try {
      const file = join(dir, 'networks.yml')
      await writeFile(file, 'segments:\n  vpn-east: [10.30.0.1/16, nonsense]\nmode: merge\n')
      await assert.rejects(readNetworksFile(file), (error: unknown) => {
        assert.ok(error instanceof InvalidInputError)
        assert.equal(error.code, 'NETWORKS_FILE_INVALID')
        assert.match(error.message, /mode must be "add" or "replace"/)
        assert.ok(
          error.suggestions.some((s) => s.includes('10.30.0.0/16')),
          error.suggestions.join('\n'),
        )
        assert.ok(error.suggestions.some((s) => s.includes('nonsense')))
        return true
      })
      await assert.rejects(readNetworksFile(join(dir, 'missing.yml')), /Cannot read the networks file/)
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })
})
