import assert from 'node:assert/strict'
import {chunk, encodeQuery, mapConcurrent, mergeIncluded, parseWarningsHeader} from '../../../src/cf/index.js'
import {path, withQuery} from '../../../src/cf/query.js'
import {jobGuidFromLocation} from '../../../src/cf/jobs.js'
import {classifyNetworkError} from '../../../src/cf/errors.js'

describe('query strings, batching and small helpers', () => {
  it('escapes filter items twice and joins them with commas, as CC unescapes, splits, then unescapes each', () => {
    const encoded = encodeQuery({names: ['a,b', 'c d'], per_page: 50})
    assert.equal(encoded, 'names=a%252Cb,c%2Bd&per_page=50')
    assert.equal(encodeQuery({guids: ['g1', 'g2'], include: ['space.organization']}), 'guids=g1,g2&include=space.organization')
    const formDecode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '))
    assert.deepEqual(formDecode('a%252Cb,c%2Bd').split(',').map(formDecode), ['a,b', 'c d'])
  })

  it('sends a label selector as one value and drops unset keys', () => {
    assert.equal(
      encodeQuery({label_selector: 'env in (prod,dev),!beta', order_by: undefined, include: null}),
      'label_selector=env+in+(prod%2Cdev)%2C!beta',
    )
  })

  it('refuses object values', () => {
    assert.throws(() => encodeQuery({bad: {a: 1}}), TypeError)
  })

  it('appends a query to a path that may already carry one', () => {
    assert.equal(withQuery('/v3/apps', {page: 2}), '/v3/apps?page=2')
    assert.equal(withQuery('/v3/apps?per_page=5', {page: 2}), '/v3/apps?per_page=5&page=2')
    assert.equal(withQuery('/v3/apps', {}), '/v3/apps')
  })

  it('escapes GUIDs placed into paths', () => {
    assert.equal(path`/v3/apps/${'../v3/orgs?x'}/env`, '/v3/apps/..%2Fv3%2Forgs%3Fx/env')
  })

  it('splits GUID lists into batches of at most n', () => {
    const guids = Array.from({length: 450}, (_, i) => `g${i}`)
    const batches = chunk(guids, 200)
    assert.deepEqual(
      batches.map((b) => b.length),
      [200, 200, 50],
    )
    assert.deepEqual(batches.flat(), guids)
    assert.deepEqual(chunk([], 200), [])
    assert.throws(() => chunk(guids, 0), RangeError)
  })

  it('merges included parents once each, in first-seen order', () => {
    const org = (guid: string) => ({guid, created_at: '', updated_at: '', links: {}})
    const merged = mergeIncluded({organizations: [org('o1')]}, {organizations: [org('o2'), org('o1')], spaces: [org('s1')]})
    assert.deepEqual(
      merged.organizations?.map((o) => o.guid),
      ['o1', 'o2'],
    )
    assert.deepEqual(
      merged.spaces?.map((s) => s.guid),
      ['s1'],
    )
  })

  it('decodes CGI-escaped, comma-separated X-Cf-Warnings', () => {
    assert.deepEqual(parseWarningsHeader('Plan+is+deprecated%2C+upgrade,second%20one'), ['Plan is deprecated, upgrade', 'second one'])
    assert.deepEqual(parseWarningsHeader(undefined), [])
  })

  it('reads the job GUID from a Location header', () => {
    assert.equal(
      jobGuidFromLocation('https://api.example.org/v3/jobs/b19ae525-cbd3-4155-b156-dc0c2a431b4c'),
      'b19ae525-cbd3-4155-b156-dc0c2a431b4c',
    )
    assert.throws(() => jobGuidFromLocation('https://api.example.org/v3/apps/x'), /job/)
    assert.throws(() => jobGuidFromLocation(undefined), /none/)
  })

  it('classifies socket failures', () => {
    assert.equal(classifyNetworkError('ECONNREFUSED', ''), 'refused')
    assert.equal(classifyNetworkError('ECONNRESET', ''), 'reset')
    assert.equal(classifyNetworkError('ENOTFOUND', ''), 'dns')
    assert.equal(classifyNetworkError('ECONNABORTED', 'timeout of 10ms exceeded'), 'timeout')
    assert.equal(classifyNetworkError('DEPTH_ZERO_SELF_SIGNED_CERT', ''), 'tls')
    assert.equal(classifyNetworkError(undefined, 'socket hang up'), 'reset')
    assert.equal(classifyNetworkError('EWHATEVER', 'odd'), 'other')
  })
})

describe('mapConcurrent', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0
    let peak = 0
    const results = await mapConcurrent([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++
      peak = Math.max(peak, running)
      await new Promise((resolve) => setTimeout(resolve, n))
      running--
      return n * 10
    })
    assert.deepEqual(results, [50, 10, 40, 20, 30, 0])
    assert.equal(peak, 2)
  })

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = []
    await assert.rejects(
      mapConcurrent([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n)
        if (n === 2) throw new Error('boom')
        return n
      }),
      /boom/,
    )
    assert.deepEqual(started, [1, 2])
  })
})
