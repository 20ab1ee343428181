// Issue 10: a route cgx calls protected really goes through the org's proxy, and every way of losing that is
// reported or refused: a route service URL that no longer leads to the proxy (stale), the proxy put behind itself,
// a managed route service's URL (on the binding), a weak header secret.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {CfClient} from '../../../../src/cf/index.js'
import {OpError} from '../../../../src/ops/errors.js'
import {addAllowlist, type AddRequest} from '../../../../src/ops/route-allow/add.js'
import {checkAllowlist} from '../../../../src/ops/route-allow/check.js'
import {listAllowlists} from '../../../../src/ops/route-allow/list.js'
import {showAllowlist} from '../../../../src/ops/route-allow/show.js'
import {deployRouteService} from '../../../../src/ops/route-service/deploy.js'
import {exportSetup, planSetup} from '../../../../src/ops/setup/index.js'
import {exampleFoundation, writesIn} from '../../../helpers/sim.js'
import {startHarness, type Harness} from '../../cf/helpers.js'
import {allowlistsYaml} from '../setup/helpers.js'
import {exampleHarness, fakeBundle, poll, recordingReporter} from '../route-service/helpers.js'

const API = 'api.agency-a.gov/v1'
const WWW = 'www.agency-a.gov'
const STAGING = 'api-staging.app.cloud.gov'
const EVIL = 'https://claimed-by-someone-else.app.cloud.gov'

describe('ops/route-allow: protection is never lost silently', function () {
  this.timeout(30_000)
  let h: Harness
  let cf: CfClient
  let proxyUrl: string
  const add = (route: string, allow: string[], extra: Partial<AddRequest> = {}, reporter = recordingReporter()) =>
    addAllowlist(cf, {route, allow, env: {}, api: h.sim.url, poll, ...extra}, reporter)
  const deploy = (org = 'agency-a', space = 'route-services') =>
    deployRouteService(cf, {org, space, api: h.sim.url, bundle: fakeBundle(), poll}, recordingReporter())
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => assert.fail('expected an error'),
      (error: unknown) => error as OpError,
    )
  const routeOf = (url: string) => {
    const {routes, domains} = h.sim.store.tables
    return routes.all().find((r) => `${r.host === '' ? '' : `${r.host}.`}${domains.get(r.domain_guid)!.name}${r.path}` === url)!
  }
  const setupFile = (name: string, text: string) => {
    const file = join(h.cfHome, name)
    writeFileSync(file, text)
    return file
  }
  const instances = () => h.sim.store.tables.serviceInstances.all().filter((i) => i.name === 'cgx-allowlist')
  const setInstanceUrl = async (space: string, url: string) => {
    const instance = instances().find((i) => h.sim.store.tables.spaces.get(i.space_guid)!.name === space)!
    await cf.serviceInstances.update(instance.guid, {route_service_url: url})
  }

  before(async () => {
    h = await exampleHarness()
    cf = await h.client()
    proxyUrl = (await deploy()).url
    await add(API, ['203.0.113.0/24'])
    await add(STAGING, ['198.51.100.0/24'])
  })
  after(() => h.close())

  describe('a route service URL that no longer leads to the proxy', () => {
    it('an instance edited by hand: list and show say stale, with both URLs, never protected', async () => {
      await setInstanceUrl('prod', EVIL)
      const listed = (await listAllowlists(cf, {org: 'agency-a'}, recordingReporter())).routes.find((r) => r.url === API)!
      assert.deepEqual(
        [listed.status, listed.protected, listed.routeService?.url, listed.stale?.proxyUrl],
        ['stale', false, EVIL, proxyUrl],
      )
      const shown = await showAllowlist(cf, {route: API})
      assert.deepEqual([shown.status, shown.protected], ['stale', false])
      assert.match(shown.stale!.reason, /cgx-allowlist points at https:\/\/claimed-by-someone-else/)
      const checked = await failure(checkAllowlist(cf, {route: API, ip: '203.0.113.9'}))
      assert.deepEqual([checked.code, checked.exitCode], ['ROUTE_STALE', 1])
    })

    it('plan shows the repair as a change even though the allow list matches', async () => {
      const file = setupFile('stale.yml', allowlistsYaml({[API]: ['203.0.113.0/24'], [STAGING]: ['198.51.100.0/24']}))
      const plan = await planSetup(cf, {file, poll}, recordingReporter())
      const changes = plan.changes.filter((c) => c.type === 'route_allowlist').map((c) => [c.name.name, c.action])
      assert.deepEqual(changes, [
        [API, 'update'],
        [STAGING, 'no-op'],
      ])
      assert.match(plan.changes.find((c) => c.name.name === API)!.reason, /^stale: .*apply points it at the proxy again/)
      const reporter = recordingReporter()
      const exported = await exportSetup(cf, {orgs: ['agency-a']}, reporter)
      assert.match(exported.text, /api\.agency-a\.gov\/v1: \[203\.0\.113\.0\/24\]/)
      assert.match(
        reporter.warned.join('\n'),
        /api\.agency-a\.gov\/v1 is stale \(cgx-allowlist points at https:\/\/claimed-by-someone-else.*planning this file shows the repair/,
      )
    })

    it('route-allow add repairs the space it acts on, and the router is told', async () => {
      const result = await add(API, ['203.0.113.0/24'])
      assert.ok(
        result.changes.some((c) => c.startsWith(`pointed cgx-allowlist at ${proxyUrl}`)),
        result.changes.join('\n'),
      )
      assert.equal(h.sim.router.get(routeOf(API).guid)!.routeServiceUrl, proxyUrl)
      const listed = (await listAllowlists(cf, {org: 'agency-a'}, recordingReporter())).routes.find((r) => r.url === API)!
      assert.deepEqual([listed.status, listed.stale], ['protected', null])
    })

    it('the proxy gets a new route: deploy repoints every instance of the org, says how many, and the router follows', async () => {
      const proxyRoute = h.sim.store.tables.routes.all().find((r) => r.metadata.labels['cgx.cloud.gov/role'] === 'allowlist-proxy')!
      await cf.routes.delete(proxyRoute.guid)
      const stale = (await listAllowlists(cf, {org: 'agency-a'}, recordingReporter())).routes
      assert.deepEqual(stale.map((r) => [r.url, r.status]).sort(), [
        [STAGING, 'stale'],
        [API, 'stale'],
      ])
      const deployed = await deploy()
      assert.notEqual(deployed.url, proxyUrl)
      assert.equal(deployed.repointed, 2)
      for (const url of [API, STAGING]) assert.equal(h.sim.router.get(routeOf(url).guid)!.routeServiceUrl, deployed.url, url)
      const after = (await listAllowlists(cf, {org: 'agency-a'}, recordingReporter())).routes
      assert.deepEqual(
        after.map((r) => r.status),
        ['protected', 'protected'],
      )
      h.sim.journal.clear()
      assert.equal((await deploy()).repointed, 0)
      assert.deepEqual(writesIn(h.sim), [])
      proxyUrl = deployed.url
    })
  })

  describe('the proxy behind itself', () => {
    it("refuses the proxy's own route, and writes nothing", async () => {
      const proxyRoute = proxyUrl.replace('https://', '')
      h.sim.journal.clear()
      const error = await failure(add(proxyRoute, ['203.0.113.0/24']))
      assert.deepEqual([error.code, error.exitCode], ['ROUTE_IS_PROXY', 1])
      assert.match(error.message, /is the route of the allowlist proxy cgx-allowlist-proxy/)
      assert.deepEqual(writesIn(h.sim), [])
    })

    it('refuses a route whose destinations include the proxy app', async () => {
      const proxyApp = h.sim.store.tables.apps.all().find((a) => a.name === 'cgx-allowlist-proxy')!
      const route = await cf.routes.create({
        host: 'alias',
        relationships: {space: {data: {guid: proxyApp.space_guid}}, domain: {data: {guid: routeOf(STAGING).domain_guid}}},
      })
      await cf.routes.insertDestinations(route.guid, [{app: {guid: proxyApp.guid}}])
      h.sim.journal.clear()
      const error = await failure(add('alias.app.cloud.gov', ['203.0.113.0/24']))
      assert.equal(error.code, 'ROUTE_IS_PROXY')
      assert.match(error.message, /sends traffic to the allowlist proxy/)
      assert.deepEqual(writesIn(h.sim), [])
      const file = setupFile('loop.yml', allowlistsYaml({'alias.app.cloud.gov': ['203.0.113.0/24']}))
      const plan = await planSetup(cf, {file, poll}, recordingReporter())
      assert.match(plan.warnings.join('\n'), /apply will stop here: alias\.app\.cloud\.gov sends traffic to the allowlist proxy/)
    })
  })

  describe('a managed route service', () => {
    it('list shows the URL its binding carries (managed instances have none)', async () => {
      const listed = await listAllowlists(cf, {org: 'agency-c', allRoutes: true}, recordingReporter())
      const intake = listed.routes.find((r) => r.url === 'intake.app.cloud.gov')!
      assert.deepEqual(
        [intake.status, intake.routeService?.name, intake.routeService?.url],
        ['foreign', 'waf', 'https://waf.fr.cloud.gov/agency-c/intake'],
      )
      assert.equal((await showAllowlist(cf, {route: 'intake.app.cloud.gov'})).routeService?.url, 'https://waf.fr.cloud.gov/agency-c/intake')
    })

    it('the bound-elsewhere error names that URL', async () => {
      await deploy('agency-c', 'route-services')
      h.sim.journal.clear()
      const error = await failure(add('intake.app.cloud.gov', ['203.0.113.0/24']))
      assert.equal(error.code, 'ROUTE_BOUND_ELSEWHERE')
      assert.match(error.message, /'waf' \(https:\/\/waf\.fr\.cloud\.gov\/agency-c\/intake\)/)
      assert.deepEqual(writesIn(h.sim), [])
    })
  })

  describe('weak header secrets', () => {
    it('refuses a secret shorter than 16 characters before any request', async () => {
      h.sim.journal.clear()
      const error = await failure(add(WWW, ['203.0.113.0/24'], {headerSecretFromEnv: 'S', env: {S: 'abc123'}}))
      assert.deepEqual([error.code, error.exitCode], ['SECRET_WEAK', 1])
      assert.match(error.message, /has 6 characters; cgx wants at least 16/)
      assert.ok(!error.message.includes('abc123') && !JSON.stringify(error).includes('abc123'), 'the secret is never shown')
      assert.deepEqual(
        h.sim.journal.entries().filter((e) => !e.path.startsWith('/uaa/')),
        [],
      )
    })

    it('--force takes it, with a warning that does not show it', async () => {
      const reporter = recordingReporter()
      await add(WWW, ['203.0.113.0/24'], {headerSecretFromEnv: 'S', env: {S: 'abc123'}, force: true}, reporter)
      assert.match(reporter.warned.join('\n'), /header secret of 6 characters, shorter than 16/)
      assert.ok(!reporter.warned.join('\n').includes('abc123'))
    })
  })
})

describe('ops/route-allow: a Cloud Controller older than 3.183.0 (no route options)', function () {
  this.timeout(30_000)
  let h: Harness
  let cf: CfClient

  before(async () => {
    h = await startHarness({seed: exampleFoundation, apiVersion: '3.180.0', deploymentStepMs: 5, stagingDelayMs: 5, jobDelayMs: 5})
    cf = await h.client()
  })
  after(() => h.close())

  it('a repoint re-sends the routes through rolling deployments of their apps, never sending a field CC would refuse', async () => {
    const proxyUrl = (
      await deployRouteService(
        cf,
        {org: 'agency-a', space: 'route-services', api: h.sim.url, bundle: fakeBundle(), poll},
        recordingReporter(),
      )
    ).url
    const add = () => addAllowlist(cf, {route: API, allow: ['203.0.113.0/24'], env: {}, api: h.sim.url, poll}, recordingReporter())
    await add()
    const instance = h.sim.store.tables.serviceInstances.all().find((i) => i.name === 'cgx-allowlist')!
    await cf.serviceInstances.update(instance.guid, {route_service_url: EVIL})
    const mark = h.sim.journal.entries().length
    const result = await add()
    const calls = h.sim.journal.entries().slice(mark)
    assert.deepEqual(
      calls.filter((c) => c.status >= 400).map((c) => `${c.method} ${c.path} ${c.status}`),
      [],
    )
    assert.equal(calls.filter((c) => c.method === 'PATCH' && /^\/v3\/routes\/[^/]+$/.test(c.path)).length, 0, 'no route PATCH')
    assert.equal(calls.filter((c) => c.method === 'POST' && c.path === '/v3/deployments').length, 1, 'one deployment: the app api')
    const route = h.sim.store.tables.routes.all().find((r) => r.host === 'api' && r.path === '/v1')!
    assert.equal(h.sim.router.get(route.guid)!.routeServiceUrl, proxyUrl)
    assert.ok(result.changes.some((c) => c.startsWith(`pointed cgx-allowlist at ${proxyUrl}`)))
  })
})
