// calibrate sends one request of its own (fetch, not the CF client) to https://ROUTE/_cgx/calibrate: when the
// route's host does not resolve, that is a network error of the same kind the client reports, not a bug in cgx.
import assert from 'node:assert/strict'

import {CfNetworkError, toOne, type CfClient} from '../../../src/cf/index.js'
import {toCliError} from '../../../src/cli/errors.js'
import {addAllowlist} from '../../../src/ops/route-allow/add.js'
import {calibrate} from '../../../src/ops/route-service/calibrate.js'
import {deployRouteService} from '../../../src/ops/route-service/deploy.js'
import {exampleHarness, fakeBundle, poll, recordingReporter} from '../ops/route-service/helpers.js'
import type {Harness} from './helpers.js'

describe('route-service calibrate: a route whose host does not resolve', () => {
  let h: Harness
  let cf: CfClient
  const proxyApp = () => h.sim.store.tables.apps.all().find((a) => a.name === 'cgx-allowlist-proxy')!

  before(async () => {
    h = await exampleHarness()
    cf = await h.client()
    // RFC 2606: nothing under .invalid resolves, so the probe fails at DNS and sends nothing off this machine.
    const org = await cf.organizations.single({names: ['agency-a']})
    const space = await cf.spaces.single({names: ['prod'], organization_guids: [org.guid]})
    const domain = await cf.domains.create({name: 'agency-a.invalid', relationships: {organization: toOne(org.guid)}})
    await cf.routes.create({host: 'www', relationships: {space: toOne(space.guid), domain: toOne(domain.guid)}})
    await deployRouteService(
      cf,
      {org: 'agency-a', space: 'route-services', api: h.sim.url, bundle: fakeBundle(), poll},
      recordingReporter(),
    )
    await addAllowlist(cf, {route: 'www.agency-a.invalid', allow: ['203.0.113.0/24'], env: {}, api: h.sim.url, poll}, recordingReporter())
  })
  after(() => h.close())

  it("fails with NETWORK_DNS naming the route's host, and switches the diagnostic off again", async () => {
    const failure = await calibrate(cf, {route: 'www.agency-a.invalid', poll}, recordingReporter()).then(
      () => assert.fail('calibrate should fail'),
      (error: unknown) => error,
    )
    assert.ok(failure instanceof CfNetworkError)
    const error = toCliError(failure)
    assert.deepEqual([error.code, error.exitCode], ['NETWORK_DNS', 1])
    assert.match(
      error.message,
      /^Cannot reach the route at www\.agency-a\.invalid: (no such host|the DNS lookup failed) \(GET https:\/\/www\.agency-a\.invalid\/_cgx\/calibrate\)\.$/,
    )
    assert.doesNotMatch(error.suggestions.join('\n'), /bug in cgx/)
    assert.equal(proxyApp().environment_variables.CGX_CALIBRATE, undefined)
  })
})
