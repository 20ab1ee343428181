// research/route-service.md §6, cases 1–13 and 15, over loopback: who the client is, and that a
// denied request never reaches the upstream.

import assert from 'node:assert/strict'

import {ALLOWED, call, DENIED, describeEngines, startProxy, startUpstream, type Proxy, type Upstream} from './harness.js'

describeEngines('route-service: client address over loopback', (engine) => {
  let upstream: Upstream
  let proxy: Proxy
  before(async () => {
    upstream = await startUpstream()
    proxy = await startProxy(upstream, {}, engine)
  })
  after(async () => {
    await proxy.close()
    await upstream.close()
  })

  async function expectDenied(xff: string | string[] | null, headers: Record<string, string> = {}): Promise<void> {
    const before = upstream.connections
    const reply = await call(proxy, upstream.origin, {xff, headers})
    assert.equal(reply.status, 403, `X-Forwarded-For ${JSON.stringify(xff).slice(-80)}`)
    assert.equal(upstream.connections, before, 'a denied request must not reach the upstream')
  }

  async function expectAllowed(xff: string | string[]): Promise<void> {
    const reply = await call(proxy, upstream.origin, {xff})
    assert.equal(reply.status, 200, `X-Forwarded-For ${JSON.stringify(xff).slice(-80)}: ${reply.text.slice(0, 200)}`)
  }

  it('allows the client right after the platform hops', async () => {
    await expectAllowed(ALLOWED)
  })

  it('1–3: denies leftmost, any-entry and forged-hop spoofs', async () => {
    await expectDenied(`${ALLOWED}, ${DENIED}`)
    await expectDenied(`${ALLOWED}, 10.0.0.1, ${ALLOWED}, ${DENIED}`)
    await expectDenied(`${ALLOWED}, 127.0.0.1, ${DENIED}`)
  })

  it('5: denies missing, empty and blank chains without falling back to the socket peer', async () => {
    await expectDenied(null)
    await expectDenied('')
    await expectDenied(' , ,')
  })

  it('6–7, 10: denies anything at the client position that is not a strict IP', async () => {
    for (const entry of [
      'unknown',
      '203.0.113.9:80',
      '[2001:db8::1]',
      '203.0.113.9.',
      '127.1',
      '0177.0.0.1',
      '0x7f.0.0.1',
      '010.1.1.1',
      'fe80::1%eth0',
    ]) {
      await expectDenied(`${ALLOWED}, ${entry}`)
    }
    await expectAllowed(`garbage, <script>, ${ALLOWED}`)
  })

  it('8–9: matches IPv6 in every spelling and IPv4-mapped clients', async () => {
    for (const client of [
      '2001:DB8::1',
      '2001:db8:0:0::1',
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      '::ffff:203.0.113.5',
      '::ffff:cb00:7105',
    ]) {
      await expectAllowed(client)
    }
    await expectDenied('2001:db9::1')
    await expectDenied('::ffff:198.51.100.66')
  })

  it('11: joins several X-Forwarded-For lines in wire order', async () => {
    await expectAllowed([DENIED, ALLOWED])
    await expectDenied([ALLOWED, DENIED])
  })

  it('12: ignores Forwarded, X-Real-IP and other client-address headers', async () => {
    await expectDenied(DENIED, {
      forwarded: `for=${ALLOWED}`,
      'x-real-ip': ALLOWED,
      'true-client-ip': ALLOWED,
      'x-client-ip': ALLOWED,
      'cf-connecting-ip': ALLOWED,
    })
  })

  it('13: a Connection header cannot drop X-Forwarded-For or the signature headers', async () => {
    await expectDenied(DENIED, {connection: 'x-forwarded-for, x-cf-proxy-signature'})
    const reply = await call(proxy, upstream.origin, {
      headers: {connection: 'X-Forwarded-For, X-CF-Proxy-Signature, X-Custom'},
      xff: ALLOWED,
    })
    assert.equal(reply.status, 200)
    const seen = upstream.requests.at(-1)!.rawHeaders.map((h) => h.toLowerCase())
    assert.ok(seen.includes('x-forwarded-for'))
    assert.ok(seen.includes('x-cf-proxy-signature'))
    assert.ok(!seen.includes('connection') || !seen.includes('x-custom'))
    assert.ok(!seen.some((h) => h.includes('x-forwarded-for,')))
  })

  it('15: decides a 7,000-entry header quickly, and refuses more than 64 KiB of headers', async () => {
    const huge = `${Array.from({length: 7_000}, () => '1.1.1.1').join(',')},${ALLOWED}`
    assert.ok(huge.length > 50_000 && huge.length < 64 * 1024 - 1024)
    const started = process.hrtime.bigint()
    await expectAllowed(huge)
    assert.ok(process.hrtime.bigint() - started < 1_000_000_000n)
    const reply = await call(proxy, upstream.origin, {xff: ALLOWED, headers: {'x-padding': 'a'.repeat(70 * 1024)}})
    assert.equal(reply.status, 431)
  })

  it('logs each denial as one JSON line with time, route, client, reason and request id', async () => {
    await proxy.settled()
    proxy.logs.length = 0
    await call(proxy, upstream.origin, {xff: DENIED, headers: {'x-vcap-request-id': 'req-123'}})
    await proxy.settled()
    assert.equal(proxy.logs.length, 1)
    const line = proxy.logs[0]
    assert.equal(line.event, 'deny')
    assert.equal(line.reason, 'address-not-allowed')
    assert.equal(line.client, DENIED)
    assert.equal(line.route, `127.0.0.1:${upstream.port}`)
    assert.equal(line.requestId, 'req-123')
    assert.match(String(line.time), /^\d{4}-\d\d-\d\dT/)
  })
})
