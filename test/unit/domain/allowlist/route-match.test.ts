import assert from 'node:assert/strict'

import {parseForwardedUrl} from '../../../../src/domain/allowlist/forwarded-url.js'
import {indexRoutes, matchRoute, pathSegments} from '../../../../src/domain/allowlist/route-match.js'
import {formatRouteSpec, parseRouteSpec, type RouteSpec} from '../../../../src/domain/allowlist/route-spec.js'

function specs(...texts: string[]): RouteSpec[] {
  return texts.map((text) => {
    const result = parseRouteSpec(text)
    assert.ok('spec' in result)
    return result.spec
  })
}

const index = indexRoutes(
  specs(
    'app.example.com',
    'app.example.com/admin',
    'app.example.com/admin/deep/er',
    '*.example.com/api',
    'local.test:8080/x',
    'plain.example.com/only',
  ),
)

function match(url: string): string | undefined {
  const target = parseForwardedUrl(url)
  assert.ok(target, url)
  const rule = matchRoute(index, target)
  return rule === undefined ? undefined : formatRouteSpec(rule)
}

describe('domain/allowlist matchRoute', () => {
  it('picks the longest run of whole segments', () => {
    assert.equal(match('https://app.example.com/'), 'app.example.com')
    assert.equal(match('https://app.example.com/admin'), 'app.example.com/admin')
    assert.equal(match('https://app.example.com/admin/'), 'app.example.com/admin')
    assert.equal(match('https://app.example.com/admin/x?y=1'), 'app.example.com/admin')
    assert.equal(match('https://app.example.com/admins'), 'app.example.com')
    assert.equal(match('https://app.example.com/admin/deep/er/est'), 'app.example.com/admin/deep/er')
    assert.equal(match('https://app.example.com/admin/deep'), 'app.example.com/admin')
  })

  it('compares host and path case-insensitively, as gorouter does', () => {
    assert.equal(match('https://APP.example.com/ADMIN/x'), 'app.example.com/admin')
  })

  it('does not split encoded slashes and keeps dot segments, as gorouter does', () => {
    assert.equal(match('https://app.example.com/admin%2Fx'), 'app.example.com')
    assert.equal(match('https://app.example.com/admin/../public'), 'app.example.com/admin')
    assert.equal(match('https://app.example.com//admin'), 'app.example.com')
  })

  it('accepts only the default port for routes without one', () => {
    assert.equal(match('https://app.example.com:443/'), 'app.example.com')
    assert.equal(match('http://app.example.com:80/'), 'app.example.com')
    assert.equal(match('https://app.example.com:444/'), undefined)
    assert.equal(match('http://local.test:8080/x/y'), 'local.test:8080/x')
    assert.equal(match('http://local.test/x'), undefined)
  })

  it('falls back to wildcard routes only when the exact host has no match', () => {
    assert.equal(match('https://other.example.com/api/v1'), '*.example.com/api')
    assert.equal(match('https://a.b.example.com/api'), '*.example.com/api')
    assert.equal(match('https://other.example.com/'), undefined)
    assert.equal(match('https://plain.example.com/api'), '*.example.com/api')
    assert.equal(match('https://plain.example.com/only/x'), 'plain.example.com/only')
  })

  it('never matches another host, a suffix or a prefix of one', () => {
    assert.equal(match('https://app.example.com.evil.example/'), undefined)
    assert.equal(match('https://xapp.example.com/admin'), undefined)
    assert.equal(match('https://example.com/api'), undefined)
  })

  it('splits paths like gorouter', () => {
    assert.deepEqual(pathSegments(''), [])
    assert.deepEqual(pathSegments('/'), [])
    assert.deepEqual(pathSegments('/A/b/'), ['a', 'b'])
    assert.deepEqual(pathSegments('//x'), ['', 'x'])
  })
})
