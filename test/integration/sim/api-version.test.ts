// An older Cloud Controller: the version in GET /, and the body fields that version does not know yet refused
// the way CC refuses any unknown field (behaviour 4).
import assert from 'node:assert/strict'
import {startSimulator, type Simulator} from '../../../src/sim/index.js'
import {adminSession, call, errorOf, type Api} from './helpers.js'

const seed = {domains: [{name: 'app.example.gov'}], orgs: [{name: 'org-a', spaces: [{name: 'prod', routes: ['a.app.example.gov']}]}]}

describe('sim: presenting an older API version', function () {
  let sim: Simulator | undefined
  afterEach(() => sim?.close())

  async function session(apiVersion?: string): Promise<{api: Api; routeGuid: string; body: Record<string, unknown>}> {
    const started = await adminSession({seed, ...(apiVersion ? {apiVersion} : {})})
    sim = started.sim
    const [route] = sim.store.tables.routes.all()
    const body = {relationships: {space: {data: {guid: route.space_guid}}, domain: {data: {guid: route.domain_guid}}}}
    return {api: started.api, routeGuid: route.guid, body}
  }

  it('by default is the capi version and knows route options', async () => {
    const {api, routeGuid} = await session()
    const root = await call(`${sim!.url}/`)
    assert.equal(root.body.links.cloud_controller_v3.meta.version, '3.228.0')
    assert.equal(sim!.apiVersion, '3.228.0')
    assert.equal((await api.patch(`/v3/routes/${routeGuid}`, {options: {}})).status, 200)
  })

  it('3.180.0 says so in GET / and refuses options on route create and update, as an unknown field', async () => {
    const {api, routeGuid, body} = await session('3.180.0')
    assert.equal((await call(`${sim!.url}/`)).body.links.cloud_controller_v3.meta.version, '3.180.0')
    const patched = await api.patch(`/v3/routes/${routeGuid}`, {options: {loadbalancing: 'round-robin'}})
    assert.equal(patched.status, 422)
    assert.equal(errorOf(patched).detail, "Unknown field(s): 'options'")
    const created = await api.post('/v3/routes', {...body, host: 'b', options: {}})
    assert.equal(created.status, 422)
    assert.equal(errorOf(created).detail, "Unknown field(s): 'options'")
    const mixed = await api.patch(`/v3/routes/${routeGuid}`, {options: {}, colour: 'red'})
    assert.equal(errorOf(mixed).detail, "Unknown field(s): 'options', 'colour'")
    assert.equal((await api.patch(`/v3/routes/${routeGuid}`, {metadata: {labels: {a: 'b'}}})).status, 200)
    assert.equal((await api.post('/v3/routes', {...body, host: 'c'})).status, 201)
  })

  it('3.183.0, where options came in, knows them', async () => {
    const {api, routeGuid, body} = await session('3.183.0')
    assert.equal((await api.patch(`/v3/routes/${routeGuid}`, {options: {}})).status, 200)
    assert.equal((await api.post('/v3/routes', {...body, host: 'b', options: {}})).status, 201)
  })

  it('refuses a version that is not x.y.z', async () => {
    await assert.rejects(startSimulator({apiVersion: '3.180'}), /apiVersion '3\.180' is not a version like 3\.180\.0/)
  })
})
