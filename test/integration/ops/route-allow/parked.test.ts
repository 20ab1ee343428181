// Issue 10, item 7: a route parked by --replace comes back in the form it was created. CC displays a destination
// created without a port with the app's default (80 for this Docker image) and refuses that port on writes, so a
// restore that posts the displayed port back would leave the route parked (404) for good.
import assert from 'node:assert/strict'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {CfClient} from '../../../../src/cf/index.js'
import {OpError} from '../../../../src/ops/errors.js'
import {addAllowlist} from '../../../../src/ops/route-allow/add.js'
import {PARKED_ANNOTATION} from '../../../../src/ops/allowlist-proxy/index.js'
import {deployRouteService} from '../../../../src/ops/route-service/deploy.js'
import {assertNeverMoreOpen, exposureOf, exposureText, watchRoutes} from '../../../helpers/router-invariants.js'
import {startHarness, type Harness} from '../../cf/helpers.js'
import {fakeBundle, poll, recordingReporter} from '../route-service/helpers.js'

const SEED = `
users: [{username: admin, password: admin, admin: true}]
domains: [{name: app.cloud.gov}]
orgs:
  - name: agency-d
    spaces:
      - name: prod
        apps:
          - {name: legacy, instances: 1, state: STARTED, routes: [legacy.app.cloud.gov, old.app.cloud.gov], docker: {image: "nginx:1.27", ports: [80]}}
        service_instances:
          - {name: waf, route_service_url: "https://waf.agency-d.gov"}
        route_bindings:
          - {route: legacy.app.cloud.gov, service_instance: waf}
      - name: route-services
`

describe('ops/route-allow: a parked route comes back', function () {
  this.timeout(30_000)
  let dir: string
  let h: Harness
  let cf: CfClient
  const routeOf = (host: string) => h.sim.store.tables.routes.all().find((r) => r.host === host)!
  const add = (route: string, extra: {replace?: boolean} = {}) =>
    addAllowlist(cf, {route, allow: ['203.0.113.0/24'], env: {}, api: h.sim.url, poll, ...extra}, recordingReporter())
  const park = async (host: string, saved: unknown[]) => {
    const route = routeOf(host)
    await cf.routes.update(route.guid, {metadata: {annotations: {[PARKED_ANNOTATION]: JSON.stringify(saved)}}})
    await cf.routes.replaceDestinations(route.guid, [])
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cgx-parked-'))
    writeFileSync(join(dir, 'seed.yml'), SEED)
    h = await startHarness({seed: join(dir, 'seed.yml'), deploymentStepMs: 5, stagingDelayMs: 5, jobDelayMs: 5})
    cf = await h.client()
    await deployRouteService(
      cf,
      {org: 'agency-d', space: 'route-services', api: h.sim.url, bundle: fakeBundle(), poll},
      recordingReporter(),
    )
  })
  after(async () => {
    await h.close()
    rmSync(dir, {recursive: true, force: true})
  })

  it('--replace on a Docker app mapped without a port: CC shows port 80, the route comes back with CC choosing it again', async () => {
    const guid = routeOf('legacy').guid
    assert.equal((await cf.routes.get(guid)).destinations[0].port, 80, 'the displayed default port')
    const before = exposureOf(h.sim, guid)
    const watch = watchRoutes(h.sim, [guid])
    const result = await add('legacy.app.cloud.gov', {replace: true})
    watch.stop()
    const route = await cf.routes.get(guid)
    assert.deepEqual(
      [result.protected, route.destinations.map((d) => d.port), route.metadata.annotations[PARKED_ANNOTATION]],
      [true, [80], undefined],
    )
    assert.deepEqual(watch.timeline(guid).map(exposureText), ['foreign https://waf.agency-d.gov', 'closed', 'allow 203.0.113.0/24'])
    assertNeverMoreOpen(watch.timeline(guid), before, exposureOf(h.sim, guid))
  })

  it('a route an older cgx parked with the displayed port and a weight is restored on the next add', async () => {
    const legacy = h.sim.store.tables.apps.all().find((a) => a.name === 'legacy')!
    await add('old.app.cloud.gov')
    await park('old', [{app: {guid: legacy.guid, process: {type: 'web'}}, port: 80, weight: 100}])
    const result = await add('old.app.cloud.gov')
    assert.ok(result.changes.includes('restored 1 destination(s) of old.app.cloud.gov'), result.changes.join('\n'))
    assert.deepEqual(
      (await cf.routes.get(routeOf('old').guid)).destinations.map((d) => [d.app.guid, d.port]),
      [[legacy.guid, 80]],
    )
  })

  it('a restore the platform refuses: the error names the parked route and the command that finishes it', async () => {
    await park('old', [{app: {guid: '00000000-0000-4000-8000-000000000000', process: {type: 'web'}}}])
    const error = await add('old.app.cloud.gov').then(
      () => assert.fail('expected ROUTE_PARKED'),
      (e: unknown) => e as OpError,
    )
    assert.deepEqual([error.code, error.exitCode], ['ROUTE_PARKED', 1])
    assert.match(error.message, /^old\.app\.cloud\.gov stays parked: it has no destinations \(it answers 404\)/)
    assert.match(error.suggestions.join('\n'), /run `cgx route-allow add old\.app\.cloud\.gov --allow 203\.0\.113\.0\/24` again/)
    assert.notEqual((await cf.routes.get(routeOf('old').guid)).metadata.annotations[PARKED_ANNOTATION], undefined, 'still written down')
  })
})
