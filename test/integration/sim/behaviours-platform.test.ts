// capi/README.md behaviours 20-27: push flow, rate limits, headers, roots, UAA, metadata, deployments, and the
// router keeping the old route-service URL until a route is re-sent.
import assert from 'node:assert/strict'
import type {Simulator} from '../../../src/sim/index.js'
import {adminSession, call, errorOf, eventually, passwordToken, smallSeed, type Api} from './helpers.js'

const rel = (guid: string) => ({data: {guid}})

function multipart(bytes: number): {body: Buffer; type: string} {
  const boundary = 'sim-boundary'
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="bits"; filename="app.zip"\r\n` + 'Content-Type: application/zip\r\n\r\n',
    ),
    Buffer.alloc(bytes, 7),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return {body, type: `multipart/form-data; boundary=${boundary}`}
}

function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))
}

describe('sim behaviours 20-27: push, rate limits, headers, roots, UAA, metadata, deployments, router', function () {
  let sim: Simulator
  let api: Api
  const t = () => sim.store.tables
  const prod = () =>
    t()
      .spaces.all()
      .find((s) => s.name === 'prod' && s.isolation_segment_guid)!
  const app = (name: string) =>
    t()
      .apps.all()
      .find((a) => a.name === name)!

  beforeEach(async () => {
    ;({sim, api} = await adminSession({seed: smallSeed, jobDelayMs: 5, stagingDelayMs: 5, deploymentStepMs: 10}))
  })
  afterEach(() => sim.close())

  it('behaviour 20: push flow - STOPPED app with web process, upload once, build stages, start needs a droplet', async () => {
    const created = await api.post('/v3/apps', {name: 'pushed', relationships: {space: rel(prod().guid)}})
    assert.equal(created.body.state, 'STOPPED')
    const processes = await api.get(`/v3/apps/${created.body.guid}/processes`)
    assert.deepEqual(
      processes.body.resources.map((p: {type: string}) => p.type),
      ['web'],
    )
    assert.equal(
      errorOf(await api.post(`/v3/apps/${created.body.guid}/actions/start`)).detail,
      'Assign a droplet before starting this app.',
    )
    const pkg = await api.post('/v3/packages', {type: 'bits', relationships: {app: rel(created.body.guid)}})
    assert.equal(pkg.body.state, 'AWAITING_UPLOAD')
    const {body, type} = multipart(1234)
    const upload = () =>
      call(`${sim.url}/v3/packages/${pkg.body.guid}/upload`, {
        method: 'POST',
        body,
        headers: {'Content-Type': type, Authorization: `bearer ${token}`},
      })
    const token = (await passwordToken(sim)).body.access_token
    const first = await upload()
    assert.equal(first.body.state, 'PROCESSING_UPLOAD')
    assert.equal(t().packages.get(pkg.body.guid)!.bits_bytes, 1234)
    await eventually(async () => (await api.get(`/v3/packages/${pkg.body.guid}`)).body.state === 'READY')
    const second = await upload()
    assert.equal(second.status, 400)
    assert.equal(errorOf(second).title, 'CF-PackageBitsAlreadyUploaded')
    const build = await api.post('/v3/builds', {package: {guid: pkg.body.guid}})
    assert.equal(build.body.state, 'STAGING')
    await eventually(async () => (await api.get(`/v3/builds/${build.body.guid}`)).body.state === 'STAGED')
    const droplet = (await api.get(`/v3/builds/${build.body.guid}`)).body.droplet.guid
    await api.patch(`/v3/apps/${created.body.guid}/relationships/current_droplet`, {data: {guid: droplet}})
    assert.equal((await api.post(`/v3/apps/${created.body.guid}/actions/start`)).body.state, 'STARTED')
    const env = await api.patch(`/v3/apps/${created.body.guid}/environment_variables`, {var: {A: '1', B: '2'}})
    assert.deepEqual(env.body.var, {A: '1', B: '2'})
    const merged = await api.patch(`/v3/apps/${created.body.guid}/environment_variables`, {var: {A: null, C: '3'}})
    assert.deepEqual(merged.body.var, {B: '2', C: '3'})
  })

  it('behaviour 21: 429 is text/plain with Retry-After and CF-RateLimitExceeded; /v3/info reports rate_limits', async () => {
    sim.faults.inject({path: '^/v3/spaces$', status: 429, retryAfterSec: 7})
    const limited = await api.get('/v3/spaces')
    assert.equal(limited.status, 429)
    assert.equal(limited.headers.get('retry-after'), '7')
    assert.equal(limited.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.ok(Number(limited.headers.get('x-ratelimit-reset')) > Date.now() / 1000)
    assert.deepEqual(JSON.parse(limited.text).errors[0], {detail: 'Rate Limit Exceeded', title: 'CF-RateLimitExceeded', code: 10013})
    assert.equal((await api.get('/v3/spaces')).status, 200, 'the rule applied once')
    const info = await call(`${sim.url}/v3/info`)
    assert.deepEqual(Object.keys(info.body.rate_limits), ['enabled', 'general_limit', 'reset_interval_in_minutes'])
  })

  it('behaviour 22: X-VCAP-Request-ID on every response; X-Cf-Warnings CGI-escaped', async () => {
    const ids = new Set<string>()
    for (const answer of [await api.get('/v3/organizations'), await api.get('/v3/nothing'), await call(`${sim.url}/`)]) {
      const id = answer.headers.get('x-vcap-request-id')
      assert.ok(id)
      ids.add(id)
    }
    assert.equal(ids.size, 3)
    sim.faults.inject({path: '^/v3/organizations$', warning: 'quota, nearly used'})
    const warned = await api.get('/v3/organizations')
    assert.equal(warned.status, 200)
    assert.equal(warned.headers.get('x-cf-warnings'), 'quota%2C+nearly+used')
  })

  it('behaviour 23: the global root lists links in CC order; login and uaa point at /uaa', async () => {
    const root = await call(`${sim.url}/`)
    assert.deepEqual(Object.keys(root.body.links), [
      'self',
      'cloud_controller_v3',
      'network_policy_v0',
      'network_policy_v1',
      'login',
      'uaa',
      'credhub',
      'routing',
      'logging',
      'log_cache',
      'log_stream',
      'app_ssh',
    ])
    assert.equal(root.body.links.login.href, `${sim.url}/uaa`)
    assert.equal(root.body.links.uaa.href, `${sim.url}/uaa`)
    assert.equal(root.body.links.credhub, null)
    assert.match(root.body.links.cloud_controller_v3.meta.version, /^3\.\d+\.\d+$/)
    const v3 = await call(`${sim.url}/v3`)
    assert.equal(v3.body.links.organizations.href, `${sim.url}/v3/organizations`)
  })

  it('behaviour 24: UAA grants, JWT claims and errors', async () => {
    const login = await call(`${sim.url}/uaa/login`)
    assert.equal(login.body.links.uaa, `${sim.url}/uaa`)
    const password = await passwordToken(sim, 'dev', 'pw')
    assert.equal(password.body.token_type, 'bearer')
    const claims = jwtClaims(password.body.access_token)
    for (const claim of ['exp', 'iat', 'user_name', 'user_id', 'client_id', 'scope', 'jti']) assert.ok(claim in claims, claim)
    assert.equal(claims.user_name, 'dev')
    assert.equal(Number(claims.exp) - Number(claims.iat), 600)
    const form = (body: string) =>
      call(`${sim.url}/uaa/oauth/token`, {method: 'POST', body, headers: {'Content-Type': 'application/x-www-form-urlencoded'}})
    const refreshed = await form(`client_id=cf&client_secret=&grant_type=refresh_token&refresh_token=${password.body.refresh_token}`)
    assert.equal(jwtClaims(refreshed.body.access_token).user_name, 'dev')
    const badRefresh = await form('client_id=cf&client_secret=&grant_type=refresh_token&refresh_token=nope')
    assert.equal(badRefresh.status, 401)
    assert.equal(badRefresh.body.error, 'invalid_token')
    const badPassword = await passwordToken(sim, 'dev', 'wrong')
    assert.deepEqual(
      {status: badPassword.status, ...badPassword.body},
      {status: 401, error: 'unauthorized', error_description: 'Bad credentials'},
    )
    const client = await form('grant_type=client_credentials&client_id=ci&client_secret=ci-secret')
    assert.equal(client.body.refresh_token, undefined)
    assert.equal(client.body.id_token, undefined)
    const orgs = await call(`${sim.url}/v3/organizations`, {headers: {Authorization: `bearer ${client.body.access_token}`}})
    assert.equal(orgs.body.pagination.total_results, 2, 'an admin client sees every org')
    assert.equal((await form('grant_type=client_credentials&client_id=ci&client_secret=no')).status, 401)
  })

  it('behaviour 25: metadata merges key by key, null deletes, and is validated with CC texts', async () => {
    const path = `/v3/spaces/${prod().guid}`
    await api.patch(path, {metadata: {labels: {a: '1', b: '2'}, annotations: {'cgx.cloud.gov/note': 'x'}}})
    const merged = await api.patch(path, {metadata: {labels: {a: null, c: '3'}}})
    assert.deepEqual(merged.body.metadata, {labels: {b: '2', c: '3'}, annotations: {'cgx.cloud.gov/note': 'x'}})
    assert.deepEqual((await api.patch(path, {metadata: {labels: {}}})).body.metadata.labels, {b: '2', c: '3'})
    const invalid = await api.patch(path, {metadata: {labels: {'potato mashed': 'x'}}})
    assert.equal(errorOf(invalid).detail, "Metadata label key error: 'potato mashed' contains invalid characters")
    assert.equal(
      errorOf(await api.patch(path, {metadata: {annotations: {'onlycom/key': 'v'}}})).detail,
      "Metadata annotation key error: prefix 'onlycom' must be in valid dns format",
    )
    assert.equal((await api.patch(path, {metadata: {annotations: {'bad key!': ''}}})).status, 200, 'empty value skips key check')
    const many = Object.fromEntries(Array.from({length: 51}, (_, i) => [`k${i}`, 'v']))
    const tooMany = await api.patch(path, {metadata: {labels: many}})
    assert.deepEqual(errorOf(tooMany), {
      detail: 'Failed to add 51 labels because it would exceed maximum of 50',
      title: 'CF-LabelLimitExceeded',
      code: 390020,
    })
  })

  it('behaviour 26: rolling deployment replaces instances max_in_flight at a time, then FINALIZED/DEPLOYED', async () => {
    const api1 = app('api')
    await api.patch(`/v3/apps/${api1.guid}/environment_variables`, {var: {MODE: 'two'}})
    const running = () =>
      t()
        .processes.by('app', api1.guid)
        .flatMap((p) => p.running)
    assert.deepEqual(
      running().map((i) => i.environment.MODE),
      ['one', 'one'],
      'old instances keep the old env',
    )
    const created = await api.post('/v3/deployments', {relationships: {app: rel(api1.guid)}})
    assert.deepEqual(created.body.status, {value: 'ACTIVE', reason: 'DEPLOYING', details: created.body.status.details})
    assert.ok(created.body.links.cancel)
    assert.equal(created.body.new_processes.length, 1)
    await eventually(async () => (await api.get(`/v3/deployments/${created.body.guid}`)).body.status.value === 'FINALIZED')
    const done = await api.get(`/v3/deployments/${created.body.guid}`)
    assert.equal(done.body.status.reason, 'DEPLOYED')
    assert.equal(done.body.links.cancel, undefined)
    assert.deepEqual(
      running().map((i) => i.environment.MODE),
      ['two', 'two'],
    )
    assert.deepEqual(
      t()
        .processes.by('app', api1.guid)
        .map((p) => p.guid),
      [created.body.new_processes[0].guid],
    )
    const cancel = await api.post(`/v3/deployments/${created.body.guid}/actions/cancel`)
    assert.equal(errorOf(cancel).detail, 'Cannot cancel a deployment with status: FINALIZED and reason: DEPLOYED')
  })

  it('behaviour 26: stopped apps finalize at once; canary pauses and continues; cancel; supersede', async () => {
    const web = app('web')
    const atOnce = await api.post('/v3/deployments', {droplet: {guid: web.current_droplet_guid}, relationships: {app: rel(web.guid)}})
    assert.deepEqual([atOnce.body.status.value, atOnce.body.status.reason], ['FINALIZED', 'DEPLOYED'])
    assert.deepEqual(atOnce.body.new_processes, [])
    assert.equal(app('web').state, 'STARTED')
    assert.equal(
      errorOf(await api.post(`/v3/deployments/${atOnce.body.guid}/actions/continue`)).detail,
      'Cannot continue a deployment with status: FINALIZED and reason: DEPLOYED',
    )
    const pausedCanary = async () => {
      const canary = await api.post('/v3/deployments', {strategy: 'canary', relationships: {app: rel(app('api').guid)}})
      assert.deepEqual(canary.body.status.canary, {steps: {current: 1, total: 1}})
      await eventually(async () => (await api.get(`/v3/deployments/${canary.body.guid}`)).body.status.reason === 'PAUSED')
      return canary.body.guid as string
    }
    const first = await pausedCanary()
    assert.ok((await api.get(`/v3/deployments/${first}`)).body.links.continue)
    const resumed = await api.post(`/v3/deployments/${first}/actions/continue`)
    assert.deepEqual([resumed.status, resumed.text], [200, ''])
    await eventually(async () => (await api.get(`/v3/deployments/${first}`)).body.status.reason === 'DEPLOYED')
    const second = await pausedCanary()
    assert.deepEqual([(await api.post(`/v3/deployments/${second}/actions/cancel`)).status], [200])
    await eventually(async () => (await api.get(`/v3/deployments/${second}`)).body.status.reason === 'CANCELED')
    const third = await pausedCanary()
    await api.post('/v3/deployments', {relationships: {app: rel(app('api').guid)}})
    const superseded = await api.get(`/v3/deployments/${third}`)
    assert.deepEqual([superseded.body.status.value, superseded.body.status.reason], ['FINALIZED', 'SUPERSEDED'])
  })

  it('behaviour 27: a route-service URL change reaches the router only when the route is re-sent', async () => {
    const rs = t()
      .serviceInstances.all()
      .find((i) => i.name === 'rs')!
    const route = t()
      .routes.all()
      .find((r) => r.host === 'static')!
    const enforced = () => sim.router.get(route.guid)!.routeServiceUrl
    assert.equal(enforced(), 'https://rs.example.gov')
    await api.patch(`/v3/service_instances/${rs.guid}`, {route_service_url: 'https://rs2.example.gov'})
    assert.equal(t().routeBindings.first('route', route.guid)!.route_service_url, 'https://rs2.example.gov')
    assert.equal(enforced(), 'https://rs.example.gov', 'PATCH service_instances alone does not reach the router')
    sim.journal.clear()
    await api.patch(`/v3/routes/${route.guid}`, {options: {}})
    assert.equal(enforced(), 'https://rs2.example.gov')
    const last = sim.router.get(route.guid)!.history.at(-1)!
    assert.equal(last.journalIndex, 0)
    assert.equal(sim.journal.entries()[last.journalIndex!].path, `/v3/routes/${route.guid}`)
    const viaHttp = await call(`${sim.url}/_sim/router`)
    const entry = viaHttp.body.routes.find((r: {guid: string}) => r.guid === route.guid)
    assert.deepEqual(
      entry.history.map((h: {routeServiceUrl: string}) => h.routeServiceUrl),
      ['https://rs.example.gov', 'https://rs2.example.gov'],
      'never unprotected',
    )
    await api.delete(`/v3/service_route_bindings/${t().routeBindings.first('route', route.guid)!.guid}`)
    assert.equal(enforced(), null)
  })

  it('behaviour 27: restart and deployments re-send routes of the app; destination changes too', async () => {
    const apiApp = app('api')
    const route = t()
      .routes.all()
      .find((r) => r.host === 'api')!
    const rs = t()
      .serviceInstances.all()
      .find((i) => i.name === 'rs')!
    const enforced = () => sim.router.get(route.guid)!.routeServiceUrl
    await api.post('/v3/service_route_bindings', {relationships: {route: rel(route.guid), service_instance: rel(rs.guid)}})
    await api.patch(`/v3/service_instances/${rs.guid}`, {route_service_url: 'https://rs3.example.gov'})
    assert.equal(enforced(), 'https://rs.example.gov')
    await api.post(`/v3/apps/${apiApp.guid}/actions/restart`)
    assert.equal(enforced(), 'https://rs3.example.gov')
    await api.patch(`/v3/service_instances/${rs.guid}`, {route_service_url: 'https://rs4.example.gov'})
    await api.post('/v3/deployments', {relationships: {app: rel(apiApp.guid)}})
    assert.equal(enforced(), 'https://rs4.example.gov')
    await api.patch(`/v3/service_instances/${rs.guid}`, {route_service_url: 'https://rs5.example.gov'})
    const other = await api.post('/v3/apps', {name: 'other', relationships: {space: rel(prod().guid)}})
    await api.post(`/v3/routes/${route.guid}/destinations`, {destinations: [{app: {guid: other.body.guid}}]})
    assert.equal(enforced(), 'https://rs5.example.gov')
  })
})
