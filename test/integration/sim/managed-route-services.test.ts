// Managed route services (capi behaviours 10, 13, 19): CC puts the broker's URL on the binding, never on the
// instance; binding and unbinding a managed instance are jobs, and only their completion reaches the router.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {SeedError, startSimulator, type Simulator} from '../../../src/sim/index.js'
import {exampleFoundation} from '../../helpers/sim.js'
import {adminSession, errorOf, eventually, type Api} from './helpers.js'
import {assertSameKeys} from './keys.js'

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/capi')
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8'))

const BROKER_URL = 'https://waf.broker.example.gov/route'

const seed = {
  domains: [{name: 'app.example.gov'}],
  orgs: [
    {
      name: 'org-a',
      spaces: [
        {
          name: 'prod',
          routes: ['guarded.app.example.gov', 'open.app.example.gov', 'other.app.example.gov'],
          service_instances: [
            {name: 'waf', type: 'managed' as const, offering: 'waf-route-service', plan: 'standard', route_service_url: BROKER_URL},
            {name: 'db', type: 'managed' as const, offering: 'postgres', plan: 'small'},
          ],
          route_bindings: [{route: 'guarded.app.example.gov', service_instance: 'waf'}],
        },
      ],
    },
  ],
}

describe('sim: managed route services', function () {
  let sim: Simulator
  let api: Api
  const instance = (name: string) => sim.store.tables.serviceInstances.all().find((i) => i.name === name)!
  const route = (host: string) => sim.store.tables.routes.all().find((r) => r.host === host)!
  const routerUrl = (host: string) => sim.router.get(route(host).guid)?.routeServiceUrl

  beforeEach(async () => {
    ;({sim, api} = await adminSession({seed, jobDelayMs: 40}))
  })
  afterEach(() => sim.close())

  it('presents a managed instance with the capi keys: a service plan, no route_service_url, no credentials link', async () => {
    const got = await api.get(`/v3/service_instances/${instance('waf').guid}`)
    assert.equal(got.status, 200)
    assertSameKeys('service_instance_managed.json', fixture('service_instance_managed'), got.body)
    assert.equal(got.body.type, 'managed')
    const plan = got.body.relationships.service_plan.data.guid
    assert.match(plan, /^[0-9a-f]{8}-[0-9a-f]{4}-/)
    assert.equal(got.body.links.service_plan.href, `${sim.url}/v3/service_plans/${plan}`)
    assert.notEqual(plan, (await api.get(`/v3/service_instances/${instance('db').guid}`)).body.relationships.service_plan.data.guid)
  })

  it('answers 404 for a managed instance credentials (behaviour 19)', async () => {
    const credentials = await api.get(`/v3/service_instances/${instance('waf').guid}/credentials`)
    assert.equal(credentials.status, 404)
    assert.equal(errorOf(credentials).detail, 'Service instance not found')
  })

  it('filters instances by type and by service plan name', async () => {
    const managed = await api.get('/v3/service_instances?type=managed')
    assert.deepEqual(managed.body.resources.map((i: {name: string}) => i.name).sort(), ['db', 'waf'])
    assert.equal((await api.get('/v3/service_instances?type=user-provided')).body.pagination.total_results, 0)
    const small = await api.get('/v3/service_instances?service_plan_names=small')
    assert.deepEqual(
      small.body.resources.map((i: {name: string}) => i.name),
      ['db'],
    )
  })

  it('a seeded binding carries the broker URL, has a parameters link, and the router enforces it', async () => {
    const list = await api.get(`/v3/service_route_bindings?route_guids=${route('guarded').guid}`)
    const [binding] = list.body.resources
    assert.equal(binding.route_service_url, BROKER_URL)
    const expected = fixture('service_route_binding') as {links: Record<string, unknown>}
    assertSameKeys(
      'service_route_binding.json plus links.parameters',
      {...expected, links: {...expected.links, parameters: {href: ''}}},
      binding,
    )
    assert.equal(binding.links.parameters.href, `${sim.url}/v3/service_route_bindings/${binding.guid}/parameters`)
    assert.equal(routerUrl('guarded'), BROKER_URL)
  })

  it('binding is a job: the binding waits in progress without a URL, then gets the broker URL and reaches the router', async () => {
    const created = await api.post('/v3/service_route_bindings', {
      relationships: {
        route: {data: {guid: route('open').guid}},
        service_instance: {data: {guid: instance('waf').guid}},
      },
    })
    assert.equal(created.status, 202)
    assert.equal(created.text, '')
    const job = await api.get(new URL(created.headers.get('location')!).pathname)
    assert.equal(job.body.operation, 'service_route_bindings.create')
    const pending = (await api.get(`/v3/service_route_bindings?route_guids=${route('open').guid}`)).body.resources[0]
    assert.equal(pending.last_operation.state, 'in progress')
    assert.equal(pending.route_service_url, null)
    assert.equal(routerUrl('open'), null)
    assert.equal(job.body.links.service_route_binding.href, `${sim.url}/v3/service_route_bindings/${pending.guid}`)
    await eventually(async () => (await api.get(`/v3/jobs/${job.body.guid}`)).body.state === 'COMPLETE')
    const bound = await api.get(`/v3/service_route_bindings/${pending.guid}`)
    assert.equal(bound.body.route_service_url, BROKER_URL)
    assert.equal(bound.body.last_operation.state, 'succeeded')
    assert.equal(routerUrl('open'), BROKER_URL)
  })

  it('accepts binding parameters for a managed instance, and refuses one that is not a route service', async () => {
    const withParameters = await api.post('/v3/service_route_bindings', {
      parameters: {mode: 'strict'},
      relationships: {
        route: {data: {guid: route('open').guid}},
        service_instance: {data: {guid: instance('waf').guid}},
      },
    })
    assert.equal(withParameters.status, 202)
    const notRouteService = await api.post('/v3/service_route_bindings', {
      relationships: {
        route: {data: {guid: route('other').guid}},
        service_instance: {data: {guid: instance('db').guid}},
      },
    })
    assert.equal(notRouteService.status, 422)
    assert.equal(errorOf(notRouteService).detail, 'This service instance does not support route binding')
  })

  it('unbinding is a job: the router keeps the URL until it completes, then the binding is gone', async () => {
    const binding = sim.store.tables.routeBindings.first('route', route('guarded').guid)!
    const deleted = await api.delete(`/v3/service_route_bindings/${binding.guid}`)
    assert.equal(deleted.status, 202)
    const job = await api.get(new URL(deleted.headers.get('location')!).pathname)
    assert.equal(job.body.operation, 'service_route_bindings.delete')
    assert.equal((await api.get(`/v3/service_route_bindings/${binding.guid}`)).body.last_operation.type, 'delete')
    assert.equal(routerUrl('guarded'), BROKER_URL)
    await eventually(async () => (await api.get(`/v3/jobs/${job.body.guid}`)).body.state === 'COMPLETE')
    assert.equal((await api.get(`/v3/service_route_bindings/${binding.guid}`)).status, 404)
    assert.equal(routerUrl('guarded'), null)
  })

  it('updates a managed instance name synchronously, refuses user-provided fields, deletes with a job', async () => {
    const guid = instance('waf').guid
    const renamed = await api.patch(`/v3/service_instances/${guid}`, {name: 'waf-2'})
    assert.equal(renamed.status, 200)
    assert.equal(renamed.body.name, 'waf-2')
    const url = await api.patch(`/v3/service_instances/${guid}`, {route_service_url: 'https://elsewhere.example.gov'})
    assert.equal(url.status, 422)
    assert.equal(errorOf(url).detail, "Unknown field(s): 'route_service_url'")
    const deleted = await api.delete(`/v3/service_instances/${guid}`)
    assert.equal(deleted.status, 202)
    assert.equal((await api.get(new URL(deleted.headers.get('location')!).pathname)).body.operation, 'service_instance.delete')
    await eventually(async () => (await api.get(`/v3/service_instances/${guid}`)).status === 404)
    assert.equal(routerUrl('guarded'), null)
  })

  it('the seed refuses a managed instance without offering and plan, or with user-provided fields', async () => {
    const withInstance = (instance: Record<string, unknown>) => ({
      ...seed,
      orgs: [{name: 'org-a', spaces: [{name: 'prod', service_instances: [{name: 'x', type: 'managed' as const, ...instance}]}]}],
    })
    await assert.rejects(
      startSimulator({seed: withInstance({plan: 'standard'})}),
      (e: Error) => e instanceof SeedError && /service_instances\[0\]: managed instance 'x' needs an offering and a plan/.test(e.message),
    )
    await assert.rejects(
      startSimulator({seed: withInstance({offering: 'o', plan: 'p', credentials: {k: 'v'}})}),
      (e: Error) => e instanceof SeedError && /credentials: only for user-provided instances/.test(e.message),
    )
  })

  it('examples/foundation.yml binds intake.app.cloud.gov in agency-c/prod to the managed route service waf', async () => {
    const example = await adminSession({seed: exampleFoundation})
    try {
      const bindings = await example.api.get('/v3/service_route_bindings?include=route,service_instance&service_instance_names=waf')
      assert.equal(bindings.body.resources.length, 1)
      assert.equal(bindings.body.resources[0].route_service_url, 'https://waf.fr.cloud.gov/agency-c/intake')
      assert.equal(bindings.body.included.routes[0].url, 'intake.app.cloud.gov')
      assert.equal(bindings.body.included.service_instances[0].type, 'managed')
      const space = example.sim.store.tables.spaces.get(bindings.body.included.routes[0].relationships.space.data.guid)!
      assert.equal(space.name, 'prod')
      assert.equal(example.sim.store.tables.orgs.get(space.organization_guid)!.name, 'agency-c')
    } finally {
      await example.sim.close()
    }
  })
})
