// A client that stops reading holds the upstream back: the service keeps no more than its socket
// buffers of a response in memory, and the whole body arrives once the client reads again.

import assert from 'node:assert/strict'
import {once} from 'node:events'
import http from 'node:http'

import {ALLOWED, METADATA, SIGNATURE, describeEngines, startProxy, startUpstream, type Proxy, type Upstream} from './harness.js'

const TOTAL = 64 * 1024 * 1024
const CHUNK = Buffer.alloc(1024 * 1024, 98)

describeEngines('route-service: response backpressure', (engine) => {
  let upstream: Upstream
  let proxy: Proxy
  let written = 0
  before(async () => {
    upstream = await startUpstream(
      (_req, res) => {
        res.writeHead(200, {'content-length': TOTAL})
        const pump = () => {
          while (written < TOTAL) {
            written += CHUNK.length
            if (!res.write(CHUNK)) return void res.once('drain', pump)
          }
          res.end()
        }
        pump()
      },
      {streaming: true},
    )
    proxy = await startProxy(upstream, {}, engine)
  })
  after(async () => {
    await proxy.close()
    await upstream.close()
  })

  it('stops the upstream while the client does not read, then delivers every byte', async () => {
    const headers = {
      'x-cf-forwarded-url': `${upstream.origin}/download`,
      'x-forwarded-for': ALLOWED,
      'x-cf-proxy-signature': SIGNATURE,
      'x-cf-proxy-metadata': METADATA,
    }
    const req = http.request(`${proxy.url}/rs`, {agent: false, headers})
    req.end()
    const [res] = (await once(req, 'response')) as [http.IncomingMessage]
    res.pause()
    // Until the upstream makes no progress for a while (or has written everything, which fails below).
    for (let before = -1; written !== before && written < TOTAL;) {
      before = written
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
    assert.ok(written < TOTAL * 0.75, `the upstream wrote ${written} of ${TOTAL} bytes to a client that read nothing`)
    let received = 0
    for await (const chunk of res) received += (chunk as Buffer).length
    assert.equal(received, TOTAL)
  })
})
