import assert from 'node:assert/strict'

import {compilePolicy, decide, parsePolicy} from '../../../src/domain/allowlist/index.js'
import {inspectRequest, joinedHeader} from '../../../src/route-service/passes/inspect.js'
import {calibrationReport} from '../../../src/route-service/passes/local-answers.js'
import {clientResponseHeaders, upstreamRequestHeaders} from '../../../src/route-service/passes/rewrite-headers.js'
import {gatewayStatus} from '../../../src/route-service/upstream.js'

const request = (rawHeaders: string[], remoteAddress = '127.0.0.1') => ({rawHeaders, socket: {remoteAddress}})
const buffers = (flat: string[]) => flat.map((text) => Buffer.from(text, 'latin1'))

describe('route-service inspectRequest', () => {
  it('collects every forwarded-for and forwarded-url line, signature presence, request id and body', () => {
    const inspected = inspectRequest(
      request([
        'X-Forwarded-For',
        '1.1.1.1',
        'x-cf-forwarded-url',
        'https://a/',
        'X-Forwarded-For',
        '2.2.2.2',
        'X-CF-Forwarded-Url',
        'https://b/',
        'X-CF-Proxy-Signature',
        'sig',
        'X-CF-Proxy-Metadata',
        '',
        'X-Vcap-Request-Id',
        'r1',
        'Content-Length',
        '3',
      ]),
    )
    assert.deepEqual(inspected.facts.forwardedFor, ['1.1.1.1', '2.2.2.2'])
    assert.deepEqual(inspected.facts.forwardedUrls, ['https://a/', 'https://b/'])
    assert.equal(inspected.facts.hasSignature, true)
    assert.equal(inspected.facts.hasMetadata, false, 'an empty metadata header is missing')
    assert.equal(inspected.requestId, 'r1')
    assert.equal(inspected.hasBody, true)
    assert.equal(inspected.connectionTokens, undefined)
  })

  it('knows when there is no body, and which headers Connection names', () => {
    const inspected = inspectRequest(request(['Content-Length', '0', 'Connection', 'keep-alive, X-A', 'connection', 'Upgrade,x-b']))
    assert.equal(inspected.hasBody, false)
    assert.deepEqual([...inspected.connectionTokens!], ['x-a', 'x-b'])
    assert.equal(inspectRequest(request(['Transfer-Encoding', 'chunked'])).hasBody, true)
  })

  it('joins repeated headers for the secret check', () => {
    assert.equal(joinedHeader(['X-S', 'a', 'x-s', 'b'], 'x-s'), 'a, b')
    assert.equal(joinedHeader(['X-S', 'a'], 'x-t'), undefined)
  })
})

describe('route-service upstreamRequestHeaders', () => {
  it('keeps end-to-end headers in order with duplicates, drops hop-by-hop, secrets and our own IDs', () => {
    const raw = [
      'Host',
      'rs.example',
      'Cookie',
      'a=1',
      'Connection',
      'X-Custom, X-Forwarded-For, X-CF-Proxy-Signature',
      'X-Custom',
      'x',
      'Cookie',
      'b=2',
      'TE',
      'trailers',
      'Expect',
      '100-continue',
      'Transfer-Encoding',
      'chunked',
      'X-Forwarded-For',
      '1.1.1.1',
      'X-CF-Proxy-Signature',
      'sig',
      'X-Edge-Secret',
      's',
      'X-CF-InstanceIndex',
      '0',
      'XX-CF-APP-INSTANCE',
      'guid:1',
      'Proxy-Authorization',
      'p',
    ]
    const out = upstreamRequestHeaders(raw, {
      connectionTokens: new Set(['x-custom', 'x-forwarded-for', 'x-cf-proxy-signature']),
      secretHeaders: new Set(['x-edge-secret']),
      instanceHeader: 'xx-cf-app-instance',
    })
    assert.deepEqual(out, [
      'Cookie',
      'a=1',
      'Cookie',
      'b=2',
      'X-Forwarded-For',
      '1.1.1.1',
      'X-CF-Proxy-Signature',
      'sig',
      'X-CF-APP-INSTANCE',
      'guid:1',
    ])
  })
})

describe('route-service clientResponseHeaders', () => {
  it('keeps repeated Set-Cookie and spelling, drops hop-by-hop, named headers and reflected signatures', () => {
    const raw = buffers([
      'Set-Cookie',
      'a=1',
      'Connection',
      'keep-alive, X-Hop',
      'X-Hop',
      'h',
      'Transfer-Encoding',
      'chunked',
      'Set-Cookie',
      'b=2',
      'Proxy-Authenticate',
      'Basic',
      'x-cf-proxy-signature',
      'sig',
      'Location',
      '/next',
    ])
    assert.deepEqual(clientResponseHeaders(raw), ['Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'Location', '/next'])
  })
})

describe('route-service gatewayStatus', () => {
  it('is 504 for timeouts and 502 for everything else', () => {
    assert.equal(gatewayStatus(Object.assign(new Error('t'), {code: 'UND_ERR_HEADERS_TIMEOUT'})), 504)
    assert.equal(gatewayStatus(Object.assign(new Error('t'), {code: 'UND_ERR_CONNECT_TIMEOUT'})), 504)
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UND_ERR_SOCKET', undefined]) {
      assert.equal(gatewayStatus(Object.assign(new Error('e'), {code})), 502)
    }
  })
})

describe('route-service calibrationReport', () => {
  it('shows positions from the right with their roles and redacts secret headers', () => {
    const {policy} = parsePolicy({
      hops: ['127.0.0.1', '10.0.0.0/8'],
      routes: [{route: 'a.example', allow: ['203.0.113.0/24'], headerSecret: {header: 'x-edge', value: 'edge-secret-1234567'}}],
    })
    const compiled = compilePolicy(policy!)
    const raw = [
      'X-Forwarded-For',
      '9.9.9.9, 203.0.113.9, 10.1.1.1',
      'X-CF-Forwarded-Url',
      'https://a.example/_cgx/calibrate',
      'X-CF-Proxy-Signature',
      'sig-secret',
      'X-CF-Proxy-Metadata',
      'meta-secret',
      'Authorization',
      'Bearer t',
      'Cookie',
      'c=1',
      'X-Edge',
      'edge-secret-1234567',
    ]
    const inspected = inspectRequest(request(raw))
    const report = calibrationReport(raw, inspected, compiled, decide(inspected.facts, compiled))
    assert.deepEqual(
      report.chain.map((entry) => [entry.address, entry.role, entry.matches]),
      [
        ['127.0.0.1', 'hop', true],
        ['10.1.1.1', 'hop', true],
        ['203.0.113.9', 'client', undefined],
        ['9.9.9.9', 'ignored', undefined],
      ],
    )
    assert.equal(report.clientPosition, 2)
    assert.equal(report.verdict.allowed, true)
    const text = JSON.stringify(report)
    for (const secret of ['sig-secret', 'meta-secret', 'Bearer t', 'c=1', 'edge-secret-1234567']) assert.ok(!text.includes(secret), secret)
  })
})
