// Deploys that fail half way and are run again: whatever an earlier attempt uploaded or staged is used, not made
// again, so a foundation that drops one request in four still ends with one package and one build per bundle.
import assert from 'node:assert/strict'

import type {CfClient, Clock} from '../../../../src/cf/index.js'
import {deployRouteService, type DeployResult} from '../../../../src/ops/route-service/deploy.js'
import type {ProxyBundle} from '../../../../src/ops/route-service/bundle.js'
import {writesIn} from '../../../helpers/sim.js'
import type {Harness} from '../../cf/helpers.js'
import {exampleHarness, fakeBundle, poll, recordingReporter} from './helpers.js'

/** Real time, but backoff waits cut to a few milliseconds so that retries do not slow the test. */
const quickClock: Clock = {
  now: () => Date.now(),
  random: () => 0.5,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5))),
}

describe('ops/route-service deploy: attempts that failed half way', () => {
  let h: Harness
  let cf: CfClient
  beforeEach(async () => {
    h = await exampleHarness()
    cf = await h.client({clock: quickClock})
  })
  afterEach(() => h.close())

  const deployOnce = (bundle: ProxyBundle, reporter = recordingReporter()) =>
    deployRouteService(cf, {org: 'cgx-tools', space: 'route-services', api: h.sim.url, bundle, poll}, reporter)

  /** Deploys until one attempt succeeds, as a user would run it again. */
  async function deployUntilDone(bundle: ProxyBundle): Promise<{result: DeployResult; attempts: number}> {
    for (let attempts = 1; attempts <= 30; attempts++) {
      const result = await deployOnce(bundle).catch(() => undefined)
      if (result !== undefined) return {result, attempts}
    }
    assert.fail('deploy did not converge in 30 attempts')
  }

  function counts(appGuid: string): {packages: number; builds: number} {
    const tables = h.sim.store.tables
    return {packages: tables.packages.by('app', appGuid).length, builds: tables.builds.by('app', appGuid).length}
  }

  // Which requests a seed fails depends on how many polls timing asks for, so one seed's two deploys may both get
  // through; across the three seeds, attempts must have failed (else the convergence tests proved nothing).
  let attemptsOverSeeds = 0
  const SEEDS = [3, 11, 29]
  for (const seed of SEEDS) {
    it(`with 25% of requests failing (seed ${seed}), converges with one package and one build per bundle`, async () => {
      h.sim.faults.setRandom({rate: 0.25, kinds: ['5xx', 'reset'], seed})
      const first = await deployUntilDone(fakeBundle())
      const second = await deployUntilDone(fakeBundle('2'))
      h.sim.faults.clear()
      attemptsOverSeeds += first.attempts + second.attempts
      assert.deepEqual(counts(first.result.app.guid), {packages: 2, builds: 2})
      const app = h.sim.store.tables.apps.get(first.result.app.guid)!
      assert.equal(app.metadata.annotations['cgx.cloud.gov/bundle-sha256'], fakeBundle('2').sha256)
    })
  }

  it('made some of those attempts fail', () => {
    assert.ok(attemptsOverSeeds > SEEDS.length * 2, `${attemptsOverSeeds} attempts for ${SEEDS.length * 2} deploys`)
  })

  it('uploads nothing when the bits were uploaded and staged by an attempt that failed after staging', async () => {
    h.sim.faults.inject({method: 'PATCH', path: '^/v3/apps/[^/]+/relationships/current_droplet$', status: 502, times: 3})
    await assert.rejects(deployOnce(fakeBundle()))
    const reporter = recordingReporter()
    const {app} = await deployOnce(fakeBundle(), reporter)
    assert.deepEqual(counts(app.guid), {packages: 1, builds: 1})
    assert.match(reporter.progressed.join('\n'), /already uploaded \(package /)
    assert.match(reporter.progressed.join('\n'), /already staged from package /)
  })

  it('uploads into the package an attempt created but could not fill', async () => {
    h.sim.faults.inject({method: 'POST', path: '^/v3/packages/[^/]+/upload$', reset: true})
    await assert.rejects(deployOnce(fakeBundle()))
    const reporter = recordingReporter()
    h.sim.journal.clear()
    const {app} = await deployOnce(fakeBundle(), reporter)
    assert.deepEqual(counts(app.guid), {packages: 1, builds: 1})
    assert.ok(!writesIn(h.sim).some((write) => write === 'POST /v3/packages'), writesIn(h.sim).join('\n'))
    assert.match(reporter.progressed.join('\n'), /package .* an earlier attempt created/)
  })

  it('a second deploy of the same bits uploads nothing; different bits make exactly one new package', async () => {
    const {app} = await deployOnce(fakeBundle())
    h.sim.journal.clear()
    await deployOnce(fakeBundle())
    assert.deepEqual(writesIn(h.sim), [])
    await deployOnce(fakeBundle('2'))
    assert.deepEqual(counts(app.guid), {packages: 2, builds: 2})
  })
})
