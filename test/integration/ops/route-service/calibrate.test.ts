import assert from 'node:assert/strict'

import type {CfClient} from '../../../../src/cf/index.js'
import {addAllowlist} from '../../../../src/ops/route-allow/add.js'
import {OpError} from '../../../../src/ops/errors.js'
import {calibrate} from '../../../../src/ops/route-service/calibrate.js'
import {deployRouteService} from '../../../../src/ops/route-service/deploy.js'
import {loadPolicy, startRouteService} from '../../../../src/route-service/index.js'
import type {Harness} from '../../cf/helpers.js'
import {exampleHarness, fakeBundle, poll, recordingReporter} from './helpers.js'

describe('ops/route-service calibrate against the simulator and a local proxy', () => {
  let h: Harness
  let cf: CfClient
  const proxyApp = () => h.sim.store.tables.apps.all().find((a) => a.name === 'cgx-allowlist-proxy')!
  const runningEnv = () => h.sim.store.tables.processes.by('app', proxyApp().guid).flatMap((p) => p.running.map((i) => i.environment))

  before(async () => {
    h = await exampleHarness()
    cf = await h.client()
    await deployRouteService(
      cf,
      {org: 'agency-a', space: 'route-services', api: h.sim.url, bundle: fakeBundle(), poll},
      recordingReporter(),
    )
    await addAllowlist(cf, {route: 'www.agency-a.gov', allow: ['203.0.113.0/24'], env: {}, api: h.sim.url, poll}, recordingReporter())
  })
  after(() => h.close())

  /**
   * Plays gorouter on cloud.gov: the proxy runs with the environment its instances run with now, and gets the
   * request with the chain the platform builds ([client], 127.0.0.1, NAT egress, 127.0.0.1, then the socket peer).
   */
  async function throughThePlatform(url: string): Promise<unknown> {
    const env = runningEnv()
    assert.ok(env.length > 0 && env.every((e) => e.CGX_CALIBRATE === 'true'), 'every instance runs with the diagnostic on')
    const service = await startRouteService({policy: loadPolicy({env: env[0]}), calibrate: true, logger: () => {}, host: '127.0.0.1'})
    try {
      const response = await fetch(`${service.url}/`, {
        headers: {
          'x-cf-forwarded-url': url,
          'x-cf-proxy-signature': 'signature',
          'x-cf-proxy-metadata': 'metadata',
          'x-forwarded-for': '198.51.100.23, 127.0.0.1, 52.222.122.97, 127.0.0.1',
        },
      })
      assert.equal(response.status, 200)
      return await response.json()
    } finally {
      await service.close()
    }
  }

  it('measures the chain through a protected route, says which profile fits, and switches the diagnostic off', async () => {
    const reporter = recordingReporter()
    const result = await calibrate(cf, {route: 'www.agency-a.gov', poll, probe: throughThePlatform}, reporter)
    assert.equal(result.probeUrl, 'https://www.agency-a.gov/_cgx/calibrate')
    assert.deepEqual(
      result.chain.map((hop) => hop.address),
      ['127.0.0.1', '127.0.0.1', '52.222.122.97', '127.0.0.1', '198.51.100.23'],
    )
    assert.deepEqual(
      [result.client, result.currentHops, result.currentFits, result.fittingPreset],
      ['198.51.100.23', 'local', false, 'cloud.gov'],
    )
    assert.equal(result.command, 'cgx route-service deploy --org agency-a --space route-services --hops cloud.gov')
    assert.equal(result.suggestedHops[2], '52.222.122.97/32')
    assert.equal(proxyApp().environment_variables.CGX_CALIBRATE, undefined)
    assert.ok(
      runningEnv().every((e) => e.CGX_CALIBRATE === undefined),
      'no instance keeps the diagnostic on',
    )
  })

  it('switches the diagnostic off even when the request through the platform fails', async () => {
    await assert.rejects(
      calibrate(
        cf,
        {
          route: 'www.agency-a.gov',
          poll,
          probe: async () => {
            throw new Error('unreachable')
          },
        },
        recordingReporter(),
      ),
      /unreachable/,
    )
    assert.ok(runningEnv().every((e) => e.CGX_CALIBRATE === undefined))
  })

  it('a diagnostic left on by a calibrate that was killed half way goes off with the next policy change or deploy', async () => {
    const killed = {...proxyApp().environment_variables, CGX_CALIBRATE: 'true'}
    h.sim.store.touch('apps', proxyApp(), {environment_variables: killed})
    await addAllowlist(cf, {route: 'www.agency-a.gov', allow: ['198.51.100.0/24'], env: {}, api: h.sim.url, poll}, recordingReporter())
    assert.equal(proxyApp().environment_variables.CGX_CALIBRATE, undefined, 'add switches it off')
    assert.ok(runningEnv().every((e) => e.CGX_CALIBRATE === undefined))
    h.sim.store.touch('apps', proxyApp(), {environment_variables: {...proxyApp().environment_variables, CGX_CALIBRATE: 'true'}})
    await deployRouteService(
      cf,
      {org: 'agency-a', space: 'route-services', api: h.sim.url, bundle: fakeBundle(), poll},
      recordingReporter(),
    )
    assert.equal(proxyApp().environment_variables.CGX_CALIBRATE, undefined, 'deploy switches it off')
  })

  it('needs a protected route without a path', async () => {
    h.sim.journal.clear()
    await assert.rejects(
      calibrate(cf, {route: 'api.agency-a.gov/v1', poll}, recordingReporter()),
      (error: OpError) => error.code === 'CALIBRATE_PATH_ROUTE',
    )
    await assert.rejects(
      calibrate(cf, {route: 'api.app.cloud.gov', poll}, recordingReporter()),
      (error: OpError) => error.code === 'ROUTE_NOT_PROTECTED',
    )
    assert.equal(h.sim.journal.entries().filter((e) => e.method !== 'GET' && !e.path.startsWith('/uaa')).length, 0)
  })

  it('refuses a proxy on the nginx engine (no diagnostic there), before any write', async () => {
    await deployRouteService(cf, {org: 'agency-a', space: 'route-services', api: h.sim.url, engine: 'nginx', poll}, recordingReporter())
    h.sim.journal.clear()
    await assert.rejects(
      calibrate(cf, {route: 'www.agency-a.gov', poll}, recordingReporter()),
      (error: OpError) => error.code === 'ENGINE_UNSUPPORTED' && /--engine node/.test(error.suggestions[0]),
    )
    assert.equal(h.sim.journal.entries().filter((e) => e.method !== 'GET' && !e.path.startsWith('/uaa')).length, 0)
  })
})
