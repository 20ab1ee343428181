import assert from 'node:assert/strict'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {
  backoffDelayMs,
  CfApiError,
  CfNetworkError,
  createCfClient,
  DEFAULT_RETRY_POLICY,
  isNotFound,
  type AuthorizationProvider,
} from '../../../src/cf/index.js'
import {apiCalls, recordingClock, startHarness, startUpstream, type Harness} from './helpers.js'

const seed = {
  orgs: Array.from({length: 7}, (_, i) => ({name: `org-${i}`, spaces: [{name: 'a'}, {name: 'b'}]})),
}

describe('cf http layer against the simulator: paging, retries, errors', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness({seed})
  })
  afterEach(() => h.close())

  it('follows every page to the end, one request per page', async () => {
    const client = await h.client()
    const since = h.sim.journal.entries().length
    const orgs = await client.organizations.listAll({per_page: 3})
    assert.deepEqual(orgs.map((o) => o.name).sort(), seed.orgs.map((o) => o.name).sort())
    assert.deepEqual(apiCalls(h.sim, since), [
      'GET /v3/organizations?per_page=3',
      'GET /v3/organizations?page=2&per_page=3',
      'GET /v3/organizations?page=3&per_page=3',
    ])
  })

  it('asks for 5000 per page by default', async () => {
    const client = await h.client()
    const since = h.sim.journal.entries().length
    await client.spaces.listAll()
    assert.deepEqual(apiCalls(h.sim, since), ['GET /v3/spaces?per_page=5000'])
  })

  it('merges `included` across pages, each parent once', async () => {
    const client = await h.client()
    const {resources, included} = await client.spaces.listAllWithIncluded({include: ['organization'], per_page: 4})
    assert.equal(resources.length, 14)
    const orgGuids = included.organizations?.map((o) => o.guid) ?? []
    assert.equal(orgGuids.length, 7)
    assert.equal(new Set(orgGuids).size, 7)
    for (const space of resources) assert.ok(orgGuids.includes(space.relationships.organization.data?.guid ?? ''))
  })

  it('first and single say what they did not find', async () => {
    const client = await h.client()
    assert.equal((await client.organizations.single({names: ['org-3']})).name, 'org-3')
    await assert.rejects(client.organizations.first({names: ['nope']}), /No organization found for names=nope/)
    await assert.rejects(client.organizations.single({}), /Expected exactly one organization, found 7/)
  })

  it('retries a 503 on GET once, after a backoff, and succeeds', async () => {
    const clock = recordingClock()
    const client = await h.client({clock})
    h.sim.faults.inject({method: 'GET', path: '^/v3/organizations$', status: 503})
    const since = h.sim.journal.entries().length
    assert.equal((await client.organizations.listAll()).length, 7)
    const statuses = h.sim.journal
      .entries()
      .slice(since)
      .map((e) => e.status)
    assert.deepEqual(statuses, [503, 200])
    assert.deepEqual(clock.sleeps, [backoffDelayMs(1, 0.5, DEFAULT_RETRY_POLICY)])
  })

  it('waits Retry-After on a 429, even for a POST', async () => {
    const clock = recordingClock()
    const client = await h.client({clock})
    h.sim.faults.inject({method: 'POST', path: '^/v3/isolation_segments$', status: 429, retryAfterSec: 1})
    const since = h.sim.journal.entries().length
    const segment = await client.isolationSegments.create({name: 'after-429'})
    assert.equal(segment.name, 'after-429')
    assert.deepEqual(
      h.sim.journal
        .entries()
        .slice(since)
        .map((e) => `${e.method} ${e.status}`),
      ['POST 429', 'POST 201'],
    )
    assert.deepEqual(clock.sleeps, [1000])
  })

  it('really waits for Retry-After with the system clock (journal gap)', async () => {
    const client = await h.client()
    h.sim.faults.inject({method: 'GET', path: '^/v3/isolation_segments$', status: 429, retryAfterSec: 1})
    const since = h.sim.journal.entries().length
    await client.isolationSegments.listAll()
    const [limited, retried] = h.sim.journal.entries().slice(since)
    assert.ok(limited && retried)
    assert.ok(Date.parse(retried.time) - Date.parse(limited.time) >= 950, `${limited.time} -> ${retried.time}`)
  })

  it('never retries a POST on 5xx', async () => {
    const clock = recordingClock()
    const client = await h.client({clock})
    h.sim.faults.inject({method: 'POST', path: '^/v3/isolation_segments$', status: 503, times: 3})
    const since = h.sim.journal.entries().length
    await assert.rejects(
      client.isolationSegments.create({name: 'never-twice'}),
      (error: unknown) => error instanceof CfApiError && error.status === 503,
    )
    assert.deepEqual(apiCalls(h.sim, since), ['POST /v3/isolation_segments'])
    assert.deepEqual(clock.sleeps, [])
    assert.equal((await client.isolationSegments.listAll({names: ['never-twice']})).length, 0)
  })

  it('turns reset connections into CfNetworkError after the retries for GET, at once for POST', async () => {
    const clock = recordingClock()
    const client = await h.client({clock})
    h.sim.faults.inject({method: 'GET', path: '^/v3/spaces$', reset: true, times: 5})
    await assert.rejects(client.spaces.listAll(), (error: unknown) => error instanceof CfNetworkError && error.kind === 'reset')
    assert.equal(h.sim.journal.entries().filter((e) => e.path === '/v3/spaces').length, DEFAULT_RETRY_POLICY.maxAttempts)
    h.sim.faults.inject({method: 'POST', path: '^/v3/isolation_segments$', reset: true})
    await assert.rejects(
      client.isolationSegments.create({name: 'x'}),
      (error: unknown) => error instanceof CfNetworkError && error.kind === 'reset',
    )
    assert.equal(h.sim.journal.entries().filter((e) => e.method === 'POST' && e.path === '/v3/isolation_segments').length, 1)
  })

  it('times out a request that gets no answer', async () => {
    const client = await h.client({requestTimeoutMs: 100})
    h.sim.faults.inject({method: 'GET', path: '^/v3/domains$', delayMs: 1000})
    await assert.rejects(client.domains.listAll(), (error: unknown) => error instanceof CfNetworkError && error.kind === 'timeout')
  })

  it('decodes the error envelope with the request id, and the predicates match', async () => {
    const client = await h.client()
    await assert.rejects(client.isolationSegments.get('00000000-0000-0000-0000-000000000000'), (error: unknown) => {
      assert.ok(error instanceof CfApiError)
      assert.equal(error.status, 404)
      assert.equal(error.code, 10010)
      assert.equal(error.title, 'CF-ResourceNotFound')
      assert.equal(error.detail, 'Isolation segment not found')
      assert.match(error.requestId ?? '', /^[0-9a-f-]{36}$/)
      assert.equal(error.method, 'GET')
      assert.ok(isNotFound(error))
      assert.ok(!JSON.stringify(error).includes('bearer'))
      return true
    })
  })
})

describe('cf http layer against a scripted upstream', () => {
  const auth: AuthorizationProvider = {authorization: async () => 'bearer test-token', refresh: async () => {}}

  it('collects X-Cf-Warnings from successes and failures, and errors carry them', async () => {
    const upstream = await startUpstream((req, _body, res) => {
      res.setHeader('X-Cf-Warnings', req.method === 'GET' ? 'Deprecated+filter%2C+use+names' : 'Quota+almost+reached')
      res.setHeader('X-Vcap-Request-Id', 'req-42')
      res.setHeader('Content-Type', 'application/json')
      if (req.method === 'GET') {
        res.end(JSON.stringify({pagination: {total_results: 0, total_pages: 1, next: null}, resources: []}))
      } else {
        res.statusCode = 422
        res.end(JSON.stringify({errors: [{detail: 'Name taken', title: 'CF-UnprocessableEntity', code: 10008}]}))
      }
    })
    const client = createCfClient({apiUrl: upstream.url, auth})
    try {
      await client.isolationSegments.listAll()
      await assert.rejects(client.isolationSegments.create({name: 'x'}), (error: unknown) => {
        assert.ok(error instanceof CfApiError)
        assert.deepEqual(error.warnings, ['Quota almost reached'])
        assert.equal(error.requestId, 'req-42')
        return true
      })
      assert.deepEqual(client.warnings.drain(), ['Deprecated filter, use names', 'Quota almost reached'])
      assert.deepEqual(client.warnings.drain(), [])
    } finally {
      client.close()
      await upstream.close()
    }
  })

  it('keeps a non-JSON error body raw', async () => {
    const upstream = await startUpstream((_req, _body, res) => {
      res.statusCode = 502
      res.setHeader('Content-Type', 'text/html')
      res.end('<html>Bad Gateway</html>')
    })
    const client = createCfClient({apiUrl: upstream.url, auth})
    try {
      await assert.rejects(client.isolationSegments.create({name: 'x'}), (error: unknown) => {
        assert.ok(error instanceof CfApiError)
        assert.equal(error.status, 502)
        assert.equal(error.rawBody, '<html>Bad Gateway</html>')
        assert.equal(error.code, undefined)
        assert.equal(error.title, 'HTTP 502')
        return true
      })
    } finally {
      client.close()
      await upstream.close()
    }
  })

  it('follows a next link that names another host on its own API origin, never the other host', async () => {
    const upstream = await startUpstream((req, _body, res) => {
      const second = (req.url ?? '').includes('page=2')
      const page = {
        pagination: {
          total_results: 2,
          total_pages: 2,
          next: second ? null : {href: 'http://attacker.invalid:81/v3/organizations?page=2&per_page=1'},
        },
        resources: [{guid: second ? 'o-2' : 'o-1', name: second ? 'two' : 'one'}],
      }
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify(page))
    })
    const client = createCfClient({apiUrl: upstream.url, auth})
    try {
      const orgs = await client.organizations.listAll({per_page: 1})
      assert.deepEqual(
        orgs.map((o) => o.guid),
        ['o-1', 'o-2'],
      )
      assert.deepEqual(
        upstream.received.map((r) => r.url),
        ['/v3/organizations?per_page=1', '/v3/organizations?page=2&per_page=1'],
      )
      assert.ok(upstream.received.every((r) => r.headers.authorization === 'bearer test-token'))
    } finally {
      client.close()
      await upstream.close()
    }
  })

  it('escapes filter items once more than the list, as CC splits after unescaping the query', async () => {
    const upstream = await startUpstream((_req, _body, res) => {
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify({pagination: {total_results: 0, total_pages: 1, next: null}, resources: []}))
    })
    const client = createCfClient({apiUrl: upstream.url, auth})
    try {
      await client.organizations.listAll({names: ['a', 'b,c', 'd e'], label_selector: 'env in (prod,dev)'})
      assert.deepEqual(
        upstream.received.map((r) => r.url),
        ['/v3/organizations?per_page=5000&names=a,b%252Cc,d%2Be&label_selector=env+in+(prod%2Cdev)'],
      )
    } finally {
      client.close()
      await upstream.close()
    }
  })

  it('sends a long GUID filter in batches of 200 and merges the results once each', async () => {
    const upstream = await startUpstream((req, _body, res) => {
      const guids = (new URL(req.url ?? '', 'http://x').searchParams.get('guids') ?? '').split(',')
      res.setHeader('Content-Type', 'application/json')
      res.end(
        JSON.stringify({pagination: {total_results: guids.length, total_pages: 1, next: null}, resources: guids.map((guid) => ({guid}))}),
      )
    })
    const client = createCfClient({apiUrl: upstream.url, auth})
    try {
      const guids = Array.from({length: 450}, (_, i) => `g-${i}`)
      const spaces = await client.spaces.listAll({guids: [...guids, 'g-0']})
      assert.deepEqual(
        spaces.map((space) => space.guid),
        guids,
      )
      const batchSizes = upstream.received.map((r) => (new URL(r.url, 'http://x').searchParams.get('guids') ?? '').split(',').length)
      assert.deepEqual(batchSizes, [200, 200, 51])
    } finally {
      client.close()
      await upstream.close()
    }
  })

  it('reports a refused connection as CfNetworkError refused', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as AddressInfo
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const client = createCfClient({apiUrl: `http://127.0.0.1:${port}`, auth})
    try {
      await assert.rejects(client.organizations.listAll(), (error: unknown) => error instanceof CfNetworkError && error.kind === 'refused')
    } finally {
      client.close()
    }
  })
})
