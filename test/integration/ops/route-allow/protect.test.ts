import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import type {CfClient} from '../../../../src/cf/index.js'
import {addAllowlist, type AddRequest} from '../../../../src/ops/route-allow/add.js'
import {listAllowlists} from '../../../../src/ops/route-allow/list.js'
import {removeAllowlist} from '../../../../src/ops/route-allow/remove.js'
import {OpError} from '../../../../src/ops/errors.js'
import {deployRouteService} from '../../../../src/ops/route-service/deploy.js'
import {assertNeverMoreOpen, exposureOf, exposureText, watchRoutes} from '../../../helpers/router-invariants.js'
import {writesIn} from '../../../helpers/sim.js'
import {apiCalls, type Harness} from '../../cf/helpers.js'
import {exampleHarness, fakeBundle, poll, recordingReporter} from '../route-service/helpers.js'

describe('ops/route-allow add and remove: the route is never more open than asked', () => {
  let h: Harness
  let cf: CfClient
  let proxyUrl: string
  const routeGuid = (url: string) => {
    const [host, ...rest] = url.split('/')
    const route = h.sim.store.tables.routes
      .all()
      .find(
        (r) =>
          `${r.host}.${h.sim.store.tables.domains.get(r.domain_guid)!.name}` === host &&
          r.path === (rest.length ? `/${rest.join('/')}` : ''),
      )
    return route!.guid
  }
  const add = (route: string, allow: string[], extra: Partial<AddRequest> = {}, reporter = recordingReporter()) =>
    addAllowlist(cf, {route, allow, env: {}, api: h.sim.url, poll, ...extra}, reporter)
  const remove = (route: string, extra: {allow?: string[]; all?: boolean; confirm?: boolean}) =>
    removeAllowlist(cf, {route, allow: extra.allow, all: extra.all, confirm: async () => extra.confirm ?? false, poll}, recordingReporter())

  before(async () => {
    h = await exampleHarness()
    cf = await h.client()
    proxyUrl = (
      await deployRouteService(
        cf,
        {org: 'agency-a', space: 'route-services', api: h.sim.url, bundle: fakeBundle(), poll},
        recordingReporter(),
      )
    ).url
  })
  after(() => h.close())

  it('add: policy live on every instance before the binding; the route goes from open to exactly the range', async () => {
    const guid = routeGuid('api.agency-a.gov/v1')
    const watch = watchRoutes(h.sim, [guid])
    const mark = h.sim.journal.entries().length
    const reporter = recordingReporter()
    const result = await add('api.agency-a.gov/v1', ['203.0.113.0/24'], {}, reporter)
    watch.stop()
    assert.deepEqual(watch.timeline(guid).map(exposureText), ['open', 'allow 203.0.113.0/24'])
    assert.deepEqual(
      [result.route.url, result.allow, result.protected, result.headerSecret],
      ['api.agency-a.gov/v1', ['203.0.113.0/24'], true, null],
    )
    const writes = apiCalls(h.sim, mark)
      .filter((c) => !c.startsWith('GET'))
      .map((c) => c.replace(/[0-9a-f-]{36}/g, ':guid'))
    assert.deepEqual(writes, [
      'PATCH /v3/apps/:guid',
      'PATCH /v3/apps/:guid/environment_variables',
      'POST /v3/deployments',
      'PATCH /v3/apps/:guid',
      'POST /v3/service_instances',
      'POST /v3/service_route_bindings',
    ])
    assert.equal(h.sim.router.get(guid)!.routeServiceUrl, proxyUrl)
    assert.match(reporter.warned.join('\n'), /client address alone/)
  })

  it('add again: no writes at all', async () => {
    h.sim.journal.clear()
    const result = await add('api.agency-a.gov/v1', ['203.0.113.0/24'])
    assert.deepEqual([result.changes, writesIn(h.sim)], [[], []])
  })

  it('add a range and a header secret from the environment: widens to exactly that, never shows the secret', async () => {
    const guid = routeGuid('api.agency-a.gov/v1')
    const watch = watchRoutes(h.sim, [guid])
    const secret = 'correct-horse-battery-staple-42'
    const tracePath = join(h.cfHome, 'trace.log')
    const traced = await h.client({trace: tracePath})
    const reporter = recordingReporter()
    const result = await addAllowlist(
      traced,
      {
        route: 'api.agency-a.gov/v1',
        allow: ['198.51.100.7'],
        headerSecretFromEnv: 'API_SECRET',
        env: {API_SECRET: secret},
        api: h.sim.url,
        poll,
      },
      reporter,
    )
    watch.stop()
    const trace = readFileSync(tracePath, 'utf8')
    assert.match(trace, /PATCH \/v3\/apps\/[0-9a-f-]+\/environment_variables/)
    assert.ok(!trace.includes(secret) && !JSON.stringify(reporter).includes(secret), 'the secret is in no trace and no message')
    assert.ok(
      JSON.parse(
        h.sim.store.tables.apps.all().find((a) => a.name === 'cgx-allowlist-proxy')!.environment_variables.CGX_ALLOWLIST,
      ).routes.some((r: {headerSecret?: {value: string}}) => r.headerSecret?.value === secret),
      'the proxy gets it',
    )
    assert.deepEqual(result.allow, ['203.0.113.0/24', '198.51.100.7/32'])
    assert.deepEqual(result.headerSecret, {header: 'x-allowlist-secret', value: '[set]'})
    assert.ok(!JSON.stringify(result).includes(secret))
    assertNeverMoreOpen(watch.timeline(guid), {kind: 'allow', cidrs: ['203.0.113.0/24']}, exposureOf(h.sim, guid))
  })

  it('remove --allow narrows, and returns only once no instance allows the removed range', async () => {
    const guid = routeGuid('api.agency-a.gov/v1')
    const before = exposureOf(h.sim, guid)
    const watch = watchRoutes(h.sim, [guid])
    const result = await remove('api.agency-a.gov/v1', {allow: ['198.51.100.7']})
    watch.stop()
    assert.deepEqual(result.allow, ['203.0.113.0/24'])
    assert.equal(exposureText(exposureOf(h.sim, guid)), 'allow 203.0.113.0/24', 'live everywhere when remove returns')
    assertNeverMoreOpen(watch.timeline(guid), before, exposureOf(h.sim, guid))
  })

  it('add on an unprotected route ignores a rule left in the policy by an interrupted run', async () => {
    const proxyApp = h.sim.store.tables.apps.all().find((a) => a.name === 'cgx-allowlist-proxy')!
    const policy = JSON.parse(proxyApp.environment_variables.CGX_ALLOWLIST)
    policy.routes.push({route: 'sandbox-app.app.cloud.gov', allow: ['192.0.2.0/24']})
    await cf.apps.updateEnvironmentVariables(proxyApp.guid, {CGX_ALLOWLIST: JSON.stringify(policy)})
    const result = await add('sandbox-app.app.cloud.gov', ['203.0.113.0/24'])
    assert.deepEqual(result.allow, ['203.0.113.0/24'])
    const live = JSON.parse(h.sim.store.tables.apps.get(proxyApp.guid)!.environment_variables.CGX_ALLOWLIST)
    assert.deepEqual(live.routes.find((r: {route: string}) => r.route === 'sandbox-app.app.cloud.gov').allow, ['203.0.113.0/24'])
  })

  it('refuses a route bound to a route service cgx does not manage, unless --replace; then it is never open', async () => {
    const guid = routeGuid('static.app.cloud.gov')
    h.sim.journal.clear()
    await assert.rejects(
      add('static.app.cloud.gov', ['203.0.113.0/24']),
      (error: OpError) =>
        error.code === 'ROUTE_BOUND_ELSEWHERE' && /'allowlist' \(https:\/\/allowlist-agency-a\.app\.cloud\.gov\)/.test(error.message),
    )
    assert.deepEqual(writesIn(h.sim), [])
    const web = h.sim.store.tables.apps.all().find((a) => a.name === 'web')!
    await cf.routes.insertDestinations(guid, [{app: {guid: web.guid}}])
    const before = exposureOf(h.sim, guid)
    const destinations = h.sim.store.tables.routes.get(guid)!.destinations.map((d) => d.app_guid)
    const watch = watchRoutes(h.sim, [guid])
    const reporter = recordingReporter()
    await add('static.app.cloud.gov', ['203.0.113.0/24'], {replace: true}, reporter)
    watch.stop()
    assert.deepEqual(watch.timeline(guid).map(exposureText), [
      'foreign https://allowlist-agency-a.app.cloud.gov',
      'closed',
      'allow 203.0.113.0/24',
    ])
    assertNeverMoreOpen(watch.timeline(guid), before, exposureOf(h.sim, guid))
    assert.deepEqual(
      h.sim.store.tables.routes.get(guid)!.destinations.map((d) => d.app_guid),
      destinations,
    )
    assert.ok(reporter.progressed.some((line) => line.includes('answers 404 for a moment')))
  })

  it('list: protected routes with their allow lists, the others with --all-routes, in a fixed number of requests', async () => {
    const mark = h.sim.journal.entries().length
    const all = await listAllowlists(cf, {org: 'agency-a', allRoutes: true}, recordingReporter())
    const calls = apiCalls(h.sim, mark).map((c) => c.replace(/[0-9a-f-]{36}/g, ':guid').replace(/\?.*/, ''))
    assert.deepEqual(calls.sort(), [
      'GET /v3/apps',
      'GET /v3/apps/:guid/environment_variables',
      'GET /v3/apps/:guid/routes',
      'GET /v3/organizations',
      'GET /v3/routes',
      'GET /v3/service_route_bindings',
    ])
    const byUrl = Object.fromEntries(all.routes.map((r) => [r.url, [r.status, r.allow.join(','), r.routeService?.name ?? '-']]))
    assert.deepEqual(byUrl['api.agency-a.gov/v1'], ['protected', '203.0.113.0/24', 'cgx-allowlist'])
    assert.deepEqual(byUrl['static.app.cloud.gov'], ['protected', '203.0.113.0/24', 'cgx-allowlist'])
    assert.deepEqual(byUrl['www.agency-a.gov'], ['unprotected', '', '-'])
    const protectedOnly = await listAllowlists(cf, {org: 'agency-a', space: 'prod'}, recordingReporter())
    assert.deepEqual(protectedOnly.routes.map((r) => r.url).sort(), ['api.agency-a.gov/v1', 'static.app.cloud.gov'])
    assert.equal(protectedOnly.proxy?.url, proxyUrl)
  })

  it('remove --all asks first; unbinds before it drops the route from the policy', async () => {
    const guid = routeGuid('api.agency-a.gov/v1')
    h.sim.journal.clear()
    await assert.rejects(remove('api.agency-a.gov/v1', {all: true, confirm: false}), (error: OpError) => error.code === 'NOT_CONFIRMED')
    assert.deepEqual(writesIn(h.sim), [])
    const result = await remove('api.agency-a.gov/v1', {all: true, confirm: true})
    const writes = writesIn(h.sim).map((w) => w.replace(/[0-9a-f-]{36}/g, ':guid'))
    assert.equal(writes[0], 'DELETE /v3/service_route_bindings/:guid')
    assert.ok(writes.indexOf('PATCH /v3/apps/:guid/environment_variables') > 0)
    assert.deepEqual([result.protected, result.allow], [false, []])
    assert.equal(exposureText(exposureOf(h.sim, guid)), 'open')
  })

  it("repoints the space's route service when the proxy moved, and re-sends its routes to the router", async () => {
    const guid = routeGuid('static.app.cloud.gov')
    const instance = h.sim.store.tables.serviceInstances.all().find((i) => i.name === 'cgx-allowlist')!
    await cf.serviceInstances.update(instance.guid, {route_service_url: 'https://old-proxy.app.cloud.gov'})
    await cf.routes.update(guid, {options: {}})
    assert.equal(h.sim.router.get(guid)!.routeServiceUrl, 'https://old-proxy.app.cloud.gov')
    const result = await add('static.app.cloud.gov', ['203.0.113.0/24'])
    assert.ok(result.changes.some((c) => c.startsWith(`pointed cgx-allowlist at ${proxyUrl}`)))
    assert.equal(h.sim.router.get(guid)!.routeServiceUrl, proxyUrl)
  })
})
