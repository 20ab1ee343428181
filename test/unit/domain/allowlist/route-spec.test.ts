import assert from 'node:assert/strict'

import {formatRouteSpec, parseRouteSpec, routeKey} from '../../../../src/domain/allowlist/route-spec.js'

describe('domain/allowlist route specs', () => {
  const cases: Array<[string, string | RegExp]> = [
    ['app.example.com', 'app.example.com'],
    ['APP.Example.com/Api/V1/', 'app.example.com/Api/V1'],
    ['127.0.0.1:8080/', '127.0.0.1:8080'],
    ['*.apps.example.com/x', '*.apps.example.com/x'],
    ['https://app.example.com', /is a URL/],
    ['app..example.com', /valid host/],
    ['-app.example.com', /valid host/],
    ['app.example.com:0', /invalid port/],
    ['app.example.com:65536', /invalid port/],
    ['app.example.com/a?b', /query/],
    ['app.example.com/a b', /characters/],
    ['app.example.com/a%zz', /characters/],
    ['app.example.com/a//b', /empty path segment/],
    ['a.*.example.com', /valid host/],
  ]
  for (const [input, expected] of cases) {
    it(`${input} → ${expected}`, () => {
      const result = parseRouteSpec(input)
      if (typeof expected === 'string') {
        assert.ok('spec' in result, JSON.stringify(result))
        assert.equal(formatRouteSpec(result.spec), expected)
      } else {
        assert.ok('error' in result)
        assert.match(result.error, expected)
      }
    })
  }

  it('keys routes the way the router compares them', () => {
    const key = (text: string) => {
      const result = parseRouteSpec(text)
      assert.ok('spec' in result)
      return routeKey(result.spec)
    }
    assert.equal(key('A.example/Admin'), key('a.example/admin/'))
    assert.notEqual(key('a.example/admin'), key('a.example/admins'))
  })
})
