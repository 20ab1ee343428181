// research/route-service.md §6, case 33: websocket upgrades through the service (real `ws` peers).

import assert from 'node:assert/strict'
import {once} from 'node:events'
import http from 'node:http'
import type {AddressInfo} from 'node:net'

import WebSocket, {WebSocketServer} from 'ws'

import {ALLOWED, DENIED, METADATA, SIGNATURE, describeEngines, startProxy, type Proxy} from './harness.js'

describeEngines('route-service: websockets', (engine) => {
  let server: http.Server
  let port: number
  let proxy: Proxy
  const upgrades: string[] = []
  before(async () => {
    server = http.createServer()
    const wss = new WebSocketServer({server, maxPayload: 4 * 1024 * 1024})
    wss.on('connection', (socket, req) => {
      upgrades.push(req.url ?? '')
      socket.on('message', (data, isBinary) => socket.send(data, {binary: isBinary}))
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    port = (server.address() as AddressInfo).port
    // The Node engine's request timeout shortened, to show an upgraded connection is no longer a request (nginx has none).
    const timeouts = engine === 'node' ? {serverTimeouts: {requestMs: 300, headersMs: 200, checkIntervalMs: 50}} : {}
    proxy = await startProxy(undefined, {routes: [{route: `127.0.0.1:${port}`, allow: ['203.0.113.0/24']}], ...timeouts}, engine)
  })
  after(async () => {
    await proxy.close()
    server.closeAllConnections()
    server.close()
  })

  function connect(xff: string): WebSocket {
    return new WebSocket(`${proxy.url.replace('http', 'ws')}/rs`, {
      headers: {
        'x-cf-forwarded-url': `http://127.0.0.1:${port}/chat?room=1`,
        'x-forwarded-for': xff,
        'x-cf-proxy-signature': SIGNATURE,
        'x-cf-proxy-metadata': METADATA,
      },
      maxPayload: 4 * 1024 * 1024,
    })
  }

  it('proxies an allowed upgrade both ways (1 MB echo), to the forwarded path, and closes cleanly', async () => {
    const client = connect(ALLOWED)
    await once(client, 'open')
    const payload = Buffer.alloc(1024 * 1024, 7)
    client.send(payload)
    const [echo] = (await once(client, 'message')) as [Buffer]
    assert.deepEqual(Buffer.from(echo), payload)
    assert.equal(upgrades.at(-1), '/chat?room=1')
    client.close(1000, 'bye')
    const [code] = await once(client, 'close')
    assert.equal(code, 1000)
  })

  it('outlives the HTTP request timeout while idle', async () => {
    const client = connect(ALLOWED)
    await once(client, 'open')
    await new Promise((resolve) => setTimeout(resolve, 500))
    client.send('still here')
    const [echo] = await once(client, 'message')
    assert.equal(String(echo), 'still here')
    client.close()
  })

  it('denies an upgrade from a client outside the allow list with 403 before any 101', async () => {
    const before = upgrades.length
    const client = connect(DENIED)
    const [, response] = (await once(client, 'unexpected-response')) as [unknown, http.IncomingMessage]
    assert.equal(response.statusCode, 403)
    assert.equal(response.headers['cache-control'], 'no-store')
    response.resume()
    client.on('error', () => undefined).terminate()
    assert.equal(upgrades.length, before)
    await proxy.settled()
    assert.ok(proxy.logs.some((line) => line.event === 'deny' && line.client === DENIED))
  })
})
