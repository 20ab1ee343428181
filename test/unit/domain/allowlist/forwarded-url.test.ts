import assert from 'node:assert/strict'

import {parseForwardedUrl} from '../../../../src/domain/allowlist/forwarded-url.js'

describe('domain/allowlist parseForwardedUrl', () => {
  it('keeps path and query byte for byte', () => {
    for (const pathAndQuery of ['/a%2Fb', '/a/../b', '//double', '/caf%C3%A9', '/x?a=1&a=2&b=', '/x?', '/x;p=1?q', '/?%zz"']) {
      const target = parseForwardedUrl(`https://app.example.com${pathAndQuery}`)
      assert.equal(target?.pathAndQuery, pathAndQuery)
    }
  })

  it('normalises scheme, host case and default ports only', () => {
    assert.deepEqual(parseForwardedUrl('HTTPS://App.Example.COM:443'), {
      scheme: 'https',
      host: 'app.example.com',
      port: 443,
      origin: 'https://app.example.com',
      path: '',
      pathAndQuery: '/',
    })
    const target = parseForwardedUrl('http://127.0.0.1:8080?x=1')
    assert.equal(target?.origin, 'http://127.0.0.1:8080')
    assert.equal(target?.pathAndQuery, '/?x=1')
  })

  it('refuses every form two URL parsers could read differently', () => {
    for (const text of [
      'https://allowed.host@evil.example/',
      'https://evil.example\\@allowed.host/',
      'https://user:pw@allowed.host/',
      'https://[::1]/',
      'https://allowéd.host/',
      'https://allowed.host/caf\u00e9',
      'https://allowed.host/a b',
      'https://allowed.host/a#frag',
      'https://allowed.host/a%2',
      'https://allowed.host:0/',
      'https://allowed.host:65536/',
      'https://allowed.host:0443/',
      'https://allowed.host/x"y',
      'file:///etc/passwd',
      'gopher://allowed.host/',
      'ftp://allowed.host/',
      '//allowed.host/',
      'allowed.host/',
      'https://allowed.host/x\r\nX-Injected: 1',
      ' https://allowed.host/',
      'https://allowed.host*x',
      '',
    ]) {
      assert.equal(parseForwardedUrl(text), undefined, text)
    }
  })
})
