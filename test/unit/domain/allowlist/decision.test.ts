import assert from 'node:assert/strict'

import {compilePolicy, decide, isAddressAllowed, type RequestFacts} from '../../../../src/domain/allowlist/decision.js'
import {parseForwardedUrl} from '../../../../src/domain/allowlist/forwarded-url.js'
import {parsePolicy} from '../../../../src/domain/allowlist/policy.js'
import {parseIp} from '../../../../src/domain/net/ip.js'

const {policy} = parsePolicy({
  hops: ['127.0.0.0/8'],
  routes: [
    {route: 'app.example.com', allow: ['203.0.113.0/24', '2001:db8::/32']},
    {route: 'app.example.com/admin', allow: ['198.51.100.7']},
    {
      route: 'secret.example.com',
      allow: ['203.0.113.0/24'],
      headerSecret: {header: 'X-Edge-Secret', value: 'correct horse battery staple'},
    },
    {route: 'closed.example.com', allow: []},
  ],
})
assert.ok(policy)
const compiled = compilePolicy(policy)

function facts(overrides: Partial<RequestFacts> & {headers?: Record<string, string>} = {}): RequestFacts {
  const headers = overrides.headers ?? {}
  return {
    peer: '127.0.0.1',
    forwardedFor: ['203.0.113.9'],
    forwardedUrls: ['https://app.example.com/x'],
    hasSignature: true,
    hasMetadata: true,
    header: (name) => headers[name],
    ...overrides,
  }
}

describe('domain/allowlist decide', () => {
  it('allows a listed client and says which route and client', () => {
    const verdict = decide(facts(), compiled)
    assert.equal(verdict.allowed, true)
    assert.equal(verdict.client, '203.0.113.9')
    assert.equal(verdict.route, 'app.example.com')
    assert.ok(verdict.allowed && verdict.target.origin === 'https://app.example.com')
  })

  const denials: Array<[string, Partial<RequestFacts> & {headers?: Record<string, string>}, string]> = [
    ['no forwarded URL', {forwardedUrls: []}, 'forwarded-url-missing'],
    ['two forwarded URLs', {forwardedUrls: ['https://app.example.com/', 'https://app.example.com/']}, 'forwarded-url-duplicate'],
    ['no signature (direct access)', {hasSignature: false}, 'signature-missing'],
    ['no metadata (direct access)', {hasMetadata: false}, 'signature-missing'],
    ['malformed forwarded URL', {forwardedUrls: ['https://app.example.com@evil.example/']}, 'forwarded-url-malformed'],
    ['host outside the policy (no open proxy)', {forwardedUrls: ['http://169.254.169.254/latest/meta-data/']}, 'route-not-in-policy'],
    ['wrong port', {forwardedUrls: ['https://app.example.com:444/']}, 'route-not-in-policy'],
    ['stricter path rule', {forwardedUrls: ['https://app.example.com/Admin/users']}, 'address-not-allowed'],
    ['short chain', {forwardedFor: []}, 'chain-short'],
    ['peer is not a platform hop', {peer: '203.0.113.9'}, 'hop-mismatch'],
    ['client entry not an IP', {forwardedFor: ['203.0.113.9:443']}, 'client-invalid'],
    ['client outside the allow list', {forwardedFor: ['203.0.114.9']}, 'address-not-allowed'],
    ['empty allow list', {forwardedUrls: ['https://closed.example.com/']}, 'address-not-allowed'],
    ['missing header secret', {forwardedUrls: ['https://secret.example.com/']}, 'secret-mismatch'],
    [
      'wrong header secret',
      {forwardedUrls: ['https://secret.example.com/'], headers: {'x-edge-secret': 'correct horse battery stapler'}},
      'secret-mismatch',
    ],
  ]
  for (const [name, overrides, reason] of denials) {
    it(`denies: ${name}`, () => {
      const verdict = decide(facts(overrides), compiled)
      assert.equal(verdict.allowed, false)
      assert.equal(verdict.reason, reason)
    })
  }

  it('reports the failing hop position and the text found there', () => {
    const verdict = decide(facts({peer: '10.9.9.9'}), compiled)
    assert.deepEqual(verdict, {allowed: false, reason: 'hop-mismatch', route: 'app.example.com', client: '10.9.9.9', position: 0})
  })

  it('accepts the right header secret, and IPv6 / mapped clients', () => {
    const withSecret = facts({forwardedUrls: ['https://secret.example.com/'], headers: {'x-edge-secret': 'correct horse battery staple'}})
    assert.equal(decide(withSecret, compiled).allowed, true)
    assert.equal(decide(facts({forwardedFor: ['2001:DB8::1']}), compiled).client, '2001:DB8::1')
    assert.equal(decide(facts({forwardedFor: ['::ffff:203.0.113.5']}), compiled).allowed, true)
    assert.equal(decide(facts({peer: '::ffff:127.0.0.1'}), compiled).allowed, true)
  })

  it('lists the secret headers so they can be stripped before forwarding', () => {
    assert.deepEqual([...compiled.secretHeaders], ['x-edge-secret'])
  })

  it('answers route-allow check questions without a request', () => {
    const target = parseForwardedUrl('https://app.example.com/admin')!
    assert.equal(isAddressAllowed(compiled, target, parseIp('198.51.100.7')!), true)
    assert.equal(isAddressAllowed(compiled, target, parseIp('203.0.113.9')!), false)
  })
})
