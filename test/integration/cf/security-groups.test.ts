import assert from 'node:assert/strict'
import {CfJobFailedError, CfJobTimeoutError, isUnprocessable, type CfClient} from '../../../src/cf/index.js'
import {apiCalls, startHarness, type Harness} from './helpers.js'

const seed = {
  security_groups: [
    {name: 'dns', globally_enabled: {running: true, staging: true}, rules: [{protocol: 'udp', destination: '0.0.0.0/0', ports: '53'}]},
    {name: 'vpn', rules: [{protocol: 'tcp', destination: '10.10.0.0/16', ports: '443'}], running_spaces: ['agency-a/prod']},
  ],
  orgs: [{name: 'agency-a', spaces: [{name: 'prod'}, {name: 'dev'}]}],
}

describe('cf security groups and jobs against the simulator', () => {
  let h: Harness
  let cf: CfClient
  beforeEach(async () => {
    h = await startHarness({seed, jobDelayMs: 20})
    cf = await h.client({jobs: {intervalMs: 10, timeoutMs: 5000}})
  })
  afterEach(() => h.close())

  const spaceNamed = (name: string) => cf.spaces.single({names: [name]})

  it('lists the effective running and staging groups of a space (bound plus global)', async () => {
    const prod = await spaceNamed('prod')
    const dev = await spaceNamed('dev')
    const mark = h.sim.journal.entries().length
    assert.deepEqual((await cf.spaces.listRunningSecurityGroups(prod.guid)).map((g) => g.name).sort(), ['dns', 'vpn'])
    assert.deepEqual(
      (await cf.spaces.listStagingSecurityGroups(prod.guid)).map((g) => g.name),
      ['dns'],
    )
    assert.deepEqual(
      (await cf.spaces.listRunningSecurityGroups(dev.guid)).map((g) => g.name),
      ['dns'],
    )
    assert.deepEqual(apiCalls(h.sim, mark), [
      `GET /v3/spaces/${prod.guid}/running_security_groups?per_page=5000`,
      `GET /v3/spaces/${prod.guid}/staging_security_groups?per_page=5000`,
      `GET /v3/spaces/${dev.guid}/running_security_groups?per_page=5000`,
    ])
  })

  it('filters the list by binding and by global flags', async () => {
    const prod = await spaceNamed('prod')
    assert.deepEqual(
      (await cf.securityGroups.listAll({running_space_guids: [prod.guid]})).map((g) => g.name),
      ['vpn'],
    )
    assert.deepEqual(
      (await cf.securityGroups.listAll({globally_enabled_staging: true})).map((g) => g.name),
      ['dns'],
    )
  })

  it('creates, updates rules, binds and unbinds both lifecycles', async () => {
    const dev = await spaceNamed('dev')
    const group = await cf.securityGroups.create({name: 'db', rules: [{protocol: 'tcp', destination: '10.20.0.0/16', ports: '5432'}]})
    const updated = await cf.securityGroups.update(group.guid, {
      rules: [{protocol: 'tcp', destination: '10.20.0.0/16', ports: '5432,5433'}],
      globally_enabled: {staging: false},
    })
    assert.equal(updated.rules[0]?.ports, '5432,5433')
    const mark = h.sim.journal.entries().length
    assert.deepEqual(await cf.securityGroups.bindRunningSpaces(group.guid, [dev.guid]), [dev.guid])
    assert.deepEqual(await cf.securityGroups.bindStagingSpaces(group.guid, [dev.guid]), [dev.guid])
    const bound = await cf.securityGroups.get(group.guid)
    assert.deepEqual(bound.relationships.running_spaces.data, [{guid: dev.guid}])
    assert.deepEqual(bound.relationships.staging_spaces.data, [{guid: dev.guid}])
    await cf.securityGroups.unbindRunningSpace(group.guid, dev.guid)
    await cf.securityGroups.unbindStagingSpace(group.guid, dev.guid)
    await assert.rejects(cf.securityGroups.unbindRunningSpace(group.guid, dev.guid), (error: unknown) => isUnprocessable(error))
    assert.deepEqual(apiCalls(h.sim, mark).slice(0, 3), [
      `POST /v3/security_groups/${group.guid}/relationships/running_spaces`,
      `POST /v3/security_groups/${group.guid}/relationships/staging_spaces`,
      `GET /v3/security_groups/${group.guid}`,
    ])
    assert.deepEqual(apiCalls(h.sim, mark).slice(3), [
      `DELETE /v3/security_groups/${group.guid}/relationships/running_spaces/${dev.guid}`,
      `DELETE /v3/security_groups/${group.guid}/relationships/staging_spaces/${dev.guid}`,
      `DELETE /v3/security_groups/${group.guid}/relationships/running_spaces/${dev.guid}`,
    ])
    assert.deepEqual((await cf.securityGroups.get(group.guid)).relationships.running_spaces.data, [])
  })

  it('delete returns only after the job completed, polling it', async () => {
    const group = await cf.securityGroups.single({names: ['vpn']})
    const mark = h.sim.journal.entries().length
    await cf.securityGroups.delete(group.guid)
    const calls = apiCalls(h.sim, mark)
    assert.equal(calls[0], `DELETE /v3/security_groups/${group.guid}`)
    const jobPolls = calls.slice(1)
    assert.ok(jobPolls.length >= 1 && jobPolls.every((c) => /^GET \/v3\/jobs\/[0-9a-f-]+$/.test(c)), calls.join('\n'))
    const jobGuid = jobPolls[0]?.split('/').pop() ?? ''
    assert.equal((await cf.jobs.get(jobGuid)).state, 'COMPLETE')
    assert.deepEqual((await cf.securityGroups.listAll({names: ['vpn']})).length, 0)
  })

  it('a FAILED job becomes CfJobFailedError with the job errors, and its warnings are collected', async () => {
    const job = {
      ...h.sim.store.base('job'),
      operation: 'space.apply_manifest',
      state: 'FAILED' as const,
      resource_type: null,
      resource_guid: null,
      errors: [{code: 10008, title: 'CF-UnprocessableEntity', detail: 'something went wrong'}],
      warnings: [{detail: 'warning! warning!'}],
    }
    h.sim.store.tables.jobs.insert(job)
    await assert.rejects(cf.jobs.poll(job.guid), (error: unknown) => {
      assert.ok(error instanceof CfJobFailedError)
      assert.equal(error.code, 10008)
      assert.equal(error.job.operation, 'space.apply_manifest')
      assert.match(error.message, /something went wrong/)
      assert.ok(isUnprocessable(error))
      return true
    })
    assert.deepEqual(cf.warnings.drain(), ['warning! warning!'])
  })

  it('gives up on a job that takes longer than the timeout', async () => {
    const slow = await startHarness({seed, jobDelayMs: 2000})
    try {
      const client = await slow.client({jobs: {intervalMs: 20, timeoutMs: 100}})
      const group = await client.securityGroups.single({names: ['vpn']})
      await assert.rejects(client.securityGroups.delete(group.guid), (error: unknown) => {
        assert.ok(error instanceof CfJobTimeoutError)
        assert.equal(error.lastState, 'PROCESSING')
        assert.equal(error.timeoutMs, 100)
        return true
      })
    } finally {
      await slow.close()
    }
  })
})
