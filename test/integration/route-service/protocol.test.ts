// research/route-service.md §6, cases 16–25 and 43–44: the route-service protocol over loopback.

import assert from 'node:assert/strict'
import {gzipSync} from 'node:zlib'

import {
  ALLOWED,
  call,
  DENIED,
  describeEngines,
  echoed,
  headerLines,
  METADATA,
  notExercised,
  send,
  SIGNATURE,
  startProxy,
  startUpstream,
  type Proxy,
  type Upstream,
} from './harness.js'

describeEngines('route-service: protocol over loopback', (engine) => {
  let upstream: Upstream
  let proxy: Proxy
  before(async () => {
    upstream = await startUpstream((req, res, body) => {
      if (req.url === '/cookies') {
        res.writeHead(200, [
          'Set-Cookie',
          'a=1; Max-Age=60',
          'Set-Cookie',
          'b=2; HttpOnly',
          'WWW-Authenticate',
          'Basic',
          'WWW-Authenticate',
          'Bearer',
          'Location',
          'https://elsewhere.example/x',
          'Proxy-Authenticate',
          'Basic',
          'Keep-Alive',
          'timeout=5',
          'Connection',
          'X-Hop',
          'X-Hop',
          'drop me',
          'X-CF-Proxy-Signature',
          SIGNATURE,
        ])
        return void res.end()
      }
      if (req.url === '/text') {
        res.writeHead(200, {'content-type': 'text/plain'})
        return void res.end('text in a charset the app does not name')
      }
      if (req.url === '/gzip') {
        res.writeHead(200, {'content-encoding': 'gzip'})
        return void res.end(gzipSync('hello'))
      }
      if (req.url?.startsWith('/status/')) {
        res.writeHead(Number(req.url.slice(8)), {location: '/next'})
        return void res.end()
      }
      const reply = {method: req.method, url: req.url, rawHeaders: req.rawHeaders, body: body.toString('latin1')}
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(reply))
    })
    proxy = await startProxy(upstream, {instanceHeader: 'XX-CF-APP-INSTANCE'}, engine)
  })
  after(async () => {
    await proxy.close()
    await upstream.close()
  })

  async function denied(options: Parameters<typeof call>[2]): Promise<void> {
    const before = upstream.connections
    const reply = await call(proxy, upstream.origin, options)
    assert.equal(reply.status, 403, JSON.stringify(options))
    assert.equal(upstream.connections, before, 'nothing may be forwarded')
  }

  it('16–17: refuses a missing forwarded URL and missing signature headers', async () => {
    await denied({forwardedUrl: null})
    await denied({signature: false})
    await denied({signature: false, headers: {'x-cf-proxy-signature': SIGNATURE}})
  })

  it('17: refuses a doubled forwarded URL', async () => {
    await denied({forwardedUrl: [`${upstream.origin}/a`, `${upstream.origin}/a`]})
  })

  it('18–19: forwards only to routes in the policy, whatever the URL says', async () => {
    for (const forwardedUrl of [
      'http://169.254.169.254/latest/meta-data/',
      'http://localhost:8080/',
      'https://x.apps.internal/',
      'https://evil.example/',
      proxy.url,
      `http://127.0.0.1:${upstream.port}@evil.example/`,
      `http://evil.example\\@127.0.0.1:${upstream.port}/`,
      `http://127.0.0.1:${upstream.port}.evil.example/`,
      `http://127.0.0.1:${upstream.port + 1}/`,
      `file:///etc/passwd`,
      `gopher://127.0.0.1:${upstream.port}/`,
      `ftp://127.0.0.1:${upstream.port}/`,
      `http://xn--allwed-fua.example/`,
    ]) {
      await denied({forwardedUrl})
    }
    await proxy.settled()
    assert.equal(proxy.logs.filter((line) => line.reason === 'route-not-in-policy').length > 0, true)
  })

  it('20: sends the raw path and query byte for byte, never the route-service URL of its own', async () => {
    for (const pathAndQuery of ['/a%2Fb', '/a/../b', '//double', '/caf%C3%A9', '/x?a=1&a=2&b=', '/x?', '/x;p=1']) {
      const reply = await call(proxy, upstream.origin, {path: '/p/policy?x=1', forwardedUrl: `${upstream.origin}${pathAndQuery}`})
      assert.equal(reply.status, 200)
      assert.equal(echoed(reply).url, pathAndQuery)
    }
  })

  it('21, 24: passes the signature, end-to-end and repeated headers unchanged; Host is the forwarded host', async () => {
    const reply = await call(proxy, upstream.origin, {
      headers: {
        'x-forwarded-proto': 'https',
        'x-vcap-request-id': 'vcap-1',
        b3: 'abc-def-1',
        'x-b3-traceid': 't1',
        traceparent: '00-aa-bb-01',
        tracestate: 'k=v',
        'x-forwarded-client-cert': 'Hash=1',
        cookie: ['a=1', 'b=2'],
        authorization: 'Bearer app-token',
        'x-cf-applicationid': 'route-service-app',
        'x-cf-instanceid': 'rs-instance',
        'x-cf-instanceindex': '0',
        'xx-cf-app-instance': 'app-guid:1',
      },
    })
    assert.equal(reply.status, 200)
    const seen = echoed(reply).rawHeaders
    assert.deepEqual(headerLines(seen, 'x-cf-proxy-signature'), [SIGNATURE])
    assert.deepEqual(headerLines(seen, 'x-cf-proxy-metadata'), [METADATA])
    assert.deepEqual(headerLines(seen, 'host'), [`127.0.0.1:${upstream.port}`])
    assert.deepEqual(headerLines(seen, 'x-forwarded-for'), [ALLOWED])
    for (const [name, value] of [
      ['x-forwarded-proto', 'https'],
      ['x-vcap-request-id', 'vcap-1'],
      ['b3', 'abc-def-1'],
      ['x-b3-traceid', 't1'],
      ['traceparent', '00-aa-bb-01'],
      ['tracestate', 'k=v'],
      ['x-forwarded-client-cert', 'Hash=1'],
      ['authorization', 'Bearer app-token'],
    ]) {
      assert.deepEqual(headerLines(seen, name), [value], name)
    }
    assert.deepEqual(headerLines(seen, 'cookie'), ['a=1; b=2'])
    assert.deepEqual(headerLines(seen, 'x-cf-applicationid'), [])
    assert.deepEqual(headerLines(seen, 'x-cf-instanceid'), [])
    assert.deepEqual(headerLines(seen, 'x-cf-instanceindex'), [])
    assert.deepEqual(headerLines(seen, 'x-cf-app-instance'), ['app-guid:1'])
    assert.deepEqual(headerLines(seen, 'xx-cf-app-instance'), [])
  })

  it('22–23: never logs or echoes the signature, metadata, cookies or Authorization', async () => {
    const headers = {cookie: 'session=cookie-secret', authorization: 'Bearer authz-secret', 'x-vcap-request-id': 'r1'}
    const deniedReply = await call(proxy, upstream.origin, {xff: `<script>alert(1)</script>, ${DENIED}`, headers})
    assert.equal(deniedReply.status, 403)
    assert.equal(deniedReply.headers['cache-control'], 'no-store')
    assert.match(deniedReply.headers['content-type'] ?? '', /^text\/plain/)
    assert.match(deniedReply.text, /cgx allowlist route service/)
    for (const secret of [SIGNATURE, METADATA, 'cookie-secret', 'authz-secret', DENIED, 'script']) {
      assert.ok(!deniedReply.text.includes(secret), secret)
    }
    await call(proxy, upstream.origin, {headers})
    await call(proxy, upstream.origin, {xff: `<script>, ${ALLOWED}`, forwardedUrl: 'https://evil.example/', headers})
    await proxy.settled()
    const logged = proxy.logText()
    assert.ok(logged.length > 0)
    for (const secret of [SIGNATURE, METADATA, 'cookie-secret', 'authz-secret']) assert.ok(!logged.includes(secret), secret)
  })

  it('25: passes responses through: cookies, repeated headers, Location, encodings; strips hop-by-hop and the signature', async () => {
    const reply = await call(proxy, upstream.origin, {forwardedUrl: `${upstream.origin}/cookies`})
    assert.deepEqual(headerLines(reply.rawHeaders, 'set-cookie'), ['a=1; Max-Age=60', 'b=2; HttpOnly'])
    assert.deepEqual(headerLines(reply.rawHeaders, 'www-authenticate'), ['Basic', 'Bearer'])
    assert.deepEqual(headerLines(reply.rawHeaders, 'location'), ['https://elsewhere.example/x'])
    for (const name of ['proxy-authenticate', 'x-cf-proxy-signature']) assert.deepEqual(headerLines(reply.rawHeaders, name), [], name)
    assert.notEqual(headerLines(reply.rawHeaders, 'keep-alive')[0], 'timeout=5')
    const text = await call(proxy, upstream.origin, {forwardedUrl: `${upstream.origin}/text`})
    assert.deepEqual(headerLines(text.rawHeaders, 'content-type'), ['text/plain'], 'no charset added to what the app sent')
    const gzip = await call(proxy, upstream.origin, {forwardedUrl: `${upstream.origin}/gzip`, headers: {'accept-encoding': 'gzip'}})
    assert.equal(gzip.headers['content-encoding'], 'gzip')
    assert.deepEqual(gzip.body, gzipSync('hello'))
    for (const status of [204, 304, 301, 302]) {
      const redirect = await call(proxy, upstream.origin, {forwardedUrl: `${upstream.origin}/status/${status}`})
      assert.equal(redirect.status, status)
      assert.equal(redirect.body.length, 0)
      assert.equal(redirect.headers.location, '/next')
    }
  })

  it('25: strips response headers the upstream names in Connection', async function () {
    if (engine === 'nginx')
      return notExercised(
        this,
        engine,
        'nginx hides only headers its configuration names (proxy_hide_header takes no variable, and no core directive drops a ' +
          'header named at run time); gorouter strips Connection-named headers before either engine sees them',
      )
    const reply = await call(proxy, upstream.origin, {forwardedUrl: `${upstream.origin}/cookies`})
    assert.deepEqual(headerLines(reply.rawHeaders, 'x-hop'), [])
  })

  it('41: forwards every method with its body', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND']) {
      const reply = await call(proxy, upstream.origin, {method, body: `body of ${method}`})
      assert.equal(echoed(reply).method, method)
      assert.equal(echoed(reply).body, `body of ${method}`)
    }
  })

  it('answers /_health itself, and only without a forwarded URL', async () => {
    const health = await send(proxy.url, {method: 'GET', path: '/_health', headers: {}})
    assert.equal(health.status, 200)
    assert.equal(health.text, 'ok\n')
    const through = await call(proxy, upstream.origin, {path: '/_health', xff: DENIED})
    assert.equal(through.status, 403)
    const forwarded = await call(proxy, upstream.origin, {path: '/_health', forwardedUrl: `${upstream.origin}/_health`})
    assert.equal(echoed(forwarded).url, '/_health', "an app's own /_health is proxied")
  })

  it('44: has no calibrate endpoint unless switched on', async () => {
    const direct = await send(proxy.url, {method: 'GET', path: '/_cgx/calibrate', headers: {}})
    assert.equal(direct.status, 403)
    const routed = await call(proxy, upstream.origin, {forwardedUrl: `${upstream.origin}/_cgx/calibrate`})
    assert.equal(echoed(routed).url, '/_cgx/calibrate')
  })
})

describe('route-service: calibrate diagnostic (switched on)', () => {
  let upstream: Upstream
  let proxy: Proxy
  before(async () => {
    upstream = await startUpstream()
    proxy = await startProxy(upstream, {
      calibrate: true,
      routes: [{route: '127.0.0.1', allow: ['203.0.113.0/24'], headerSecret: {header: 'X-Edge', value: 'edge-secret-value-1234'}}],
    })
  })
  after(async () => {
    await proxy.close()
    await upstream.close()
  })

  it('shows the chain with positions and the verdict, redacts secrets, never forwards', async () => {
    const reply = await call(proxy, upstream.origin, {
      forwardedUrl: 'https://127.0.0.1/_cgx/calibrate',
      xff: `198.51.100.1, ${ALLOWED}`,
      headers: {authorization: 'Bearer authz-secret', cookie: 'c=cookie-secret', 'x-edge': 'edge-secret-value-1234'},
    })
    assert.equal(reply.status, 200)
    assert.deepEqual(
      [reply.headers['content-type'], reply.headers['x-content-type-options'], reply.headers['cache-control']],
      ['application/json', 'nosniff', 'no-store'],
    )
    assert.equal(upstream.connections, 0)
    const report = JSON.parse(reply.text)
    assert.equal(report.clientPosition, 1)
    assert.deepEqual(
      report.chain.map((entry: {address: string; role: string}) => [entry.address, entry.role]),
      [
        ['127.0.0.1', 'hop'],
        [ALLOWED, 'client'],
        ['198.51.100.1', 'ignored'],
      ],
    )
    assert.equal(report.chain[0].matches, true)
    assert.equal(report.verdict.allowed, true)
    assert.equal(report.headers['x-cf-proxy-signature'], '[redacted]')
    for (const secret of [SIGNATURE, METADATA, 'authz-secret', 'cookie-secret', 'edge-secret-value-1234'])
      assert.ok(!reply.text.includes(secret), secret)
  })
})
