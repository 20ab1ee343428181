import assert from 'node:assert/strict'

import type {CfClient} from '../../../../src/cf/index.js'
import {OpError} from '../../../../src/ops/errors.js'
import {deployRouteService} from '../../../../src/ops/route-service/deploy.js'
import {BUNDLE_ANNOTATION, findProxy, requireProxy} from '../../../../src/ops/allowlist-proxy/index.js'
import {addAllowlist} from '../../../../src/ops/route-allow/add.js'
import {writesIn} from '../../../helpers/sim.js'
import {apiCalls, type Harness} from '../../cf/helpers.js'
import {exampleHarness, fakeBundle, poll, recordingReporter} from './helpers.js'

describe('ops/route-service deploy against the simulator', () => {
  let h: Harness
  let cf: CfClient
  before(async () => {
    h = await exampleHarness()
    cf = await h.client()
  })
  after(() => h.close())

  const deploy = (extra: Partial<Parameters<typeof deployRouteService>[1]> = {}, reporter = recordingReporter()) =>
    deployRouteService(cf, {org: 'cgx-tools', space: 'route-services', api: h.sim.url, bundle: fakeBundle(), poll, ...extra}, reporter)

  it('pushes the proxy through the v3 API, with an http health check, a hidden https route, and waits until it runs', async () => {
    const reporter = recordingReporter()
    const result = await deploy({}, reporter)
    assert.equal(result.app.name, 'cgx-allowlist-proxy')
    assert.match(result.url, /^https:\/\/cgx-allowlist-[0-9a-f]{16}\.app\.cloud\.gov$/)
    assert.deepEqual([result.instances, result.memoryMb, result.hops, result.hopsCalibrated], [2, 64, 'local', true])
    assert.deepEqual(result.egress, {public: true, dns: true, suggestedGroups: []})
    const writes = apiCalls(h.sim)
      .filter((c) => !c.startsWith('GET'))
      .map((c) => c.replace(/[0-9a-f-]{36}/g, ':guid'))
    assert.deepEqual(writes, [
      'POST /v3/apps',
      'PATCH /v3/processes/:guid',
      'POST /v3/processes/:guid/actions/scale',
      'POST /v3/routes',
      'POST /v3/routes/:guid/destinations',
      'POST /v3/packages',
      'POST /v3/packages/:guid/upload',
      'POST /v3/builds',
      'PATCH /v3/apps/:guid',
      'PATCH /v3/apps/:guid/relationships/current_droplet',
      'POST /v3/apps/:guid/actions/start',
      'PATCH /v3/apps/:guid',
    ])
    const app = h.sim.store.tables.apps.get(result.app.guid)!
    assert.equal(app.state, 'STARTED')
    assert.deepEqual(JSON.parse(app.environment_variables.CGX_ALLOWLIST), {hops: 'local', routes: []})
    assert.equal(app.metadata.annotations['cgx.cloud.gov/bundle-sha256'], fakeBundle().sha256)
    assert.equal(app.metadata.annotations['cgx.cloud.gov/rollout-pending'], undefined)
    const [web] = h.sim.store.tables.processes.by('app', app.guid)
    assert.deepEqual(
      [web.command, web.health_check_type, web.health_check_endpoint, web.running.length],
      ['node --max-semi-space-size=1 server.mjs', 'http', '/_health', 2],
    )
    assert.ok(reporter.progressed.some((line) => line.includes('waiting for its instances')))
    assert.equal((await findProxy(cf, {guid: app.space_guid, name: 'x'}))?.url, undefined, 'found by org, not by space')
  })

  it('writes nothing when deployed again unchanged', async () => {
    h.sim.journal.clear()
    const result = await deploy()
    assert.deepEqual([result.changes, writesIn(h.sim)], [[], []])
  })

  it('rolls a new cgx version and new hops out with a deployment, waited for', async () => {
    h.sim.journal.clear()
    const result = await deploy({bundle: fakeBundle('2'), hops: ['10.0.0.0/8', '127.0.0.1/32']})
    assert.deepEqual(result.hops, ['10.0.0.0/8', '127.0.0.1/32'])
    assert.ok(result.changes.includes('rolled out'))
    const deployments = h.sim.store.tables.deployments.all()
    assert.equal(deployments.length, 1)
    assert.equal(deployments[0].state, 'DEPLOYED')
    const app = h.sim.store.tables.apps.get(result.app.guid)!
    assert.equal(deployments[0].droplet_guid, app.current_droplet_guid)
    const running = h.sim.store.tables.processes.by('app', app.guid).flatMap((p) => p.running)
    assert.equal(running.length, 2)
    for (const instance of running) assert.deepEqual(JSON.parse(instance.environment.CGX_ALLOWLIST).hops, ['10.0.0.0/8', '127.0.0.1/32'])
  })

  it('runs one proxy per org: another space is refused, and says where it is', async () => {
    h.sim.journal.clear()
    await assert.rejects(
      deploy({space: 'elsewhere'}),
      (error: OpError) => error.code === 'PROXY_ELSEWHERE' && /--space route-services/.test(error.suggestions[0]),
    )
    assert.deepEqual(writesIn(h.sim), [])
  })

  it('says which security groups a space without egress needs, and binds none', async () => {
    const reporter = recordingReporter()
    const result = await deployRouteService(cf, {org: 'agency-b', space: 'proxy', api: h.sim.url, bundle: fakeBundle(), poll}, reporter)
    assert.deepEqual(result.egress, {public: false, dns: true, suggestedGroups: ['public_networks_egress']})
    assert.ok(result.changes.includes('created space proxy'))
    assert.match(
      reporter.warned.join('\n'),
      /lacks public \(tcp 443 to the app domain\) egress.*cf bind-security-group public_networks_egress agency-b --space proxy/,
    )
    assert.equal(h.sim.journal.entries().filter((e) => e.path.includes('/relationships/running_spaces')).length, 0)
  })

  it('a proxy whose policy variable is gone is never taken for one with no hops (every socket peer a client)', async () => {
    const org = h.sim.store.tables.orgs.all().find((o) => o.name === 'cgx-tools')!
    const app = h.sim.store.tables.apps
      .all()
      .find((a) => a.name === 'cgx-allowlist-proxy' && h.sim.store.tables.spaces.get(a.space_guid)?.organization_guid === org.guid)!
    const {CGX_ALLOWLIST: _gone, ...rest} = app.environment_variables
    h.sim.store.touch('apps', app, {environment_variables: rest})
    await assert.rejects(
      requireProxy(cf, {guid: org.guid, name: org.name}),
      (error: OpError) => error.code === 'PROXY_POLICY_MISSING' && /cgx route-service deploy/.test(error.suggestions.join(' ')),
    )
    const result = await deploy()
    assert.equal(result.hops, 'local', 'the default profile, not an empty one')
    assert.deepEqual(JSON.parse(h.sim.store.tables.apps.get(app.guid)!.environment_variables.CGX_ALLOWLIST), {hops: 'local', routes: []})
  })

  it('refuses bad input before any request', async () => {
    h.sim.journal.clear()
    await assert.rejects(deploy({memory: 'lots'}), (error: OpError) => error.code === 'MEMORY_INVALID')
    await assert.rejects(
      deploy({hops: ['10.0.0.1/8']}),
      (error: OpError) => error.code === 'HOPS_INVALID' && /host bits/.test(error.message),
    )
    await assert.rejects(deploy({instances: 0}), (error: OpError) => error.code === 'INSTANCES_INVALID')
    assert.deepEqual(h.sim.journal.entries(), [])
  })

  it('--engine nginx: the nginx buildpack stages nginx.conf; the policy travels compiled in the environment; back to node clears it', async () => {
    const reporter = recordingReporter()
    h.sim.journal.clear()
    const result = await deployRouteService(cf, {org: 'agency-b', space: 'proxy', api: h.sim.url, engine: 'nginx', poll}, reporter)
    // The buildpack runs `nginx -t` with the app's environment while staging: the compiled policy is written first.
    const writes = h.sim.journal
      .entries()
      .filter((e) => e.method !== 'GET')
      .map((e) => `${e.method} ${e.path.replace(/[0-9a-f-]{36}/g, ':guid')}`)
    const [envWrite, buildWrite] = [writes.indexOf('PATCH /v3/apps/:guid/environment_variables'), writes.indexOf('POST /v3/builds')]
    assert.ok(envWrite >= 0 && envWrite < buildWrite, writes.join('\n'))
    assert.ok(result.changes.includes('wrote the compiled policy for staging'))
    assert.deepEqual([result.engine, result.buildpack, result.memoryMb], ['nginx', 'nginx_buildpack', 64])
    const app = h.sim.store.tables.apps.get(result.app.guid)!
    const build = h.sim.store.tables.builds
      .all()
      .filter((b) => b.app_guid === app.guid)
      .at(-1)!
    assert.deepEqual(
      (await cf.builds.get(build.guid)).lifecycle.data.buildpacks,
      ['nginx_buildpack'],
      'the sim shows the buildpack the build asked for',
    )
    assert.ok(result.changes.includes('set the buildpack to nginx_buildpack'), 'the app made by a node deploy switches buildpack')
    const env = app.environment_variables
    assert.deepEqual(JSON.parse(env.CGX_ALLOWLIST), {hops: 'local', routes: []})
    assert.match(env.CGX_NGINX_POLICY, /^# cgx allowlist policy for nginx: 0 route\(s\), 1 hop\(s\) \(local\)/)
    assert.equal(env.CGX_NGINX_CA_FILE, '/etc/ssl/certs/ca-certificates.crt')
    const [web] = h.sim.store.tables.processes.by('app', app.guid)
    assert.match(web.command ?? '', /^varify .*&& nginx -p \$PWD -c \.\/nginx\.conf$/)
    assert.ok(reporter.progressed.some((line) => line.includes('with the nginx_buildpack')))
    const back = await deployRouteService(
      cf,
      {org: 'agency-b', space: 'proxy', api: h.sim.url, engine: 'node', bundle: fakeBundle(), poll},
      recordingReporter(),
    )
    assert.ok(back.changes.includes('rolled out'))
    const after = h.sim.store.tables.apps.get(result.app.guid)!.environment_variables
    assert.deepEqual([after.CGX_NGINX_POLICY, after.CGX_NGINX_CA_FILE], [undefined, undefined])
    assert.equal(h.sim.store.tables.processes.by('app', app.guid)[0].command, 'node --max-semi-space-size=1 server.mjs')
    assert.ok(back.changes.includes('set the buildpack to nodejs_buildpack'))
    assert.deepEqual((await cf.apps.get(app.guid)).lifecycle.data.buildpacks, ['nodejs_buildpack'])
  })
  it("a policy change on an nginx proxy pushed by another cgx release is refused before any write: its nginx.conf would not take this release's policy", async () => {
    const deployNginx = () =>
      deployRouteService(cf, {org: 'agency-b', space: 'proxy', api: h.sim.url, engine: 'nginx', poll}, recordingReporter())
    const protect = () =>
      addAllowlist(cf, {route: 'portal.app.cloud.gov', allow: ['203.0.113.0/24'], env: {}, api: h.sim.url, poll}, recordingReporter())
    const {app} = await deployNginx()
    await cf.apps.update(app.guid, {metadata: {annotations: {[BUNDLE_ANNOTATION]: 'an-earlier-release'}}})
    h.sim.journal.clear()
    await assert.rejects(protect, (error: unknown) => error instanceof OpError && error.code === 'PROXY_OUTDATED')
    assert.deepEqual(writesIn(h.sim), [])
    await deployNginx()
    const protectedRoute = await protect()
    assert.ok(protectedRoute.changes.length > 0)
  })
})
