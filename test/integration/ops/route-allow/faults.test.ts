// A failure injected at every write of add, add --replace, remove --allow and remove --all: the failed run leaves
// the route as it was, as asked, or closed (never more open), the next run converges, and the one after writes
// nothing. The router view is watched across both runs.
import assert from 'node:assert/strict'

import type {CfClient} from '../../../../src/cf/index.js'
import {addAllowlist} from '../../../../src/ops/route-allow/add.js'
import {removeAllowlist} from '../../../../src/ops/route-allow/remove.js'
import {deployRouteService} from '../../../../src/ops/route-service/deploy.js'
import {assertNeverMoreOpen, exposureOf, exposureText, watchRoutes} from '../../../helpers/router-invariants.js'
import {writesIn} from '../../../helpers/sim.js'
import type {Harness} from '../../cf/helpers.js'
import {exampleHarness, fakeBundle, poll, recordingReporter} from '../route-service/helpers.js'

interface Scenario {
  name: string
  route: string
  /** Brings a fresh foundation to the state the scenario starts from. */
  prepare(h: Harness, cf: CfClient): Promise<void>
  run(h: Harness, cf: CfClient): Promise<unknown>
}

const API_V1 = 'api.agency-a.gov/v1'
const STATIC = 'static.app.cloud.gov'
const add =
  (route: string, replace = false) =>
  (h: Harness, cf: CfClient) =>
    addAllowlist(cf, {route, allow: ['203.0.113.0/24'], replace, env: {}, api: h.sim.url, poll}, recordingReporter())
const remove = (route: string, what: {allow?: string[]; all?: boolean}) => (_h: Harness, cf: CfClient) =>
  removeAllowlist(cf, {route, ...what, confirm: async () => true, poll}, recordingReporter())
const deploy = async (h: Harness, cf: CfClient) => {
  await deployRouteService(cf, {org: 'agency-a', space: 'route-services', api: h.sim.url, bundle: fakeBundle(), poll}, recordingReporter())
}

const scenarios: Scenario[] = [
  {name: 'add', route: API_V1, prepare: deploy, run: add(API_V1)},
  {
    name: 'add --replace',
    route: STATIC,
    prepare: async (h, cf) => {
      await deploy(h, cf)
      const web = h.sim.store.tables.apps.all().find((a) => a.name === 'web')!
      await cf.routes.insertDestinations(routeGuid(h, STATIC), [{app: {guid: web.guid}}])
    },
    run: add(STATIC, true),
  },
  {
    name: 'remove --allow',
    route: API_V1,
    prepare: async (h, cf) => {
      await deploy(h, cf)
      await addAllowlist(
        cf,
        {route: API_V1, allow: ['203.0.113.0/24', '198.51.100.0/24'], env: {}, api: h.sim.url, poll},
        recordingReporter(),
      )
    },
    run: remove(API_V1, {allow: ['198.51.100.0/24']}),
  },
  {
    name: 'remove --all',
    route: API_V1,
    prepare: async (h, cf) => {
      await deploy(h, cf)
      await add(API_V1)(h, cf)
    },
    run: remove(API_V1, {all: true}),
  },
]

function routeGuid(h: Harness, url: string): string {
  const {routes, domains} = h.sim.store.tables
  return routes.all().find((r) => `${r.host}.${domains.get(r.domain_guid)!.name}${r.path}` === url)!.guid
}

async function fresh(scenario: Scenario): Promise<{h: Harness; cf: CfClient}> {
  const h = await exampleHarness()
  const cf = await h.client()
  await scenario.prepare(h, cf)
  h.sim.journal.clear()
  return {h, cf}
}

describe('ops/route-allow under a failure at every step', function () {
  this.timeout(60_000)
  for (const scenario of scenarios) {
    it(`${scenario.name}: never more open than before or after, and the next run converges`, async () => {
      const clean = await fresh(scenario)
      await scenario.run(clean.h, clean.cf)
      const steps = writesIn(clean.h.sim)
      const asked = exposureOf(clean.h.sim, routeGuid(clean.h, scenario.route))
      await clean.h.close()
      assert.ok(steps.length >= 3, `${scenario.name} writes: ${steps.join(', ')}`)
      for (const [index, step] of steps.entries()) {
        const [method, path] = step.split(' ')
        const skip = steps.slice(0, index).filter((earlier) => earlier === step).length
        const {h, cf} = await fresh(scenario)
        try {
          const guid = routeGuid(h, scenario.route)
          const before = exposureOf(h.sim, guid)
          const watch = watchRoutes(h.sim, [guid])
          h.sim.faults.inject({method, path: `^${path}$`, skip, status: 500})
          await assert.rejects(scenario.run(h, cf), Error, `failing ${step} (#${skip + 1}) must fail the run`)
          const afterFailure = exposureText(exposureOf(h.sim, guid))
          assert.ok([exposureText(before), exposureText(asked), 'closed'].includes(afterFailure), `after failing ${step}: ${afterFailure}`)
          await scenario.run(h, cf)
          h.sim.journal.clear()
          await scenario.run(h, cf)
          assert.deepEqual(writesIn(h.sim), [], `a third run after failing ${step} writes nothing`)
          watch.stop()
          assert.equal(exposureText(exposureOf(h.sim, guid)), exposureText(asked), `converged after failing ${step}`)
          assertNeverMoreOpen(watch.timeline(guid), before, asked)
        } finally {
          await h.close()
        }
      }
    })
  }
})
