// research/route-service.md §6, cases 24 (TLS), 35–37: upstream failures, client aborts, slowloris.

import assert from 'node:assert/strict'
import {once} from 'node:events'
import {readFileSync} from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net, {type AddressInfo} from 'node:net'

import {
  ALLOWED,
  call,
  describeEngines,
  METADATA,
  notExercised,
  SIGNATURE,
  startProxy,
  startUpstream,
  type Proxy,
  type Upstream,
} from './harness.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/route-service/${name}`, import.meta.url))

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const closed = net.createServer()
  closed.listen(0, '127.0.0.1')
  await once(closed, 'listening')
  const port = (closed.address() as AddressInfo).port
  closed.close()
  return port
}

describeEngines('route-service: upstream failures', (engine) => {
  it('35: refused connection → 502 and a log line, reset after headers → torn connection', async () => {
    const refusedPort = await closedPort()
    const upstream = await startUpstream((_req, res) => {
      res.writeHead(200, {'content-length': '100'})
      res.write('partial')
      setTimeout(() => res.socket?.destroy(), 20)
    })
    const proxy = await startProxy(
      upstream,
      {
        routes: [
          {route: `127.0.0.1:${upstream.port}`, allow: ['203.0.113.0/24']},
          {route: `127.0.0.1:${refusedPort}`, allow: ['203.0.113.0/24']},
        ],
      },
      engine,
    )
    try {
      const refused = await call(proxy, '', {forwardedUrl: `http://127.0.0.1:${refusedPort}/`})
      assert.equal(refused.status, 502)
      assert.match(refused.text, /Bad gateway/)
      await assert.rejects(call(proxy, '', {forwardedUrl: `${upstream.origin}/reset`}), /aborted|socket hang up|ECONNRESET/)
      await proxy.settled()
      const errors = proxy.logs.filter((line) => line.event === 'upstream-error')
      assert.deepEqual(errors.map((line) => [line.status, line.route]).slice(0, 1), [[502, `127.0.0.1:${refusedPort}`]])
    } finally {
      await proxy.close()
      await upstream.close()
    }
  })

  it('35: no response headers in time → 504 and a log line naming the timeout', async () => {
    const upstream = await startUpstream((_req, res) => void setTimeout(() => res.end('late'), 2000).unref())
    // One silence bound for headers and body: nginx has one timer for both (proxy_read_timeout).
    const proxy = await startProxy(upstream, {upstreamTimeouts: {headersMs: 100, bodyIdleMs: 100}}, engine)
    try {
      const slow = await call(proxy, '', {forwardedUrl: `${upstream.origin}/slow`})
      assert.equal(slow.status, 504)
      assert.match(slow.text, /Gateway timeout/)
      await proxy.settled()
      assert.deepEqual(
        proxy.logs.filter((line) => line.event === 'upstream-error').map((line) => [line.status, line.reason, line.route]),
        [[504, 'upstream-timeout', `127.0.0.1:${upstream.port}`]],
      )
    } finally {
      await proxy.close()
      await upstream.close()
    }
  })

  it('names why an upstream failed (the Node engine sees the error code)', async function () {
    if (engine === 'nginx')
      return notExercised(
        this,
        engine,
        'no access-log variable carries the socket error ($upstream_status is 502, $upstream_header_time "-"); only ' +
          "nginx's error_log names it, kept at crit because those lines quote the upstream URL and its query",
      )
    const refusedPort = await closedPort()
    const slow = await startUpstream((_req, res) => void setTimeout(() => res.end('late'), 2000).unref())
    const routes = [refusedPort, slow.port].map((port) => ({route: `127.0.0.1:${port}`, allow: ['203.0.113.0/24']}))
    const proxy = await startProxy(undefined, {routes, upstreamTimeouts: {headersMs: 100}}, engine)
    try {
      await call(proxy, '', {forwardedUrl: `http://127.0.0.1:${refusedPort}/`})
      await call(proxy, '', {forwardedUrl: `${slow.origin}/slow`})
      assert.deepEqual(
        proxy.logs.filter((line) => line.event === 'upstream-error').map((line) => [line.reason, line.error]),
        [
          ['upstream-unreachable', 'ECONNREFUSED'],
          ['upstream-timeout', 'UND_ERR_HEADERS_TIMEOUT'],
        ],
      )
    } finally {
      await proxy.close()
      await slow.close()
    }
  })

  async function tlsUpstream(): Promise<{port: number; close(): void}> {
    const server = https.createServer({cert: fixture('upstream-cert.pem'), key: fixture('upstream-key.pem')}, (_req, res) =>
      res.end('secure'),
    )
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    return {port: (server.address() as AddressInfo).port, close: () => (server.closeAllConnections(), server.close())}
  }

  it('24: verifies upstream TLS: an untrusted certificate is a 502', async () => {
    const upstream = await tlsUpstream()
    const strict = await startProxy(undefined, {routes: [{route: `127.0.0.1:${upstream.port}`, allow: ['203.0.113.0/24']}]}, engine)
    try {
      const refused = await call(strict, '', {forwardedUrl: `https://127.0.0.1:${upstream.port}/`})
      assert.equal(refused.status, 502)
      await strict.settled()
      const logged = strict.logs.find((line) => line.event === 'upstream-error')
      assert.equal(logged?.status, 502)
      assert.equal(logged?.reason, 'upstream-unreachable')
      // Only Node sees the failure's code (see "names why an upstream failed").
      if (engine === 'node') assert.match(String(logged?.error), /SELF_SIGNED|CERT/)
    } finally {
      await strict.close()
      upstream.close()
    }
  })

  it('24: verifies upstream TLS: a trusted certificate works', async () => {
    const upstream = await tlsUpstream()
    // By address: nginx resolves a name only through DNS (not /etc/hosts), and checks the certificate's DNS names only
    // (X509_check_host), so the fixture carries 127.0.0.1 both as an IP and as a DNS name.
    const routes = [`127.0.0.1:${upstream.port}`, ...(engine === 'node' ? [`localhost:${upstream.port}`] : [])]
    const trusting = await startProxy(
      undefined,
      {routes: routes.map((route) => ({route, allow: ['203.0.113.0/24']})), upstreamTls: {ca: fixture('upstream-cert.pem')}},
      engine,
    )
    try {
      for (const route of routes) {
        const ok = await call(trusting, '', {forwardedUrl: `https://${route}/`})
        assert.equal(ok.status, 200, route)
        assert.equal(ok.text, 'secure')
      }
    } finally {
      await trusting.close()
      upstream.close()
    }
  })
})

describe('route-service: clients that go away or never finish', () => {
  let upstream: Upstream
  let proxy: Proxy
  let upstreamOpen = 0
  before(async () => {
    upstream = await startUpstream(
      (_req, res) => {
        res.writeHead(200, {'content-type': 'text/plain'})
        res.write('x'.repeat(1024))
      },
      {streaming: true},
    )
    upstream.server.on('connection', (socket) => {
      upstreamOpen++
      socket.on('close', () => upstreamOpen--)
    })
    proxy = await startProxy(upstream, {serverTimeouts: {headersMs: 300, requestMs: 600, checkIntervalMs: 50}})
  })
  after(async () => {
    await proxy.close()
    await upstream.close()
  })

  async function waitFor(condition: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
    assert.ok(condition(), what)
  }

  it('36: a client abort mid-download aborts the upstream request; sockets return to baseline', async () => {
    for (let round = 0; round < 50; round++) {
      const req = http.request(`${proxy.url}/rs`, {
        agent: false,
        headers: {
          'x-cf-forwarded-url': `${upstream.origin}/`,
          'x-forwarded-for': ALLOWED,
          'x-cf-proxy-signature': SIGNATURE,
          'x-cf-proxy-metadata': METADATA,
        },
      })
      req.on('error', () => undefined)
      req.end()
      const [res] = (await once(req, 'response')) as [http.IncomingMessage]
      await once(res, 'data')
      req.destroy()
    }
    await waitFor(() => upstreamOpen === 0, `upstream connections left open: ${upstreamOpen}`)
  })

  it('37: slowloris connections are closed at the headers timeout and do not block others', async () => {
    const sockets = await Promise.all(
      Array.from({length: 50}, async () => {
        const socket = net.connect(proxy.port, '127.0.0.1')
        await once(socket, 'connect')
        socket.write('GET /rs HTTP/1.1\r\nHost: rs\r\nX-Slow: ')
        const answer = {received: ''}
        socket.on('error', () => undefined).on('data', (chunk: Buffer) => (answer.received += chunk.toString()))
        return {socket, answer}
      }),
    )
    const health = await fetch(`${proxy.url}/_health`)
    assert.equal(health.status, 200)
    const answers = await Promise.all(
      sockets.map(async ({socket, answer}) => {
        if (!socket.destroyed) await once(socket, 'close')
        return answer.received
      }),
    )
    assert.ok(
      answers.every((answer) => answer.startsWith('HTTP/1.1 408 ')),
      answers[0],
    )
  })
})
