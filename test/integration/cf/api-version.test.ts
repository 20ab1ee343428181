// cf.apiVersion(): the root document is read once per client, however many callers ask, and a failed read is
// not remembered.
import assert from 'node:assert/strict'
import {startHarness, type Harness} from './helpers.js'

describe('cf client: API version', () => {
  let harness: Harness
  beforeEach(async () => {
    harness = await startHarness({apiVersion: '3.180.0'})
  })
  afterEach(() => harness.close())

  const rootReads = () => harness.sim.journal.entries().filter((e) => e.method === 'GET' && e.path === '/').length

  it('reads GET / once per client and returns links.cloud_controller_v3.meta.version', async () => {
    const client = await harness.client()
    const before = rootReads()
    const versions = await Promise.all([client.apiVersion(), client.apiVersion(), client.apiVersion()])
    assert.deepEqual(versions, ['3.180.0', '3.180.0', '3.180.0'])
    assert.equal(await client.apiVersion(), '3.180.0')
    assert.equal(rootReads() - before, 1)
    const other = await harness.client()
    assert.equal(await other.apiVersion(), '3.180.0')
    assert.equal(rootReads() - before, 2, 'a second client reads it for itself')
  })

  it('reads it again after a failed read', async () => {
    const client = await harness.client()
    harness.sim.faults.inject({method: 'GET', path: '^/$', status: 500, times: 1})
    await assert.rejects(client.apiVersion(), (e: Error) => e.name === 'CfApiError')
    assert.equal(await client.apiVersion(), '3.180.0')
  })
})
