// Every resource the simulator serves has the keys of the matching test/fixtures/capi example, recursively.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Simulator} from '../../../src/sim/index.js'
import {adminSession, call, eventually, passwordToken, smallSeed, type Api} from './helpers.js'
import {assertSameKeys as assertKeysOf} from './keys.js'

const resources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/capi')

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(resources, `${name}.json`), 'utf8'))

function assertSameKeys(name: string, actual: unknown): void {
  assertKeysOf(`test/fixtures/capi/${name}.json`, fixture(name), actual)
}

describe('sim fidelity: payload keys match test/fixtures/capi', function () {
  let sim: Simulator
  let api: Api
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const guid = (table: keyof Simulator['store']['tables'], pick: (row: any) => boolean): string =>
    (sim.store.tables[table].all() as Array<{guid: string}>).find(pick)!.guid

  before(async () => {
    ;({sim, api} = await adminSession({seed: smallSeed, jobDelayMs: 200, stagingDelayMs: 5, deploymentStepMs: 60_000}))
  })
  after(() => sim.close())

  it('organization, space, isolation segment, security group, domains', async () => {
    assertSameKeys('organization', (await api.get(`/v3/organizations/${guid('orgs', (o) => o.name === 'org-a')}`)).body)
    assertSameKeys('space', (await api.get(`/v3/spaces/${guid('spaces', (s) => s.name === 'prod')}`)).body)
    assertSameKeys('isolation_segment', (await api.get(`/v3/isolation_segments/${guid('segments', (s) => s.name === 'vpn')}`)).body)
    assertSameKeys('security_group', (await api.get(`/v3/security_groups/${guid('securityGroups', (g) => g.name === 'vpn-db')}`)).body)
    assertSameKeys('domain', (await api.get(`/v3/domains/${guid('domains', (d) => d.name === 'app.example.gov')}`)).body)
    assertSameKeys('domain_private', (await api.get(`/v3/domains/${guid('domains', (d) => d.name === 'agency.gov')}`)).body)
  })

  it('route, user-provided service instance, service route binding', async () => {
    assertSameKeys('route', (await api.get(`/v3/routes/${guid('routes', (r) => r.host === 'api')}`)).body)
    assertSameKeys(
      'service_instance_user_provided',
      (await api.get(`/v3/service_instances/${guid('serviceInstances', (i) => i.name === 'rs')}`)).body,
    )
    assertSameKeys('service_route_binding', (await api.get(`/v3/service_route_bindings/${guid('routeBindings', () => true)}`)).body)
  })

  it('jobs while processing and when complete', async () => {
    const created = await api.post('/v3/security_groups', {name: 'doomed'})
    const job = await call((await api.delete(`/v3/security_groups/${created.body.guid}`)).headers.get('location')!, {
      headers: {Authorization: await sessionHeader(sim)},
    })
    assert.equal(job.body.state, 'PROCESSING')
    const processing = fixture('job_processing') as {links: Record<string, unknown>}
    assert.deepEqual(Object.keys(job.body).sort(), Object.keys(processing).sort())
    assert.deepEqual(Object.keys(job.body.links).sort(), ['security_group', 'self'])
    await eventually(async () => (await api.get(`/v3/jobs/${job.body.guid}`)).body.state === 'COMPLETE')
    assertSameKeys('job', (await api.get(`/v3/jobs/${job.body.guid}`)).body)
  })

  it('app, process, package, build, droplet', async () => {
    const appGuid = guid('apps', (a) => a.name === 'api')
    assertSameKeys('app', (await api.get(`/v3/apps/${appGuid}`)).body)
    assertSameKeys('process', (await api.get(`/v3/processes/${guid('processes', (p) => p.app_guid === appGuid)}`)).body)
    const pkg = await api.post('/v3/packages', {type: 'bits', relationships: {app: {data: {guid: appGuid}}}})
    assertSameKeys('package', pkg.body)
    const build = await api.post('/v3/builds', {package: {guid: pkg.body.guid}})
    await eventually(async () => (await api.get(`/v3/builds/${build.body.guid}`)).body.state === 'STAGED')
    const staged = await api.get(`/v3/builds/${build.body.guid}`)
    assertSameKeys('build', staged.body)
    assertSameKeys('droplet', (await api.get(`/v3/droplets/${staged.body.droplet.guid}`)).body)
  })

  it('rolling and paused canary deployments', async () => {
    const appGuid = guid('apps', (a) => a.name === 'api')
    const rolling = await api.post('/v3/deployments', {relationships: {app: {data: {guid: appGuid}}}})
    assertSameKeys('deployment', rolling.body)
    const fast = await adminSession({seed: smallSeed, deploymentStepMs: 5})
    try {
      const app = fast.sim.store.tables.apps.all().find((a) => a.name === 'api')!
      const canary = await fast.api.post('/v3/deployments', {strategy: 'canary', relationships: {app: {data: {guid: app.guid}}}})
      await eventually(async () => (await fast.api.get(`/v3/deployments/${canary.body.guid}`)).body.status.reason === 'PAUSED')
      assertSameKeys('deployment_canary_paused', (await fast.api.get(`/v3/deployments/${canary.body.guid}`)).body)
    } finally {
      await fast.sim.close()
    }
  })

  it('pagination lists, includes and relationships', async () => {
    assertSameKeys('pagination_list_example', (await api.get('/v3/isolation_segments?per_page=1')).body)
    assertSameKeys('pagination_list_with_include_example', (await api.get('/v3/spaces?include=organization')).body)
    const segment = guid('segments', (s) => s.name === 'vpn')
    assertSameKeys('to_many_relationship_example', (await api.get(`/v3/isolation_segments/${segment}/relationships/organizations`)).body)
    const prod = guid('spaces', (s) => s.name === 'prod' && s.isolation_segment_guid)
    assertSameKeys('to_one_relationship_example', (await api.get(`/v3/spaces/${prod}/relationships/isolation_segment`)).body)
    const dev = guid('spaces', (s) => s.name === 'dev')
    assertSameKeys('to_one_relationship_null_example', (await api.get(`/v3/spaces/${dev}/relationships/isolation_segment`)).body)
  })

  it('errors and the rate-limit error', async () => {
    assertSameKeys('error_example', (await api.get('/v3/isolation_segments/no-such-guid')).body)
    sim.faults.inject({status: 429})
    const limited = await api.get('/v3/organizations')
    assert.equal(limited.status, 429)
    assertSameKeys('rate_limit_error_example', JSON.parse(limited.text))
  })

  it('UAA login info, token responses and errors', async () => {
    assertSameKeys('uaa_login_info', (await call(`${sim.url}/uaa/login`)).body)
    const password = await passwordToken(sim)
    assertSameKeys('uaa_token_response', password.body)
    const refreshed = await call(`${sim.url}/uaa/oauth/token`, {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: `client_id=cf&client_secret=&grant_type=refresh_token&refresh_token=${password.body.refresh_token}`,
    })
    assertSameKeys('uaa_token_response_refresh', refreshed.body)
    const client = await call(`${sim.url}/uaa/oauth/token`, {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: 'grant_type=client_credentials&client_id=ci&client_secret=ci-secret',
    })
    assertSameKeys('uaa_token_response_client_credentials', client.body)
    assertSameKeys('uaa_error_example', (await passwordToken(sim, 'admin', 'wrong')).body)
  })
})

async function sessionHeader(sim: Simulator): Promise<string> {
  return `bearer ${(await passwordToken(sim)).body.access_token}`
}
