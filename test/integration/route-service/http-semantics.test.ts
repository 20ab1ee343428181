// research/route-service.md §6, cases 26–34, 40–41: HTTP semantics through the service, with
// streaming checked by timing events (first bytes arrive before the sender finishes), not sleeps.

import assert from 'node:assert/strict'
import {once} from 'node:events'
import http from 'node:http'

import {
  ALLOWED,
  call,
  describeEngines,
  METADATA,
  notExercised,
  rawExchange,
  SIGNATURE,
  startProxy,
  startUpstream,
  type Proxy,
  type Upstream,
} from './harness.js'

/** Route-service headers for hand-written requests. */
function routeHeaders(upstream: Upstream, path = '/x'): Record<string, string> {
  return {
    'x-cf-forwarded-url': `${upstream.origin}${path}`,
    'x-forwarded-for': ALLOWED,
    'x-cf-proxy-signature': SIGNATURE,
    'x-cf-proxy-metadata': METADATA,
  }
}

function rawRequest(upstream: Upstream, head: string, body = ''): string {
  const lines = Object.entries(routeHeaders(upstream)).map(([name, value]) => `${name}: ${value}`)
  return `${head}\r\nHost: rs.example\r\n${lines.join('\r\n')}\r\n${body}`
}

describeEngines('route-service: HTTP semantics over loopback', (engine) => {
  let upstream: Upstream
  let proxy: Proxy
  const events: string[] = []
  before(async () => {
    upstream = await startUpstream(
      (req, res) => {
        if (req.url === '/head') {
          res.writeHead(200, {'content-length': '12345678'})
          return void res.end()
        }
        if (req.url === '/stream') {
          res.writeHead(200, {'content-type': 'text/event-stream'})
          res.write('data: first\n\n')
          events.push('upstream wrote first event')
          return void setTimeout(() => res.end('data: last\n\n'), 150)
        }
        if (req.url === '/big-headers') {
          res.writeHead(200, {'x-big': 'b'.repeat(33 * 1024)})
          return void res.end()
        }
        if (req.url === '/upload') {
          let bytes = 0
          events.push('upstream request started')
          req.on('data', (chunk: Buffer) => {
            if (bytes === 0) events.push('upstream got first bytes')
            bytes += chunk.length
          })
          return void req.on('end', () => res.end(JSON.stringify({bytes, transferEncoding: req.headers['transfer-encoding'] ?? null})))
        }
        res.end('ok')
      },
      {streaming: true},
    )
    proxy = await startProxy(upstream, {}, engine)
  })
  after(async () => {
    await proxy.close()
    await upstream.close()
  })
  beforeEach(() => (events.length = 0))

  it('26: HEAD passes Content-Length on and waits for no body', async () => {
    const reply = await call(proxy, upstream.origin, {method: 'HEAD', forwardedUrl: `${upstream.origin}/head`})
    assert.equal(reply.status, 200)
    assert.equal(reply.headers['content-length'], '12345678')
    assert.equal(reply.body.length, 0)
  })

  it('27: an allowed Expect: 100-continue gets exactly one 100', async () => {
    const allowed = await rawExchange(
      proxy.port,
      rawRequest(upstream, 'POST /rs HTTP/1.1', 'Content-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n'),
      200,
    )
    assert.equal(allowed.match(/HTTP\/1\.1 100 Continue/g)?.length, 1)
  })

  it('27: a denied Expect: 100-continue gets no 100, only the 403', async function () {
    if (engine === 'nginx')
      return notExercised(
        this,
        engine,
        '`return 403 "text"` discards the request body first, and discarding answers Expect: 100-continue with 100 Continue ' +
          '(ngx_http_send_response, ngx_http_discard_request_body, ngx_http_test_expect); nginx skips the 100 only for its ' +
          'built-in error pages (ngx_http_special_response_handler), whose body is not the deny text, and no directive ' +
          'turns it off. The body is never forwarded',
      )
    const deniedRequest = rawRequest(upstream, 'POST /rs HTTP/1.1', 'Content-Length: 5\r\nExpect: 100-continue\r\n\r\n').replace(
      `x-forwarded-for: ${ALLOWED}`,
      'x-forwarded-for: 198.51.100.1',
    )
    const denied = await rawExchange(proxy.port, deniedRequest, 200)
    assert.match(denied, /^HTTP\/1\.1 403 /)
    assert.doesNotMatch(denied, / 100 Continue/)
  })

  it('28: streams a large upload: the upstream sees bytes before the client has finished', async () => {
    const size = 64 * 1024 * 1024
    const chunk = Buffer.alloc(1024 * 1024, 97)
    const req = http.request(`${proxy.url}/rs`, {
      method: 'PUT',
      agent: false,
      headers: {...routeHeaders(upstream, '/upload'), 'content-length': size},
    })
    const response = once(req, 'response')
    for (let sent = 0; sent < size; sent += chunk.length) {
      if (!req.write(chunk)) await once(req, 'drain')
      if (sent === 8 * chunk.length) events.push('client at 8 MiB')
    }
    events.push('client finished')
    req.end()
    const [res] = (await response) as [http.IncomingMessage]
    const body = JSON.parse((await res.toArray()).join(''))
    assert.equal(body.bytes, size)
    assert.ok(events.indexOf('upstream got first bytes') < events.indexOf('client finished'), events.join(' → '))
  })

  it('29: a slow fixed-length upload starts upstream at once and completes', async () => {
    const req = http.request(`${proxy.url}/rs`, {
      method: 'POST',
      agent: false,
      headers: {...routeHeaders(upstream, '/upload'), 'content-length': 5},
    })
    const response = once(req, 'response')
    req.flushHeaders()
    for (const byte of 'abcde') {
      req.write(byte)
      await new Promise((resolve) => setTimeout(resolve, 40))
    }
    events.push('client finished')
    req.end()
    const [res] = (await response) as [http.IncomingMessage]
    assert.equal(JSON.parse((await res.toArray()).join('')).bytes, 5)
    assert.deepEqual(events, ['upstream request started', 'upstream got first bytes', 'client finished'])
  })

  it('30: a chunked upload is forwarded chunked', async () => {
    const req = http.request(`${proxy.url}/rs`, {method: 'POST', agent: false, headers: routeHeaders(upstream, '/upload')})
    req.write('part one, ')
    await new Promise((resolve) => setTimeout(resolve, 50))
    req.end('part two')
    const [res] = (await once(req, 'response')) as [http.IncomingMessage]
    assert.deepEqual(JSON.parse((await res.toArray()).join('')), {bytes: 18, transferEncoding: 'chunked'})
  })

  it('31: ambiguous framing is refused by the parser and nothing is forwarded', async () => {
    const before = upstream.connections
    for (const framing of [
      'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      'Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!',
      'Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n',
    ]) {
      const reply = await rawExchange(proxy.port, rawRequest(upstream, 'POST /rs HTTP/1.1', framing))
      assert.match(reply, /^HTTP\/1\.1 400 /, framing)
    }
    assert.equal(upstream.connections, before)
  })

  it('31: a folded header line is refused by the parser', async () => {
    const before = upstream.connections
    const folded = await rawExchange(proxy.port, rawRequest(upstream, 'POST /rs HTTP/1.1', 'X-Folded: a\r\n b\r\n\r\n'))
    assert.match(folded, /^HTTP\/1\.1 400 /)
    assert.equal(upstream.connections, before)
  })

  it('31: a bare LF is refused by the parser', async function () {
    if (engine === 'nginx')
      return notExercised(
        this,
        engine,
        "nginx's parser (1.22 and 1.26 alike: ngx_http_parse_request_line, ngx_http_parse_header_line) ends a line at a bare LF, and no directive " +
          'makes it stricter; it re-frames what it forwards (CRLF), so no line boundary the upstream sees differs from its own',
      )
    const before = upstream.connections
    const bareLf = await rawExchange(
      proxy.port,
      rawRequest(upstream, 'GET /rs HTTP/1.1', '\r\n').replace('Host: rs.example\r\n', 'Host: rs.example\n'),
    )
    assert.match(bareLf, /^HTTP\/1\.1 400 /)
    assert.equal(upstream.connections, before)
  })

  it('32: a streaming response reaches the client before the upstream ends it', async () => {
    const req = http.request(`${proxy.url}/rs`, {agent: false, headers: routeHeaders(upstream, '/stream')})
    req.end()
    const [res] = (await once(req, 'response')) as [http.IncomingMessage]
    assert.equal(res.headers['content-length'], undefined)
    const [first] = (await once(res, 'data')) as [Buffer]
    events.push('client got first event')
    assert.equal(first.toString(), 'data: first\n\n')
    const rest = (await res.toArray()).join('')
    assert.equal(rest, 'data: last\n\n')
    assert.deepEqual(events, ['upstream wrote first event', 'client got first event'])
  })

  it('34: strips hop-by-hop request headers and headers named in Connection', async () => {
    const echoUpstream = await startUpstream()
    const echoProxy = await startProxy(echoUpstream)
    const raw =
      `GET /rs HTTP/1.1\r\nHost: rs\r\n${Object.entries(routeHeaders(echoUpstream))
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\n` +
      'Connection: close, X-Custom\r\nKeep-Alive: timeout=5\r\nProxy-Connection: keep-alive\r\nTE: trailers\r\nTrailer: X-T\r\nUpgrade: foo\r\n' +
      'Proxy-Authorization: Basic eA==\r\nX-Custom: dropped\r\nX-Kept: kept\r\n\r\n'
    const reply = await rawExchange(echoProxy.port, raw)
    const rawHeaders: string[] = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)).rawHeaders
    const seen = rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase())
    for (const name of ['keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'x-custom'])
      assert.ok(!seen.includes(name), name)
    assert.ok(seen.includes('x-kept'))
    await echoProxy.close()
    await echoUpstream.close()
  })

  it('40: passes a 17 KB cookie; turns response headers over 32 KiB into 502', async () => {
    const cookie = await call(proxy, upstream.origin, {headers: {cookie: `c=${'x'.repeat(17 * 1024)}`}})
    assert.equal(cookie.status, 200)
    const big = await call(proxy, upstream.origin, {forwardedUrl: `${upstream.origin}/big-headers`})
    assert.equal(big.status, 502)
  })

  it('41: refuses CONNECT and an asterisk target with 400 and a deny line: no request a route service serves', async () => {
    const before = upstream.connections
    for (const head of [`CONNECT 127.0.0.1:${upstream.port} HTTP/1.1`, 'OPTIONS * HTTP/1.1']) {
      await proxy.settled()
      const logged = proxy.logs.length
      const reply = await rawExchange(proxy.port, rawRequest(upstream, head, 'Connection: close\r\n\r\n'))
      assert.match(reply, /^HTTP\/1\.1 400 /, head)
      await proxy.settled()
      assert.deepEqual(
        proxy.logs.slice(logged).map((line) => [line.event, line.reason]),
        [['deny', 'bad-request-target']],
        head,
      )
    }
    assert.equal(upstream.connections, before)
  })

  it('41: refuses an absolute-form target', async () => {
    const before = upstream.connections
    const absolute = await rawExchange(
      proxy.port,
      rawRequest(upstream, `GET http://127.0.0.1:${upstream.port}/ HTTP/1.1`, 'Connection: close\r\n\r\n'),
    )
    assert.match(absolute, /^HTTP\/1\.1 403 /)
    assert.equal(upstream.connections, before)
  })
})
