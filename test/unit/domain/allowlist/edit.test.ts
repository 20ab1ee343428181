import assert from 'node:assert/strict'

import {findRule, mergeAllowlist, removeFromAllowlist, renderPolicy} from '../../../../src/domain/allowlist/edit.js'
import {parsePolicy, type Policy} from '../../../../src/domain/allowlist/policy.js'
import {parseRouteSpec, type RouteSpec} from '../../../../src/domain/allowlist/route-spec.js'
import {parseCidr} from '../../../../src/domain/net/cidr.js'

const route = (text: string): RouteSpec => {
  const result = parseRouteSpec(text)
  assert.ok('spec' in result)
  return result.spec
}
const base: Policy = parsePolicy({
  hops: 'local',
  routes: [{route: 'a.example/api', allow: ['203.0.113.0/24'], headerSecret: {header: 'x-s', value: 'x'.repeat(16)}}],
}).policy!

describe('domain/allowlist edits', () => {
  it('adds CIDRs to an existing route, once, keeping its secret', () => {
    const next = mergeAllowlist(base, route('A.example/api/'), [parseCidr('198.51.100.0/24'), parseCidr('203.0.113.0/24')])
    assert.equal(
      renderPolicy(next),
      '{"hops":"local","routes":[{"route":"a.example/api","allow":["203.0.113.0/24","198.51.100.0/24"],"headerSecret":{"header":"x-s","value":"xxxxxxxxxxxxxxxx"}}]}',
    )
    assert.notEqual(next, base)
    assert.equal(base.routes[0].allow.length, 1)
  })

  it('creates the entry for a new route', () => {
    const next = mergeAllowlist(base, route('b.example:8080'), [parseCidr('2001:db8::/32')])
    assert.equal(next.routes.length, 2)
    assert.equal(findRule(next, route('b.example:8080'))?.allow.length, 1)
  })

  it('removes CIDRs, keeps an emptied entry (deny all), and drops an entry on "all"', () => {
    const emptied = removeFromAllowlist(base, route('a.example/api'), [parseCidr('203.0.113.0/24')])
    assert.deepEqual(emptied.routes[0].allow, [])
    assert.equal(removeFromAllowlist(base, route('a.example/api'), 'all').routes.length, 0)
    assert.equal(removeFromAllowlist(base, route('z.example'), 'all'), base)
  })

  it('renders text that parses back to the same policy', () => {
    const text = renderPolicy(mergeAllowlist(base, route('c.example'), [parseCidr('10.0.0.0/8')]), {pretty: true})
    assert.match(text, /\n {2}"hops": "local"/)
    assert.deepEqual(parsePolicy(text).policy, mergeAllowlist(base, route('c.example'), [parseCidr('10.0.0.0/8')]))
  })
})
