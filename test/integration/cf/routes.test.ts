import assert from 'node:assert/strict'
import {isServiceInstanceAlreadyBoundToSameRoute, type CfClient, type Route} from '../../../src/cf/index.js'
import {apiCalls, startHarness, type Harness} from './helpers.js'

const seed = {
  domains: [{name: 'apps.example.gov'}],
  orgs: [
    {
      name: 'agency-a',
      spaces: [
        {
          name: 'prod',
          apps: [
            {name: 'api', instances: 1, state: 'STARTED' as const, routes: ['api.apps.example.gov']},
            {name: 'worker', instances: 1, state: 'STARTED' as const},
          ],
        },
      ],
    },
  ],
}

describe('cf routes, destinations, user-provided instances and route bindings against the simulator', () => {
  let h: Harness
  let cf: CfClient
  let spaceGuid: string
  let route: Route

  beforeEach(async () => {
    h = await startHarness({seed, jobDelayMs: 10})
    cf = await h.client({jobs: {intervalMs: 10}})
    spaceGuid = (await cf.spaces.single({names: ['prod']})).guid
    route = await cf.routes.single({hosts: ['api']})
  })
  afterEach(() => h.close())

  it('lists routes by host and space with their domain and space included', async () => {
    const mark = h.sim.journal.entries().length
    const {resources, included} = await cf.routes.listAllWithIncluded({space_guids: [spaceGuid], include: ['domain', 'space.organization']})
    assert.deepEqual(
      resources.map((r) => r.url),
      ['api.apps.example.gov'],
    )
    assert.deepEqual(
      included.domains?.map((d) => (d as unknown as {name: string}).name),
      ['apps.example.gov'],
    )
    assert.deepEqual(
      included.spaces?.map((s) => s.guid),
      [spaceGuid],
    )
    assert.equal(included.organizations?.length, 1)
    assert.deepEqual(apiCalls(h.sim, mark), [`GET /v3/routes?per_page=5000&space_guids=${spaceGuid}&include=domain,space.organization`])
  })

  it('creates a route with metadata, updates its options, and deletes it through its job', async () => {
    const domain = await cf.domains.single({names: ['apps.example.gov']})
    const created = await cf.routes.create({
      host: 'admin',
      path: '/console',
      relationships: {space: {data: {guid: spaceGuid}}, domain: {data: {guid: domain.guid}}},
      metadata: {labels: {'cgx.cloud.gov/protected': 'true'}},
    })
    assert.equal(created.url, 'admin.apps.example.gov/console')
    const updated = await cf.routes.update(created.guid, {options: {}, metadata: {annotations: {note: 'x'}}})
    assert.deepEqual(updated.metadata.annotations, {note: 'x'})
    assert.deepEqual(
      (await cf.routes.listAll({label_selector: 'cgx.cloud.gov/protected=true'})).map((r) => r.guid),
      [created.guid],
    )
    const mark = h.sim.journal.entries().length
    await cf.routes.delete(created.guid)
    assert.equal(apiCalls(h.sim, mark)[0], `DELETE /v3/routes/${created.guid}`)
    assert.ok(
      apiCalls(h.sim, mark)
        .slice(1)
        .every((call) => call.startsWith('GET /v3/jobs/')),
    )
    assert.equal((await cf.routes.listAll({hosts: ['admin']})).length, 0)
  })

  it('lists, inserts, replaces and removes destinations', async () => {
    const worker = await cf.apps.single({names: ['worker']})
    const api = await cf.apps.single({names: ['api']})
    assert.deepEqual(
      (await cf.routes.listDestinations(route.guid)).map((d) => d.app.guid),
      [api.guid],
    )
    const inserted = await cf.routes.insertDestinations(route.guid, [{app: {guid: worker.guid, process: {type: 'web'}}, port: 8080}])
    assert.deepEqual(inserted.map((d) => d.app.guid).sort(), [api.guid, worker.guid].sort())
    const replaced = await cf.routes.replaceDestinations(route.guid, [{app: {guid: worker.guid}}])
    assert.deepEqual(
      replaced.map((d) => d.app.guid),
      [worker.guid],
    )
    await cf.routes.removeDestination(route.guid, replaced[0]?.guid ?? '')
    assert.deepEqual(await cf.routes.listDestinations(route.guid), [])
    assert.deepEqual((await cf.apps.listRoutes(worker.guid)).length, 0)
  })

  it('manages a user-provided route service instance and binds it to a route', async () => {
    const instance = await cf.serviceInstances.create({
      type: 'user-provided',
      name: 'allowlist',
      relationships: {space: {data: {guid: spaceGuid}}},
      route_service_url: 'https://allowlist.apps.example.gov',
      credentials: {signing_key: 'not-for-logs'},
      metadata: {labels: {'cgx.cloud.gov/role': 'allowlist'}},
    })
    assert.equal(instance.type, 'user-provided')
    assert.deepEqual(await cf.serviceInstances.getCredentials(instance.guid), {signing_key: 'not-for-logs'})
    const updated = await cf.serviceInstances.update(instance.guid, {route_service_url: 'https://allowlist2.apps.example.gov'})
    assert.equal(updated.route_service_url, 'https://allowlist2.apps.example.gov')
    assert.equal((await cf.serviceInstances.single({names: ['allowlist'], space_guids: [spaceGuid]})).guid, instance.guid)

    const binding = await cf.serviceRouteBindings.create({
      relationships: {route: {data: {guid: route.guid}}, service_instance: {data: {guid: instance.guid}}},
    })
    assert.equal(binding.route_service_url, 'https://allowlist2.apps.example.gov')
    await assert.rejects(
      cf.serviceRouteBindings.create({relationships: {route: {data: {guid: route.guid}}, service_instance: {data: {guid: instance.guid}}}}),
      (error: unknown) => isServiceInstanceAlreadyBoundToSameRoute(error),
    )
    const {resources, included} = await cf.serviceRouteBindings.listAllWithIncluded({
      route_guids: [route.guid],
      include: ['service_instance'],
    })
    assert.deepEqual(
      resources.map((b) => b.guid),
      [binding.guid],
    )
    assert.deepEqual(
      included.service_instances?.map((si) => si.guid),
      [instance.guid],
    )
    assert.equal((await cf.routes.single({service_instance_guids: [instance.guid]})).guid, route.guid)

    await cf.serviceRouteBindings.delete(binding.guid)
    assert.equal((await cf.serviceRouteBindings.listAll({route_guids: [route.guid]})).length, 0)
    await cf.serviceInstances.delete(instance.guid)
    assert.equal((await cf.serviceInstances.listAll({names: ['allowlist']})).length, 0)
  })
})
