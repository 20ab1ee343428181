// research/route-service.md §6, cases 24 (TLS), 35–37: upstream failures, client aborts, slowloris.

import assert from 'node:assert/strict'
import {once} from 'node:events'
import {readFileSync} from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net, {type AddressInfo} from 'node:net'

import {ALLOWED, call, METADATA, SIGNATURE, startProxy, startUpstream, type Proxy, type Upstream} from './harness.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/route-service/${name}`, import.meta.url))

describe('route-service: upstream failures', () => {
  it('35: refused connection → 502, no response headers in time → 504, reset after headers → torn connection', async () => {
    const closed = net.createServer()
    closed.listen(0, '127.0.0.1')
    await once(closed, 'listening')
    const refusedPort = (closed.address() as AddressInfo).port
    closed.close()
    const upstream = await startUpstream((req, res) => {
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000).unref()
      res.writeHead(200, {'content-length': '100'})
      res.write('partial')
      setTimeout(() => res.socket?.destroy(), 20)
    })
    const proxy = await startProxy(upstream, {
      upstreamTimeouts: {headersMs: 100},
      routes: [{route: `127.0.0.1:${upstream.port}`, allow: ['203.0.113.0/24']}, {route: `127.0.0.1:${refusedPort}`, allow: ['203.0.113.0/24']}],
    })
    try {
      const refused = await call(proxy, '', {forwardedUrl: `http://127.0.0.1:${refusedPort}/`})
      assert.equal(refused.status, 502)
      assert.match(refused.text, /Bad gateway/)
      const slow = await call(proxy, '', {forwardedUrl: `${upstream.origin}/slow`})
      assert.equal(slow.status, 504)
      await assert.rejects(call(proxy, '', {forwardedUrl: `${upstream.origin}/reset`}), /aborted|socket hang up|ECONNRESET/)
      const errors = proxy.logs.filter((line) => line.event === 'upstream-error').map((line) => [line.status, line.error])
      assert.deepEqual(errors.slice(0, 2), [[502, 'ECONNREFUSED'], [504, 'UND_ERR_HEADERS_TIMEOUT']])
    } finally {
      await proxy.close()
      await upstream.close()
    }
  })

  it('24: verifies upstream TLS: a trusted certificate works, an untrusted one is a 502', async () => {
    const tlsUpstream = https.createServer({cert: fixture('upstream-cert.pem'), key: fixture('upstream-key.pem')}, (_req, res) => res.end('secure'))
    tlsUpstream.listen(0, '127.0.0.1')
    await once(tlsUpstream, 'listening')
    const port = (tlsUpstream.address() as AddressInfo).port
    const routes = [{route: `localhost:${port}`, allow: ['203.0.113.0/24']}]
    const trusting = await startProxy(undefined, {routes, upstreamTls: {ca: fixture('upstream-cert.pem')}})
    const strict = await startProxy(undefined, {routes})
    try {
      const ok = await call(trusting, '', {forwardedUrl: `https://localhost:${port}/`})
      assert.equal(ok.status, 200)
      assert.equal(ok.text, 'secure')
      const refused = await call(strict, '', {forwardedUrl: `https://localhost:${port}/`})
      assert.equal(refused.status, 502)
      assert.match(String(strict.logs.find((line) => line.event === 'upstream-error')?.error), /SELF_SIGNED|CERT/)
    } finally {
      await trusting.close()
      await strict.close()
      tlsUpstream.closeAllConnections()
      tlsUpstream.close()
    }
  })
})

describe('route-service: clients that go away or never finish', () => {
  let upstream: Upstream
  let proxy: Proxy
  let upstreamOpen = 0
  before(async () => {
    upstream = await startUpstream((_req, res) => {
      res.writeHead(200, {'content-type': 'text/plain'})
      res.write('x'.repeat(1024))
    }, {streaming: true})
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
        headers: {'x-cf-forwarded-url': `${upstream.origin}/`, 'x-forwarded-for': ALLOWED, 'x-cf-proxy-signature': SIGNATURE, 'x-cf-proxy-metadata': METADATA},
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
    const sockets = await Promise.all(Array.from({length: 50}, async () => {
      const socket = net.connect(proxy.port, '127.0.0.1')
      await once(socket, 'connect')
      socket.write('GET /rs HTTP/1.1\r\nHost: rs\r\nX-Slow: ')
      const answer = {received: ''}
      socket.on('error', () => undefined).on('data', (chunk: Buffer) => (answer.received += chunk.toString()))
      return {socket, answer}
    }))
    const health = await fetch(`${proxy.url}/_health`)
    assert.equal(health.status, 200)
    const answers = await Promise.all(sockets.map(async ({socket, answer}) => {
      if (!socket.destroyed) await once(socket, 'close')
      return answer.received
    }))
    assert.ok(answers.every((answer) => answer.startsWith('HTTP/1.1 408 ')), answers[0])
  })
})
