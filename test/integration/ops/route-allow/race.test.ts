// Two cgx runs changing the same org's policy at once. The policy is one environment variable of the proxy, written
// whole, and Cloud Controller has no conditional write: a run must notice when the environment it read (or wrote)
// changed under it, and then neither bind its route nor report success.
import assert from 'node:assert/strict'

import type {CfClient} from '../../../../src/cf/index.js'
import {findRule, parsePolicy, parseRouteSpec, renderPolicy, type Policy} from '../../../../src/domain/allowlist/index.js'
import {formatCidr} from '../../../../src/domain/net/cidr.js'
import {addAllowlist} from '../../../../src/ops/route-allow/add.js'
import {removeAllowlist} from '../../../../src/ops/route-allow/remove.js'
import type {OpError} from '../../../../src/ops/errors.js'
import {deployRouteService} from '../../../../src/ops/route-service/deploy.js'
import type {Reporter} from '../../../../src/ops/reporter.js'
import {exposureOf, exposureText} from '../../../helpers/router-invariants.js'
import type {Harness} from '../../cf/helpers.js'
import {exampleHarness, fakeBundle, poll, recordingReporter} from '../route-service/helpers.js'

const API_V1 = 'api.agency-a.gov/v1'
const WWW = 'www.agency-a.gov'
const CONCURRENT = 'POLICY_CHANGED_CONCURRENTLY'

describe('ops/route-allow: two runs on the same org at once', function () {
  this.timeout(30_000)
  let h: Harness
  let cf: CfClient

  const proxyApp = () => h.sim.store.tables.apps.all().find((a) => a.name === 'cgx-allowlist-proxy')!
  const livePolicy = (): Policy => parsePolicy(proxyApp().environment_variables.CGX_ALLOWLIST).policy!
  const allowOf = (policy: Policy, route: string) => {
    const spec = parseRouteSpec(route)
    return 'spec' in spec ? findRule(policy, spec.spec)?.allow.map(formatCidr) : undefined
  }
  const routeGuid = (url: string) => {
    const {routes, domains} = h.sim.store.tables
    return routes.all().find((r) => `${r.host}.${domains.get(r.domain_guid)!.name}${r.path}` === url)!.guid
  }
  const add = (route: string, allow: string[], reporter: Reporter = recordingReporter()) =>
    addAllowlist(cf, {route, allow, env: {}, api: h.sim.url, poll}, reporter)
  /**
   * Another run's write of the whole policy (without this run's edit), landing in the simulator the moment
   * `when` first holds after a change of its state: deterministic, whatever the timing of the two runs.
   */
  const interfereWhen = (when: () => boolean, edit: (policy: Policy) => Policy) => {
    let done = false
    const stop = h.sim.observe(() => {
      if (done || !when()) return
      done = true
      stop()
      const app = proxyApp()
      h.sim.store.touch('apps', app, {
        environment_variables: {...app.environment_variables, CGX_ALLOWLIST: renderPolicy(edit(livePolicy()))},
      })
    })
    return () => done
  }
  const pendingMarked = () => proxyApp().metadata.annotations['cgx.cloud.gov/rollout-pending'] === 'true'
  const deploymentStarted = () =>
    h.sim.store.tables.deployments.all().some((d) => d.app_guid === proxyApp().guid && d.state !== 'DEPLOYED' && !d.superseded)
  const otherRunsRule = (policy: Policy): Policy => ({
    ...policy,
    routes: [...policy.routes, {host: 'other.agency-a.gov', pathPrefix: '', allow: [{family: 4, network: 0xc0000200n, prefix: 24}]}],
  })

  beforeEach(async () => {
    h = await exampleHarness()
    cf = await h.client()
    await deployRouteService(
      cf,
      {org: 'agency-a', space: 'route-services', api: h.sim.url, bundle: fakeBundle(), poll},
      recordingReporter(),
    )
  })
  afterEach(() => h.close())

  it('a policy changed between the read and the write is not overwritten: nothing is written, the route stays as it was', async () => {
    const before = exposureText(exposureOf(h.sim, routeGuid(API_V1)))
    const interfered = interfereWhen(pendingMarked, otherRunsRule)
    await assert.rejects(
      add(API_V1, ['203.0.113.0/24']),
      (error: OpError) => error.code === CONCURRENT && /run the same command again/i.test(error.message + error.suggestions.join(' ')),
    )
    assert.ok(interfered())
    assert.deepEqual(
      livePolicy().routes.map((r) => r.host),
      ['other.agency-a.gov'],
      "the other run's rule is kept",
    )
    assert.equal(exposureText(exposureOf(h.sim, routeGuid(API_V1))), before)
    assert.equal(h.sim.store.tables.routeBindings.by('route', routeGuid(API_V1)).length, 0, 'not bound')
  })

  it('a policy overwritten during the rollout is detected: the route is not bound and the run fails', async () => {
    const before = exposureText(exposureOf(h.sim, routeGuid(API_V1)))
    // The other run read the policy before this one wrote it, and writes its own version over it.
    const interfered = interfereWhen(deploymentStarted, (p) =>
      otherRunsRule({...p, routes: p.routes.filter((r) => r.host !== 'api.agency-a.gov')}),
    )
    await assert.rejects(add(API_V1, ['203.0.113.0/24']), (error: OpError) => error.code === CONCURRENT)
    assert.ok(interfered())
    assert.equal(allowOf(livePolicy(), API_V1), undefined)
    assert.equal(exposureText(exposureOf(h.sim, routeGuid(API_V1))), before, 'not bound to a proxy whose policy lacks it')
  })

  it('a narrowing undone during its rollout is reported, not claimed', async () => {
    await add(API_V1, ['203.0.113.0/24', '198.51.100.0/24'])
    const wide = livePolicy()
    const interfered = interfereWhen(deploymentStarted, () => wide)
    await assert.rejects(
      removeAllowlist(cf, {route: API_V1, allow: ['198.51.100.0/24'], confirm: async () => true, poll}, recordingReporter()),
      (error: OpError) => error.code === CONCURRENT,
    )
    assert.ok(interfered())
    assert.deepEqual(allowOf(livePolicy(), API_V1), ['203.0.113.0/24', '198.51.100.0/24'], 'the other run put the range back')
  })

  it('two adds on different routes at once: every run that succeeds has its rule live, and a re-run of the others converges', async () => {
    const asked: Record<string, string[]> = {[API_V1]: ['203.0.113.0/24'], [WWW]: ['198.51.100.0/24']}
    const outcomes = await Promise.allSettled(Object.entries(asked).map(([route, allow]) => add(route, allow)))
    for (const [index, route] of Object.keys(asked).entries()) {
      const outcome = outcomes[index]
      if (outcome.status === 'fulfilled') {
        assert.deepEqual(allowOf(livePolicy(), route), asked[route], `${route} reported protected, so its rule is live`)
        assert.equal(exposureText(exposureOf(h.sim, routeGuid(route))), `allow ${asked[route].join(',')}`)
      } else {
        assert.ok([CONCURRENT, 'ROLLOUT_NOT_FINISHED'].includes((outcome.reason as OpError).code), String(outcome.reason))
        assert.equal(exposureText(exposureOf(h.sim, routeGuid(route))), 'open', `${route} failed, so it is as before`)
        await add(route, asked[route])
      }
    }
    for (const route of Object.keys(asked)) assert.deepEqual(allowOf(livePolicy(), route), asked[route])
  })
})
