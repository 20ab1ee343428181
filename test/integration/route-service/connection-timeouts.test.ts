// Connections that hold a slot without making progress are closed: silent from the start (first byte), trickling
// headers (slowloris), idle between requests (keep-alive); a request that keeps moving is never cut.

import assert from 'node:assert/strict'
import {once} from 'node:events'
import http from 'node:http'
import net from 'node:net'

import {ALLOWED, METADATA, SIGNATURE, startProxy, startUpstream, type Proxy, type Upstream} from './harness.js'

const FIRST_BYTE_MS = 200
const HEADERS_MS = 800
const KEEP_ALIVE_MS = 300
/** Node holds an idle keep-alive connection this much longer than keepAliveTimeout (HTTP_SERVER_KEEP_ALIVE_TIMEOUT_BUFFER). */
const NODE_KEEP_ALIVE_BUFFER_MS = 1000
/** Timers and the connections check are not exact; a close later than this is a failure. */
const LATE_MS = 400

interface Closed {
  readonly afterMs: number
  readonly received: string
}

/** Resolves when the server closes `socket`, with how long after `since` and what it sent. */
async function closedBy(socket: net.Socket, since: number): Promise<Closed> {
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
  socket.on('error', () => undefined)
  await once(socket, 'close')
  return {afterMs: Date.now() - since, received}
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1')
  await once(socket, 'connect')
  return socket
}

function assertClosedNear(closed: Closed, expectedMs: number, what: string): void {
  assert.ok(closed.afterMs >= expectedMs - 20, `${what} closed too early, after ${closed.afterMs} ms`)
  assert.ok(closed.afterMs < expectedMs + LATE_MS, `${what} closed too late, after ${closed.afterMs} ms`)
}

describe('route-service: connection timeouts', () => {
  let upstream: Upstream
  let proxy: Proxy
  before(async () => {
    upstream = await startUpstream((_req, res, body) => setTimeout(() => res.end(`received ${body.length}`), 2 * FIRST_BYTE_MS))
    proxy = await startProxy(upstream, {
      serverTimeouts: {firstByteMs: FIRST_BYTE_MS, headersMs: HEADERS_MS, keepAliveMs: KEEP_ALIVE_MS, checkIntervalMs: 20},
    })
  })
  after(async () => {
    await proxy.close()
    await upstream.close()
  })

  it('closes connections that send nothing at the first-byte timeout', async () => {
    const started = Date.now()
    const sockets = await Promise.all(Array.from({length: 20}, () => connect(proxy.port)))
    const closed = await Promise.all(sockets.map((socket) => closedBy(socket, started)))
    for (const each of closed) assertClosedNear(each, FIRST_BYTE_MS, 'a silent connection')
  })

  it('cuts a slowloris trickling header bytes (each well inside the first-byte timeout) at the headers timeout, with 408', async () => {
    const socket = await connect(proxy.port)
    const started = Date.now()
    const bytes = Buffer.from('GET /rs HTTP/1.1\r\nHost: rs\r\nX-Slow: ' + 'a'.repeat(100))
    let sent = 0
    const trickle = setInterval(
      () => socket.writable && sent < bytes.length && socket.write(bytes.subarray(sent, ++sent)),
      FIRST_BYTE_MS / 4,
    )
    try {
      const closed = await closedBy(socket, started)
      assertClosedNear(closed, HEADERS_MS, 'a slowloris connection')
      assert.match(closed.received, /^HTTP\/1\.1 408 /)
    } finally {
      clearInterval(trickle)
    }
  })

  it('closes a keep-alive connection idle after its response at the idle timeout', async () => {
    const socket = await connect(proxy.port)
    socket.write('GET /_health HTTP/1.1\r\nHost: rs\r\n\r\n')
    let answered = 0
    const answer = new Promise<void>((resolve) => socket.once('data', () => resolve()))
    const closing = answer.then(() => {
      answered = Date.now()
      return closedBy(socket, answered)
    })
    const closed = await closing
    assert.ok(answered > 0)
    assertClosedNear(closed, KEEP_ALIVE_MS + NODE_KEEP_ALIVE_BUFFER_MS, 'an idle keep-alive connection')
  })

  it('does not cut a long upload that keeps sending, nor its wait for a slow answer', async () => {
    const req = http.request(`${proxy.url}/rs`, {
      method: 'PUT',
      agent: false,
      headers: {
        'x-cf-forwarded-url': `${upstream.origin}/upload`,
        'x-forwarded-for': ALLOWED,
        'x-cf-proxy-signature': SIGNATURE,
        'x-cf-proxy-metadata': METADATA,
      },
    })
    const response = once(req, 'response') as Promise<[http.IncomingMessage]>
    const chunk = Buffer.alloc(1024, 'u')
    const chunks = Math.ceil((2 * HEADERS_MS) / (FIRST_BYTE_MS / 4))
    for (let i = 0; i < chunks; i++) {
      req.write(chunk)
      await new Promise((resolve) => setTimeout(resolve, FIRST_BYTE_MS / 4))
    }
    req.end()
    const [res] = await response
    let text = ''
    for await (const part of res) text += String(part)
    assert.deepEqual([res.statusCode, text], [200, `received ${chunks * chunk.length}`])
  })
})
