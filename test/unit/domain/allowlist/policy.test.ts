import assert from 'node:assert/strict'

import {parsePolicy, type PolicyParseResult} from '../../../../src/domain/allowlist/policy.js'
import {renderPolicy} from '../../../../src/domain/allowlist/edit.js'

const codes = (result: PolicyParseResult) => result.diagnostics.map((d) => `${d.severity}:${d.code}@${d.path}`)

describe('domain/allowlist parsePolicy', () => {
  it('reads hops and routes into CIDRs and route specs', () => {
    const {policy, diagnostics} = parsePolicy(
      JSON.stringify({
        hops: ['127.0.0.0/8, ::1', '10.0.0.0/8'],
        routes: [{route: 'App.Example.com/Admin/', allow: ['203.0.113.0/24', '2001:db8::/32']}],
      }),
    )
    assert.deepEqual(diagnostics, [])
    assert.ok(policy)
    assert.deepEqual(
      policy.hops.map((hop) => hop.map((c) => c.prefix)),
      [[8, 128], [8]],
    )
    assert.equal(policy.routes[0].host, 'app.example.com')
    assert.equal(policy.routes[0].pathPrefix, '/Admin')
    assert.equal(policy.routes[0].allow.length, 2)
  })

  it('expands a named hop preset and remembers its name', () => {
    const {policy} = parsePolicy({hops: 'cloud.gov', routes: []})
    assert.equal(policy?.hops.length, 4)
    assert.equal(policy?.hopProfile, 'cloud.gov')
  })

  it('reports every problem at once, with paths', () => {
    const result = parsePolicy({
      hops: ['10.0.0.1/8', ''],
      routes: [
        {route: 'https://a.example/x', allow: ['1.2.3.4/33']},
        {route: 'b.example', allow: 'nope'},
        {route: 'c.example', allow: [], alow: []},
      ],
      extra: true,
    })
    assert.equal(result.policy, undefined)
    assert.deepEqual(codes(result).sort(), [
      'error:ALLOW_INVALID@routes[1].allow',
      'error:CIDR_INVALID@hops[0][0]',
      'error:CIDR_INVALID@routes[0].allow[0]',
      'error:HOPS_INVALID@hops[1]',
      'error:POLICY_KEY_UNKNOWN@extra',
      'error:POLICY_KEY_UNKNOWN@routes[2].alow',
      'error:ROUTE_INVALID@routes[0].route',
      'warning:ALLOW_EMPTY@routes[2].allow',
    ])
  })

  it('suggests the network when host bits are set', () => {
    const result = parsePolicy({hops: [], routes: [{route: 'a.example', allow: ['10.1.2.3/24']}]})
    assert.match(result.diagnostics[0].summary, /10\.1\.2\.0\/24/)
  })

  it('refuses duplicate routes, compared as the router compares them', () => {
    const result = parsePolicy({
      hops: [],
      routes: [
        {route: 'a.example/X', allow: []},
        {route: 'A.example/x/', allow: []},
      ],
    })
    assert.equal(result.policy, undefined)
    assert.ok(codes(result).includes('error:ROUTE_DUPLICATE@routes[1]'))
  })

  it('refuses allow lists as open as /0 unless forced, and warns when forced, once per route', () => {
    const input = {
      hops: [],
      routes: [
        {route: 'a.example', allow: ['0.0.0.0/0', '::/0']},
        {route: 'b.example', allow: ['0.0.0.0/1', '128.0.0.0/1']},
      ],
    }
    const refused = parsePolicy(input)
    assert.equal(refused.policy, undefined)
    assert.deepEqual(codes(refused), ['error:CIDR_WHOLE_SPACE@routes[0].allow', 'error:CIDR_WHOLE_SPACE@routes[1].allow'])
    assert.equal(
      refused.diagnostics[1].summary,
      'routes[1].allow is as open as /0: 0.0.0.0/1 and 128.0.0.0/1 together cover all of IPv4; ' +
        'refused unless explicitly forced (a list may cover less than 1/16 of IPv4 and of IPv6 2000::/3)',
    )
    const forced = parsePolicy(input, {allowWholeSpace: true})
    assert.ok(forced.policy)
    assert.deepEqual(codes(forced), ['warning:CIDR_WHOLE_SPACE@routes[0].allow', 'warning:CIDR_WHOLE_SPACE@routes[1].allow'])
    assert.equal(forced.diagnostics[0].summary, 'routes[0].allow is as open as /0: 0.0.0.0/0 covers all of IPv4; ::/0 covers all of IPv6')
    assert.deepEqual(codes(parsePolicy({hops: [], routes: [{route: 'a.example', allow: ['16.0.0.0/5', '24.0.0.0/6']}]})), [])
  })

  it('requires hops and knows its presets', () => {
    assert.deepEqual(codes(parsePolicy({routes: []})), ['error:HOPS_MISSING@hops', 'warning:ROUTES_EMPTY@routes'])
    assert.deepEqual(codes(parsePolicy({hops: 'toString', routes: []})), ['error:HOP_PRESET_UNKNOWN@hops', 'warning:ROUTES_EMPTY@routes'])
  })

  it('never quotes the policy text in a JSON syntax error (it may hold secrets)', () => {
    const result = parsePolicy('{"hops": [], "routes": [{"headerSecret": {"value": "s3cr3t-value-xyz"}} oops')
    assert.equal(result.diagnostics[0].code, 'POLICY_JSON_INVALID')
    assert.doesNotMatch(result.diagnostics[0].summary, /s3cr3t/)
  })

  it('checks header secrets: own header name, printable value, warns when short', () => {
    const secret = (header: string, value: string) =>
      parsePolicy({hops: [], routes: [{route: 'a.example', allow: [], headerSecret: {header, value}}]})
    const ok = secret('X-Allowlist-Secret', 'a-long-enough-secret-value')
    assert.deepEqual(ok.policy?.routes[0].headerSecret, {header: 'x-allowlist-secret', value: 'a-long-enough-secret-value'})
    assert.ok(codes(secret('X-Forwarded-For', 'a-long-enough-secret-value')).includes('error:SECRET_INVALID@routes[0].headerSecret.header'))
    assert.ok(
      codes(secret('X-CF-Proxy-Signature', 'a-long-enough-secret-value')).includes('error:SECRET_INVALID@routes[0].headerSecret.header'),
    )
    assert.ok(codes(secret('X-Mine', 'line\nbreak')).includes('error:SECRET_INVALID@routes[0].headerSecret.value'))
    assert.ok(codes(secret('X-Mine', 'short')).includes('warning:SECRET_WEAK@routes[0].headerSecret.value'))
    // HTTP drops spaces around a header value, so such a secret could never be matched: every request denied.
    for (const padded of [' a-long-enough-secret-value', 'a-long-enough-secret-value ']) {
      assert.ok(codes(secret('X-Mine', padded)).includes('error:SECRET_INVALID@routes[0].headerSecret.value'), JSON.stringify(padded))
    }
  })

  it('warns about duplicates and an empty route list without failing', () => {
    const result = parsePolicy({hops: ['127.0.0.1,127.0.0.1/32'], routes: []})
    assert.ok(result.policy)
    assert.deepEqual(codes(result), ['warning:CIDR_DUPLICATE@hops[0][1]', 'warning:ROUTES_EMPTY@routes'])
  })

  it('round-trips through renderPolicy', () => {
    const text = JSON.stringify({
      hops: ['127.0.0.0/8,::1/128'],
      routes: [{route: 'a.example:8443/api', allow: ['2001:db8::/32'], headerSecret: {header: 'x-s', value: 'v'.repeat(20)}}],
    })
    const {policy} = parsePolicy(text)
    assert.ok(policy)
    assert.equal(renderPolicy(policy), text)
    assert.equal(renderPolicy(parsePolicy({hops: 'local', routes: []}).policy!), '{"hops":"local","routes":[]}')
  })
})
