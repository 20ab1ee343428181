import assert from 'node:assert/strict'

import {createCfClientFromConfig, type CfClient} from '../../../../src/cf/index.js'
import {OpError} from '../../../../src/ops/errors.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {reportSecurityGroups} from '../../../../src/ops/security-groups/report.js'
import {useSimulator, writesIn} from '../../../helpers/sim.js'
import {apiCalls} from '../../cf/helpers.js'

describe("ops/security-groups: every space's effective ASG rules", () => {
  const sim = useSimulator()
  let cf: CfClient
  before(async () => {
    cf = await createCfClientFromConfig({
      env: {CF_API: sim().url, CF_USERNAME: 'admin', CF_PASSWORD: 'admin', HOME: '/nonexistent'},
      trace: 'false',
    })
  })
  after(() => cf.close())

  /** The report and the API calls it made, GUIDs blanked. */
  async function counted(options: {org?: string; space?: string}) {
    const mark = sim().journal.entries().length
    const report = await reportSecurityGroups(cf, {...options, reporter: silentReporter})
    return {report, calls: apiCalls(sim(), mark).map((c) => c.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':guid'))}
  }

  it('lists global and space-bound rules per space and lifecycle, a group global for a lifecycle counted once', async () => {
    const {report} = await counted({org: 'agency-a', space: 'prod'})
    assert.deepEqual(report.scope, {org: 'agency-a', space: 'prod'})
    const rows = report.rules.map((r) =>
      [r.lifecycle, r.group, r.binding, r.protocol, r.destination, r.ports, r.description ?? ''].join(' | '),
    )
    assert.deepEqual(rows, [
      'running | dns | global | tcp | 0.0.0.0/0 | 53 | ',
      'running | dns | global | udp | 0.0.0.0/0 | 53 | ',
      'running | agency-a-vpn | space | tcp | 10.10.0.0/16 | 443 | agency A intranet APIs',
      'running | agency-a-vpn | space | tcp | 10.20.0.0/16 | 5432 | agency A databases',
      'staging | dns | global | tcp | 0.0.0.0/0 | 53 | ',
      'staging | dns | global | udp | 0.0.0.0/0 | 53 | ',
      'staging | public_networks_egress | global | all | 0.0.0.0-9.255.255.255 |  | ',
      'staging | public_networks_egress | global | all | 11.0.0.0-169.253.255.255 |  | ',
      'staging | public_networks_egress | global | all | 169.255.0.0-172.15.255.255 |  | ',
      'staging | public_networks_egress | global | all | 172.32.0.0-192.167.255.255 |  | ',
      'staging | public_networks_egress | global | all | 192.169.0.0-255.255.255.255 |  | ',
      'staging | trusted_local_networks_egress | global | all | 10.0.0.0/8 |  | ',
      'staging | trusted_local_networks_egress | global | all | 172.16.0.0/12 |  | ',
      'staging | trusted_local_networks_egress | global | all | 192.168.0.0/16 |  | ',
    ])
    assert.ok(report.rules.every((r) => r.org === 'agency-a' && r.space === 'prod' && r.spaceGuid.length === 36))
  })

  it('covers every space of every org, sorted by org then space', async () => {
    const {report} = await counted({})
    assert.deepEqual(
      report.spaces.map((s) => `${s.org}/${s.name}`),
      ['agency-a/dev', 'agency-a/prod', 'agency-a/staging', 'agency-b/dev', 'agency-b/prod', 'agency-c/prod', 'cgx-tools/route-services'],
    )
    const running = (space: string) => [
      ...new Set(
        report.rules.filter((r) => `${r.org}/${r.space}` === space && r.lifecycle === 'running').map((r) => `${r.group}:${r.binding}`),
      ),
    ]
    assert.deepEqual(running('agency-a/dev'), ['dns:global', 'public_networks_egress:space', 'trusted_local_networks_egress:space'])
    assert.deepEqual(running('agency-b/dev'), ['dns:global'])
  })

  it('makes the same requests for one org, one space and all orgs: no request per space or per org', async () => {
    const all = await counted({})
    const one = await counted({org: 'agency-a'})
    const space = await counted({org: 'agency-b', space: 'dev'})
    assert.equal(all.calls.length, 3, all.calls.join('\n'))
    assert.equal(one.calls.length, all.calls.length, one.calls.join('\n'))
    assert.equal(space.calls.length, all.calls.length, space.calls.join('\n'))
    assert.deepEqual(
      all.calls.filter((c) => c.includes('security_groups')),
      ['GET /v3/security_groups?per_page=5000'],
    )
  })

  it('an unknown org is ORG_NOT_FOUND with a suggestion, an unknown space SPACE_NOT_FOUND, and nothing is written', async () => {
    sim().journal.clear()
    await assert.rejects(reportSecurityGroups(cf, {org: 'agency-z', reporter: silentReporter}), (error: unknown) => {
      assert.ok(error instanceof OpError)
      assert.equal(error.code, 'ORG_NOT_FOUND')
      assert.match(error.suggestions.join('\n'), /agency-a/)
      return true
    })
    await assert.rejects(reportSecurityGroups(cf, {org: 'agency-a', space: 'prd', reporter: silentReporter}), (error: unknown) => {
      assert.ok(error instanceof OpError)
      assert.equal(error.code, 'SPACE_NOT_FOUND')
      assert.match(error.suggestions.join('\n'), /'prod'/)
      return true
    })
    assert.deepEqual(writesIn(sim()), [])
  })
})
