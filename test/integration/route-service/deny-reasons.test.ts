// One deny line per refused request, with the same reason on both engines: the verdict's order (decide() in
// domain/allowlist/decision.ts) is what the nginx engine compiles into its ladder of facts.

import assert from 'node:assert/strict'

import {
  ALLOWED,
  call,
  DENIED,
  describeEngines,
  rawExchange,
  startProxy,
  startUpstream,
  type CallOptions,
  type Proxy,
  type Upstream,
} from './harness.js'

describeEngines('route-service: deny reasons', (engine) => {
  let upstream: Upstream
  let proxy: Proxy
  before(async () => {
    upstream = await startUpstream()
    // Two platform hops: the loopback socket peer, then a 10.0.0.0/8 router; the client third from the right.
    proxy = await startProxy(
      upstream,
      {
        hops: ['127.0.0.0/8', '10.0.0.0/8'],
        routes: [
          {route: `127.0.0.1:${upstream.port}`, allow: ['203.0.113.0/24']},
          {
            route: `127.0.0.1:${upstream.port}/secret`,
            allow: ['203.0.113.0/24'],
            headerSecret: {header: 'X-Edge', value: 'edge-secret-value-1234'},
          },
        ],
      },
      engine,
    )
  })
  after(async () => {
    await proxy.close()
    await upstream.close()
  })

  async function reasonOf(options: CallOptions): Promise<unknown> {
    await proxy.settled()
    proxy.logs.length = 0
    const before = upstream.connections
    const reply = await call(proxy, upstream.origin, options)
    assert.equal(reply.status, 403, JSON.stringify(options))
    assert.equal(upstream.connections, before, 'nothing may be forwarded')
    await proxy.settled()
    assert.equal(proxy.logs.length, 1, JSON.stringify(proxy.logs))
    assert.equal(proxy.logs[0].event, 'deny')
    return proxy.logs[0].reason
  }

  it('names the first fact that fails, in the same order on both engines', async () => {
    const chain = (client: string) => `${client}, 10.0.0.7`
    assert.equal(await reasonOf({forwardedUrl: null, xff: chain(ALLOWED)}), 'forwarded-url-missing')
    assert.equal(await reasonOf({signature: false, xff: chain(ALLOWED)}), 'signature-missing')
    assert.equal(await reasonOf({forwardedUrl: `${upstream.origin}/a b`, xff: chain(ALLOWED)}), 'forwarded-url-malformed')
    assert.equal(await reasonOf({forwardedUrl: 'https://elsewhere.example/', xff: chain(ALLOWED)}), 'route-not-in-policy')
    assert.equal(await reasonOf({xff: null}), 'chain-short')
    assert.equal(await reasonOf({xff: `${ALLOWED}, 192.0.2.1`}), 'hop-mismatch')
    assert.equal(await reasonOf({xff: chain('010.1.1.1')}), 'client-invalid')
    assert.equal(await reasonOf({xff: chain(DENIED)}), 'address-not-allowed')
    assert.equal(
      await reasonOf({forwardedUrl: `${upstream.origin}/secret/x`, xff: chain(ALLOWED), headers: {'x-edge': 'edge-secret-value-123'}}),
      'secret-mismatch',
    )
    const allowed = await call(proxy, upstream.origin, {
      forwardedUrl: `${upstream.origin}/secret/x`,
      xff: chain(ALLOWED),
      headers: {'x-edge': 'edge-secret-value-1234'},
    })
    assert.equal(allowed.status, 200)
    assert.ok(!proxy.logText().includes('edge-secret-value'), 'no secret in any log line')
  })

  it('refuses an absolute-form request target as bad-request-target', async () => {
    await proxy.settled()
    proxy.logs.length = 0
    const reply = await rawExchange(proxy.port, `GET ${upstream.origin}/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
    assert.match(reply, /^HTTP\/1\.1 403 /)
    await proxy.settled()
    assert.deepEqual(
      proxy.logs.map((line) => line.reason),
      ['bad-request-target'],
    )
  })
})
