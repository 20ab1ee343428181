// `route-allow list --all-orgs` against the simulator: the same verdicts as the per-org list, from requests counted by
// pages and proxies, never by orgs, spaces or routes.
import assert from 'node:assert/strict'

import type {CfClient} from '../../../../src/cf/index.js'
import {renderPolicy} from '../../../../src/domain/allowlist/index.js'
import {addAllowlist} from '../../../../src/ops/route-allow/add.js'
import {listAllowlists} from '../../../../src/ops/route-allow/list.js'
import {deployRouteService} from '../../../../src/ops/route-service/deploy.js'
import {generateSeed, type SeedDocument} from '../../../../src/sim/index.js'
import {writesIn} from '../../../helpers/sim.js'
import {apiCalls, startHarness, type Harness} from '../../cf/helpers.js'
import {exampleHarness, fakeBundle, poll, recordingReporter} from '../route-service/helpers.js'

/** API calls since `mark`, GUIDs and query strings blanked. */
const callsSince = (h: Harness, mark: number) => apiCalls(h.sim, mark).map((c) => c.replace(/[0-9a-f-]{36}/g, ':guid').replace(/\?.*/, ''))

describe("ops/route-allow list --all-orgs: every org's routes", () => {
  let h: Harness
  let cf: CfClient

  before(async () => {
    h = await exampleHarness()
    cf = await h.client()
    for (const org of ['agency-a', 'agency-c']) {
      await deployRouteService(cf, {org, space: 'route-services', api: h.sim.url, bundle: fakeBundle(), poll}, recordingReporter())
    }
    const add = (route: string) => addAllowlist(cf, {route, allow: ['203.0.113.0/24'], env: {}, api: h.sim.url, poll}, recordingReporter())
    await add('api.agency-a.gov/v1')
    await add('case-manager.app.cloud.gov')
    // agency-c's cgx instance names a host that is not its proxy's: the route is stale, never protected.
    const {orgs, spaces, serviceInstances} = h.sim.store.tables
    const agencyC = orgs.all().find((o) => o.name === 'agency-c')!
    const prod = spaces.all().find((s) => s.organization_guid === agencyC.guid && s.name === 'prod')!
    const instance = serviceInstances.all().find((i) => i.name === 'cgx-allowlist' && i.space_guid === prod.guid)!
    await cf.serviceInstances.update(instance.guid, {route_service_url: 'https://old-proxy.app.cloud.gov'})
  })
  after(() => h.close())

  it('says of every route what the per-org list says, naming its org', async () => {
    const all = await listAllowlists(cf, {allOrgs: true, allRoutes: true}, recordingReporter())
    const perOrg = []
    for (const org of ['agency-a', 'agency-b', 'agency-c'])
      perOrg.push(...(await listAllowlists(cf, {org, allRoutes: true}, recordingReporter())).routes)
    const key = (r: {org: string; url: string; status: string; allow: string[]}) => `${r.org} ${r.url} ${r.status} ${r.allow.join(',')}`
    assert.deepEqual(all.routes.map(key).sort(), perOrg.map(key).sort())
    assert.deepEqual(
      all.routes
        .filter((r) => r.status !== 'unprotected')
        .map(key)
        .sort(),
      [
        'agency-a api.agency-a.gov/v1 protected 203.0.113.0/24',
        'agency-a static.app.cloud.gov foreign ',
        'agency-c case-manager.app.cloud.gov stale 203.0.113.0/24',
        'agency-c intake.app.cloud.gov foreign ',
      ],
    )
    assert.deepEqual([...new Set(all.routes.map((r) => r.org))], ['agency-a', 'agency-b', 'agency-c'])
    assert.deepEqual([all.org, all.space, all.proxy], [null, null, null])
    assert.deepEqual(
      all.proxies.map((p) => [p.org, p.name]),
      [
        ['agency-a', 'cgx-allowlist-proxy'],
        ['agency-c', 'cgx-allowlist-proxy'],
      ],
    )
  })

  it("without --all-routes: the routes behind cgx's route service only, protected and stale alike", async () => {
    const listed = await listAllowlists(cf, {allOrgs: true}, recordingReporter())
    assert.deepEqual(
      listed.routes.map((r) => `${r.org} ${r.url} ${r.status}`),
      ['agency-a api.agency-a.gov/v1 protected', 'agency-c case-manager.app.cloud.gov stale'],
    )
    assert.match(listed.routes[1].stale!.reason, /points at https:\/\/old-proxy\.app\.cloud\.gov/)
  })

  it('reads three listings and one environment per proxy, and writes nothing', async () => {
    h.sim.journal.clear()
    await listAllowlists(cf, {allOrgs: true, allRoutes: true}, recordingReporter())
    assert.deepEqual(callsSince(h, 0).sort(), [
      'GET /v3/apps',
      'GET /v3/apps/:guid/environment_variables',
      'GET /v3/apps/:guid/environment_variables',
      'GET /v3/routes',
      'GET /v3/service_route_bindings',
    ])
    assert.deepEqual(writesIn(h.sim), [])
  })
})

/**
 * The generated foundation with one route per space, and in the first three orgs an allowlist proxy (labelled app with a
 * policy, its route) and the space's cgx instance bound to the space's route.
 */
function foundation(orgs: number): SeedDocument {
  const seed = generateSeed({orgs, spacesPerOrg: 3, segments: 2, securityGroups: 2})
  const routeOf = (org: string, space: string) => `${org}-${space}.app.example.gov`
  return {
    ...seed,
    orgs: seed.orgs!.map((org, o) => ({
      ...org,
      spaces: org.spaces!.map((space, s) => ({
        ...space,
        routes: [routeOf(org.name, space.name)],
        ...(o < 3 && s === 0
          ? {
              apps: [
                {
                  name: 'cgx-allowlist-proxy',
                  instances: 1,
                  labels: {'cgx.cloud.gov/role': 'allowlist-proxy'},
                  env: {CGX_ALLOWLIST: renderPolicy({hops: [], routes: []})},
                  routes: [`proxy-${org.name}.app.example.gov`],
                },
              ],
              service_instances: [{name: 'cgx-allowlist', route_service_url: `https://proxy-${org.name}.app.example.gov`}],
              route_bindings: [{route: routeOf(org.name, space.name), service_instance: 'cgx-allowlist'}],
            }
          : {}),
      })),
    })),
  }
}

describe('ops/route-allow list --all-orgs: requests grow with pages and proxies, not with orgs', function () {
  this.timeout(60_000)

  async function listed(orgs: number) {
    const h = await startHarness({seed: foundation(orgs)})
    try {
      const cf = await h.client()
      const mark = h.sim.journal.entries().length
      const result = await listAllowlists(cf, {allOrgs: true, allRoutes: true}, recordingReporter())
      return {result, calls: callsSince(h, mark).sort()}
    } finally {
      await h.close()
    }
  }

  it('the same requests for 10 orgs (30 spaces) and 300 orgs (900 spaces), one environment read per proxy', async () => {
    const small = await listed(10)
    const large = await listed(300)
    assert.equal(large.result.routes.length, 900 + 3)
    assert.deepEqual(
      large.result.routes.filter((r) => r.status === 'denies-all').map((r) => r.url),
      ['org-0000-space-0000.app.example.gov', 'org-0001-space-0000.app.example.gov', 'org-0002-space-0000.app.example.gov'],
    )
    assert.deepEqual(large.calls, small.calls)
    assert.equal(small.calls.filter((c) => c.endsWith('/environment_variables')).length, 3)
    assert.equal(small.calls.length, 3 + 3)
  })
})
