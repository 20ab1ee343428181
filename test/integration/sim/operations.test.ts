// The simulator's own knobs: journal, faults (rules, seeded random, resets), latency, token expiry,
// persistence through a state file, seed files, and non-admin visibility.
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {startSimulator, type Simulator} from '../../../src/sim/index.js'
import {adminSession, apiFor, call, errorOf, eventually, passwordToken, smallSeed, type Api} from './helpers.js'

describe('sim operations: journal, faults, latency, tokens, persistence, visibility', function () {
  let sim: Simulator
  let api: Api
  let dir: string

  beforeEach(async () => {
    ;({sim, api} = await adminSession({seed: smallSeed}))
    dir = mkdtempSync(path.join(tmpdir(), 'cgx-sim-'))
  })
  afterEach(async () => {
    await sim.close()
    rmSync(dir, {recursive: true, force: true})
  })

  it('journals every API request with path, raw query and status, but not /_sim/*', async () => {
    sim.journal.clear()
    await api.get('/v3/spaces?names=a%2Cb&per_page=2')
    await api.post('/v3/organizations', {name: 'new-org'})
    await call(`${sim.url}/_sim/router`)
    assert.deepEqual(
      sim.journal.entries().map(({method, path, query, status}) => ({method, path, query, status})),
      [
        {method: 'GET', path: '/v3/spaces', query: 'names=a%2Cb&per_page=2', status: 200},
        {method: 'POST', path: '/v3/organizations', query: '', status: 201},
      ],
    )
    const overHttp = await call(`${sim.url}/_sim/journal`)
    assert.equal(overHttp.body.requests.length, 2)
    assert.ok(!Number.isNaN(Date.parse(overHttp.body.requests[0].time)))
    assert.equal((await call(`${sim.url}/_sim/journal`, {method: 'DELETE'})).status, 204)
    assert.deepEqual(sim.journal.entries(), [])
  })

  it('injected faults hit the next `times` matching requests and never change state', async () => {
    sim.faults.inject({method: 'POST', path: '^/v3/organizations$', status: 503, times: 2})
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await api.post('/v3/organizations', {name: `o${i}`})).status)
    assert.deepEqual(statuses, [503, 503, 201])
    assert.equal(sim.store.tables.orgs.first('name', 'o0'), undefined)
    assert.equal(sim.store.tables.orgs.first('name', 'o1'), undefined)
    const faulted = sim.journal
      .entries()
      .filter((e) => e.path === '/v3/organizations')
      .map((e) => e.status)
    assert.deepEqual(faulted, [503, 503, 201])
  })

  it('a reset fault destroys the socket; a fault posted over HTTP works the same way', async () => {
    sim.faults.inject({path: '^/v3/spaces$', reset: true})
    await assert.rejects(api.get('/v3/spaces'))
    assert.equal((await api.get('/v3/spaces')).status, 200)
    const posted = await call(`${sim.url}/_sim/faults`, {method: 'POST', body: JSON.stringify({status: 502, path: '^/v3/apps$'})})
    assert.equal(posted.status, 201)
    const bad = await api.get('/v3/apps')
    assert.equal(bad.status, 502)
    assert.equal(errorOf(bad).title, 'CF-ServerError')
  })

  it('random faults are reproducible for a seed and hit about `rate` of requests', async () => {
    const run = async () => {
      sim.faults.setRandom({rate: 0.3, kinds: ['5xx', '429'], seed: 42})
      const statuses: number[] = []
      for (let i = 0; i < 40; i++) statuses.push((await api.get('/v3/info')).status)
      sim.faults.clear()
      return statuses
    }
    const first = await run()
    assert.deepEqual(await run(), first)
    const faulted = first.filter((s) => s !== 200)
    assert.ok(faulted.length >= 4 && faulted.length <= 24, `faulted ${faulted.length} of 40`)
    assert.ok(faulted.every((s) => [429, 502, 503, 504].includes(s)))
    await call(`${sim.url}/_sim/faults`, {method: 'POST', body: JSON.stringify({random: {rate: 1, kinds: ['429'], seed: 1}})})
    assert.equal((await api.get('/v3/info')).status, 429)
    await call(`${sim.url}/_sim/faults`, {method: 'DELETE'})
    assert.equal((await api.get('/v3/info')).status, 200)
  })

  it('latency delays API requests but not /_sim/*', async () => {
    const slow = await startSimulator({latencyMs: 120})
    try {
      let started = Date.now()
      await call(`${slow.url}/v3/info`)
      assert.ok(Date.now() - started >= 110, 'API request delayed')
      started = Date.now()
      await call(`${slow.url}/_sim/journal`)
      assert.ok(Date.now() - started < 100, '/_sim request not delayed')
    } finally {
      await slow.close()
    }
  })

  it('an expired or tampered token gets 401 CF-InvalidAuthToken', async () => {
    const expiring = await startSimulator({tokenLifetimeSec: 0})
    try {
      const token = await passwordToken(expiring)
      assert.equal(token.body.expires_in, 0)
      const answer = await apiFor(expiring, token.body.access_token).get('/v3/organizations')
      assert.equal(answer.status, 401)
      assert.equal(errorOf(answer).title, 'CF-InvalidAuthToken')
    } finally {
      await expiring.close()
    }
    const forged = `${(await passwordToken(sim)).body.access_token}x`
    assert.equal((await apiFor(sim, forged).get('/v3/organizations')).status, 401)
  })

  it('persists every change to the state file and loads it instead of the seed', async () => {
    const stateFile = path.join(dir, 'state.json')
    const first = await startSimulator({seed: smallSeed, stateFile})
    const token = (await passwordToken(first)).body.access_token
    const created = await apiFor(first, token).post('/v3/organizations', {name: 'persisted'})
    assert.equal(created.status, 201)
    assert.ok(JSON.parse(readFileSync(stateFile, 'utf8')).tables.orgs.some((o: {name: string}) => o.name === 'persisted'))
    await first.close()
    const second = await startSimulator({seed: {orgs: [{name: 'ignored'}]}, stateFile})
    try {
      const again = apiFor(second, token)
      const orgs = await again.get('/v3/organizations?names=persisted,ignored')
      assert.deepEqual(
        orgs.body.resources.map((o: {name: string}) => o.name),
        ['persisted'],
        'the old token still works',
      )
      assert.equal(orgs.body.resources[0].guid, created.body.guid)
    } finally {
      await second.close()
    }
  })

  it('resumes a deployment that was mid-way when the state was saved', async () => {
    const stateFile = path.join(dir, 'state.json')
    const first = await startSimulator({seed: smallSeed, stateFile, deploymentStepMs: 60_000})
    const admin = apiFor(first, (await passwordToken(first)).body.access_token)
    const app = first.store.tables.apps.all().find((a) => a.name === 'api')!
    const created = await admin.post('/v3/deployments', {relationships: {app: {data: {guid: app.guid}}}})
    assert.equal(created.body.status.reason, 'DEPLOYING')
    await first.close()
    const second = await startSimulator({stateFile, deploymentStepMs: 5})
    try {
      const again = apiFor(second, (await passwordToken(second)).body.access_token)
      await eventually(async () => (await again.get(`/v3/deployments/${created.body.guid}`)).body.status.reason === 'DEPLOYED')
    } finally {
      await second.close()
    }
  })

  it('loads a YAML seed file and reports seed errors with file, path and problem', async () => {
    const file = path.join(dir, 'seed.yml')
    writeFileSync(file, 'orgs:\n  - name: yaml-org\n    spaces: [{name: s}]\n')
    const fromYaml = await startSimulator({seed: file})
    assert.ok(fromYaml.store.tables.orgs.first('name', 'yaml-org'))
    await fromYaml.close()
    writeFileSync(file, 'orgs:\n  - name: o\n    default_isolation_segment: nowhere\n')
    await assert.rejects(
      startSimulator({seed: file}),
      new RegExp(`${file}: orgs\\[0\\]\\.default_isolation_segment: unknown isolation segment 'nowhere'`),
    )
    writeFileSync(file, 'orgs:\n  - nme: typo\n')
    await assert.rejects(startSimulator({seed: file}), /orgs\[0\]: 'name' is required/)
  })

  it('serves examples/foundation.yml, where one app still runs on its old segment', async () => {
    const example = await startSimulator({seed: path.resolve('examples/foundation.yml')})
    try {
      const admin = apiFor(example, (await passwordToken(example)).body.access_token)
      const org = example.store.tables.orgs.first('name', 'agency-a')!
      const staging = example.store.tables.spaces.first('orgName', `${org.guid}/staging`)!
      const app = example.store.tables.apps.first('spaceName', `${staging.guid}/api`)!
      const process = example.store.tables.processes.first('app', app.guid)!
      const stats = await admin.get(`/v3/processes/${process.guid}/stats`)
      assert.deepEqual(
        stats.body.resources.map((i: {isolation_segment: string | null}) => i.isolation_segment),
        [null],
      )
      await admin.post(`/v3/apps/${app.guid}/actions/restart`)
      const after = await admin.get(`/v3/processes/${process.guid}/stats`)
      assert.deepEqual(
        after.body.resources.map((i: {isolation_segment: string | null}) => i.isolation_segment),
        ['vpn-east'],
      )
      assert.ok(example.router.routes().some((r) => r.routeServiceUrl === 'https://allowlist-agency-a.app.cloud.gov'))
    } finally {
      await example.close()
    }
  })

  it('non-admin users see only orgs where they have a role, and what is in them', async () => {
    const dev = apiFor(sim, (await passwordToken(sim, 'dev', 'pw')).body.access_token)
    const names = async (path: string) => (await dev.get(path)).body.resources.map((r: {name: string}) => r.name).sort()
    assert.deepEqual(await names('/v3/organizations'), ['org-a'])
    assert.deepEqual(await names('/v3/spaces'), ['dev', 'prod'])
    assert.deepEqual(await names('/v3/isolation_segments'), ['vpn'])
    assert.deepEqual(await names('/v3/security_groups'), ['dns', 'vpn-db'])
    const orgB = sim.store.tables.orgs.first('name', 'org-b')!
    assert.equal((await dev.get(`/v3/organizations/${orgB.guid}`)).status, 404)
    assert.equal((await dev.post('/v3/organizations', {name: 'nope'})).status, 403)
    assert.equal((await dev.post('/v3/security_groups', {name: 'nope'})).status, 403)
  })
})
