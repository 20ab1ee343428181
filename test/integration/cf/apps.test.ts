import assert from 'node:assert/strict'
import {isPackageBitsAlreadyUploaded, type CfClient} from '../../../src/cf/index.js'
import {apiCalls, startHarness, type Harness} from './helpers.js'

const seed = {
  domains: [{name: 'apps.example.gov'}],
  isolation_segments: [{name: 'vpn-east', orgs: ['agency-a']}],
  orgs: [
    {
      name: 'agency-a',
      spaces: [
        {
          name: 'prod',
          isolation_segment: 'vpn-east',
          apps: [{name: 'api', instances: 2, state: 'STARTED' as const, routes: ['api.apps.example.gov'], env: {MODE: 'prod'}}],
        },
      ],
    },
  ],
}

describe('cf apps, processes, packages, builds, droplets and deployments against the simulator', () => {
  let h: Harness
  let cf: CfClient
  let spaceGuid: string

  beforeEach(async () => {
    h = await startHarness({seed, jobDelayMs: 10, stagingDelayMs: 10, deploymentStepMs: 10})
    cf = await h.client({jobs: {intervalMs: 10}})
    spaceGuid = (await cf.spaces.single({names: ['prod']})).guid
  })
  afterEach(() => h.close())

  it('reads and merges environment variables (null deletes)', async () => {
    const app = await cf.apps.single({names: ['api']})
    assert.deepEqual(await cf.apps.getEnvironmentVariables(app.guid), {MODE: 'prod'})
    const mark = h.sim.journal.entries().length
    assert.deepEqual(await cf.apps.updateEnvironmentVariables(app.guid, {POLICY: '{"a":1}', MODE: null}), {POLICY: '{"a":1}'})
    assert.deepEqual(apiCalls(h.sim, mark), [`PATCH /v3/apps/${app.guid}/environment_variables`])
    assert.deepEqual(h.sim.store.tables.apps.get(app.guid)?.environment_variables, {POLICY: '{"a":1}'})
  })

  it('lists processes and their per-instance stats with the isolation segment', async () => {
    const app = await cf.apps.single({names: ['api']})
    const [web] = await cf.apps.listProcesses(app.guid)
    assert.ok(web)
    assert.equal(web.type, 'web')
    assert.equal((await cf.processes.get(web.guid)).instances, 2)
    const stats = await cf.processes.getStats(web.guid)
    assert.equal(stats.length, 2)
    assert.ok(stats.every((instance) => instance.isolation_segment === 'vpn-east'))
    const scaled = await cf.processes.scale(web.guid, {instances: 3})
    assert.equal(scaled.instances, 3)
  })

  it('pushes: create app, package, upload bits, stage, set droplet, start, stop, restart', async () => {
    const app = await cf.apps.create({
      name: 'proxy',
      relationships: {space: {data: {guid: spaceGuid}}},
      metadata: {labels: {'cgx.cloud.gov/role': 'allowlist'}},
    })
    assert.equal(app.state, 'STOPPED')
    const pkg = await cf.packages.create({type: 'bits', relationships: {app: {data: {guid: app.guid}}}})
    assert.equal(pkg.state, 'AWAITING_UPLOAD')
    const zip = Buffer.from('PK\x05\x06' + '\0'.repeat(18), 'binary')
    const mark = h.sim.journal.entries().length
    await cf.packages.upload(pkg.guid, zip)
    assert.deepEqual(apiCalls(h.sim, mark), [`POST /v3/packages/${pkg.guid}/upload`])
    await assert.rejects(cf.packages.upload(pkg.guid, zip), (error: unknown) => isPackageBitsAlreadyUploaded(error))
    assert.equal((await cf.packages.waitUntilReady(pkg.guid, {intervalMs: 10, timeoutMs: 5000})).state, 'READY')

    const build = await cf.builds.create({package: {guid: pkg.guid}})
    const staged = await cf.builds.waitUntilStaged(build.guid, {intervalMs: 10, timeoutMs: 5000})
    const dropletGuid = staged.droplet?.guid ?? ''
    assert.equal((await cf.droplets.get(dropletGuid)).state, 'STAGED')
    assert.equal(await cf.apps.setCurrentDroplet(app.guid, dropletGuid), dropletGuid)
    assert.equal((await cf.apps.getCurrentDroplet(app.guid)).guid, dropletGuid)
    assert.equal((await cf.apps.start(app.guid)).state, 'STARTED')
    assert.equal((await cf.apps.stop(app.guid)).state, 'STOPPED')
    assert.equal((await cf.apps.restart(app.guid)).state, 'STARTED')
    assert.equal((await cf.apps.update(app.guid, {name: 'proxy-2'})).name, 'proxy-2')
    const {resources, included} = await cf.apps.listAllWithIncluded({names: ['proxy-2'], include: ['space']})
    assert.equal(resources.length, 1)
    assert.deepEqual(
      included.spaces?.map((s) => s.guid),
      [spaceGuid],
    )
  })

  it('runs a rolling deployment to FINALIZED/DEPLOYED, reporting progress', async () => {
    const app = await cf.apps.single({names: ['api']})
    await cf.apps.updateEnvironmentVariables(app.guid, {POLICY: 'v2'})
    const deployment = await cf.deployments.create({relationships: {app: {data: {guid: app.guid}}}, strategy: 'rolling'})
    assert.equal(deployment.status.value, 'ACTIVE')
    const seen: string[] = []
    const done = await cf.deployments.waitUntilFinalized(deployment.guid, {
      intervalMs: 10,
      timeoutMs: 5000,
      onProgress: (d) => seen.push(d.status.reason),
    })
    assert.equal(`${done.status.value}/${done.status.reason}`, 'FINALIZED/DEPLOYED')
    assert.equal(seen.at(-1), 'DEPLOYED')
    assert.deepEqual(
      (await cf.deployments.listAll({app_guids: [app.guid]})).map((d) => d.guid),
      [deployment.guid],
    )
  })

  it('cancels an active deployment', async () => {
    const slow = await startHarness({seed, deploymentStepMs: 5000})
    try {
      const client = await slow.client()
      const app = await client.apps.single({names: ['api']})
      const deployment = await client.deployments.create({relationships: {app: {data: {guid: app.guid}}}})
      const mark = slow.sim.journal.entries().length
      await client.deployments.cancel(deployment.guid)
      assert.deepEqual(apiCalls(slow.sim, mark), [`POST /v3/deployments/${deployment.guid}/actions/cancel`])
      assert.equal((await client.deployments.get(deployment.guid)).status.reason, 'CANCELING')
    } finally {
      await slow.close()
    }
  })

  it('deletes an app through its job', async () => {
    const app = await cf.apps.create({name: 'temp', relationships: {space: {data: {guid: spaceGuid}}}})
    await cf.apps.delete(app.guid)
    assert.equal((await cf.apps.listAll({names: ['temp']})).length, 0)
  })
})
