import assert from 'node:assert/strict'

import type {CfClient} from '../../../../src/cf/index.js'
import {addAllowlist} from '../../../../src/ops/route-allow/add.js'
import {checkAllowlist} from '../../../../src/ops/route-allow/check.js'
import {deployRouteService} from '../../../../src/ops/route-service/deploy.js'
import {writesIn} from '../../../helpers/sim.js'
import type {Harness} from '../../cf/helpers.js'
import {exampleHarness, fakeBundle, poll, recordingReporter} from '../route-service/helpers.js'

describe('ops/route-allow check: a "no" is an answer, not an error', () => {
  let h: Harness
  let cf: CfClient

  before(async () => {
    h = await exampleHarness()
    cf = await h.client()
    await deployRouteService(
      cf,
      {org: 'agency-a', space: 'route-services', api: h.sim.url, bundle: fakeBundle(), poll},
      recordingReporter(),
    )
    await addAllowlist(cf, {route: 'api.agency-a.gov/v1', allow: ['203.0.113.0/24'], env: {}, api: h.sim.url, poll}, recordingReporter())
  })
  after(() => h.close())

  it('an address in the allow list is allowed, with the list', async () => {
    const result = await checkAllowlist(cf, {route: 'api.agency-a.gov/v1', ip: '203.0.113.200'})
    assert.deepEqual(result, {
      route: 'api.agency-a.gov/v1',
      ip: '203.0.113.200',
      allowed: true,
      allow: ['203.0.113.0/24'],
      headerSecret: null,
      reason: '203.0.113.200 is in the allow list of api.agency-a.gov/v1.',
    })
  })

  it('an address outside it is denied as a result that names the allow list, and nothing is written', async () => {
    h.sim.journal.clear()
    const result = await checkAllowlist(cf, {route: 'api.agency-a.gov/v1', ip: '192.0.2.1'})
    assert.deepEqual(result, {
      route: 'api.agency-a.gov/v1',
      ip: '192.0.2.1',
      allowed: false,
      allow: ['203.0.113.0/24'],
      headerSecret: null,
      reason: '192.0.2.1 is not in the allow list of api.agency-a.gov/v1 (203.0.113.0/24).',
    })
    assert.deepEqual(writesIn(h.sim), [])
  })

  it('a route that is not protected lets every address in', async () => {
    const result = await checkAllowlist(cf, {route: 'www.agency-a.gov', ip: '192.0.2.1'})
    assert.deepEqual([result.allowed, result.allow, result.reason], [true, [], 'www.agency-a.gov is not protected: every address gets in.'])
  })

  it('what cgx cannot answer stays an error: a foreign route service, an unknown route, a bad address', async () => {
    await assert.rejects(checkAllowlist(cf, {route: 'static.app.cloud.gov', ip: '192.0.2.1'}), {code: 'ROUTE_SERVICE_FOREIGN'})
    await assert.rejects(checkAllowlist(cf, {route: 'api.agency-a.gov/v2', ip: '192.0.2.1'}), {code: 'ROUTE_NOT_FOUND'})
    await assert.rejects(checkAllowlist(cf, {route: 'api.agency-a.gov/v1', ip: '192.0.2'}), {code: 'IP_INVALID'})
  })
})
