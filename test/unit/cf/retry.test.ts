import assert from 'node:assert/strict'
import {backoffDelayMs, decideRetry, DEFAULT_RETRY_POLICY, rateLimitWaitMs} from '../../../src/cf/index.js'

describe('retry decisions', () => {
  const base = {attempt: 1, nowMs: 1_000_000, random: 0.5}

  it('backs off exponentially with equal jitter, capped', () => {
    const policy = {...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000}
    assert.equal(backoffDelayMs(1, 0, policy), 50)
    assert.equal(backoffDelayMs(1, 0.999, policy), 100)
    assert.equal(backoffDelayMs(2, 0, policy), 100)
    assert.equal(backoffDelayMs(3, 0, policy), 200)
    assert.equal(backoffDelayMs(10, 0, policy), 500)
    assert.equal(backoffDelayMs(10, 0.999, policy), 1000)
  })

  it('retries 502/503/504 for idempotent methods, PATCH included', () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD']) {
      for (const status of [502, 503, 504]) assert.equal(decideRetry({...base, method, status}).retry, true, `${method} ${status}`)
    }
    assert.equal(decideRetry({...base, method: 'GET', status: 500}).retry, false)
    assert.equal(decideRetry({...base, method: 'GET', status: 404}).retry, false)
  })

  it('never retries a POST on 5xx or a reset, but does on 429', () => {
    assert.equal(decideRetry({...base, method: 'POST', status: 503}).retry, false)
    assert.equal(decideRetry({...base, method: 'POST', networkKind: 'reset'}).retry, false)
    assert.deepEqual(decideRetry({...base, method: 'POST', status: 429, headers: {'retry-after': '2'}}), {
      retry: true,
      delayMs: 2000,
      reason: 'rate limited (429)',
    })
  })

  it('retries a reset connection for GET, not a refused or timed-out one', () => {
    assert.equal(decideRetry({...base, method: 'GET', networkKind: 'reset'}).retry, true)
    assert.equal(decideRetry({...base, method: 'GET', networkKind: 'refused'}).retry, false)
    assert.equal(decideRetry({...base, method: 'GET', networkKind: 'timeout'}).retry, false)
  })

  it('stops at the attempt limit', () => {
    assert.equal(decideRetry({...base, attempt: DEFAULT_RETRY_POLICY.maxAttempts, method: 'GET', status: 503}).retry, false)
  })

  it('waits as long as Retry-After says, else until X-RateLimit-Reset', () => {
    assert.equal(rateLimitWaitMs({'retry-after': '3'}, 0), 3000)
    assert.equal(rateLimitWaitMs({'retry-after': new Date(10_000).toUTCString()}, 4000), 6000)
    assert.equal(rateLimitWaitMs({'x-ratelimit-reset': '1005'}, 1_000_000), 5000)
    assert.equal(rateLimitWaitMs({}, 0), undefined)
  })

  it('gives up on a 429 whose wait is longer than the policy allows', () => {
    assert.equal(decideRetry({...base, method: 'GET', status: 429, headers: {'retry-after': '3600'}}).retry, false)
  })
})
