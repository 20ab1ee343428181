import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {
  createTraceWriter,
  formatTraceRequest,
  formatTraceResponse,
  PRIVATE_DATA,
  redactForm,
  redactJson,
  redactText,
} from '../../../src/cf/trace.js'

const at = Date.UTC(2026, 2, 2, 19, 5, 11)
const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJ1c2VyX25hbWUiOiJhZG1pbiJ9.c2ln'

describe('CF_TRACE formatting', () => {
  it('prints a request block like the cf CLI, with Authorization hidden and headers sorted', () => {
    const text = formatTraceRequest({
      timeMs: at,
      method: 'post',
      url: 'https://api.example.gov/v3/isolation_segments?names=a%2Cb',
      headers: {'User-Agent': 'cgx/1', Authorization: `bearer ${jwt}`, 'Content-Type': 'application/json'},
      body: {kind: 'json', value: {name: 'seg', metadata: {annotations: {'cgx.cloud.gov/private-networks': '10.0.0.0/8'}}}},
    })
    const lines = text.split('\n')
    assert.equal(lines[0], 'REQUEST: [2026-03-02T19:05:11Z]')
    assert.equal(lines[1], 'POST /v3/isolation_segments?names=a%2Cb HTTP/1.1')
    assert.deepEqual(lines.slice(2, 6), [
      'Authorization: [PRIVATE DATA HIDDEN]',
      'Content-Type: application/json',
      'Host: api.example.gov',
      'User-Agent: cgx/1',
    ])
    assert.ok(text.includes('"cgx.cloud.gov/private-networks": "10.0.0.0/8"'))
    assert.ok(!text.includes(jwt))
  })

  it('prints a response block with Set-Cookie hidden and tokens in the body redacted', () => {
    const text = formatTraceResponse({
      timeMs: at,
      status: 200,
      statusText: 'OK',
      headers: {'set-cookie': 'session=s3cret', 'x-vcap-request-id': 'req-1'},
      body: {kind: 'json', value: {access_token: jwt, refresh_token: 'r-123', token_type: 'bearer', scope: 'cloud_controller.read'}},
    })
    assert.ok(
      text.startsWith('RESPONSE: [2026-03-02T19:05:11Z]\nHTTP/1.1 200 OK\nSet-Cookie: [PRIVATE DATA HIDDEN]\nX-Vcap-Request-Id: req-1\n'),
    )
    assert.ok(!text.includes('r-123') && !text.includes('s3cret') && !text.includes(jwt))
    assert.ok(text.includes('"scope": "cloud_controller.read"'))
    assert.ok(text.includes('"token_type": "[PRIVATE DATA HIDDEN]"'))
  })

  it('redacts secret-named keys at any depth, including credentials and env vars', () => {
    const redacted = redactJson({
      name: 'ups',
      credentials: {user: 'u', uri: 'postgres://u:p@db'},
      var: {DB_PASSWORD: 'p', CLIENT_SECRET: 's', PLAIN: 'ok'},
      list: [{password: 'p'}],
    })
    assert.deepEqual(redacted, {
      name: 'ups',
      credentials: PRIVATE_DATA,
      var: {DB_PASSWORD: PRIVATE_DATA, CLIENT_SECRET: PRIVATE_DATA, PLAIN: 'ok'},
      list: [{password: PRIVATE_DATA}],
    })
  })

  it('redacts password, secret and token fields of form bodies', () => {
    assert.equal(
      redactForm('grant_type=password&username=admin&password=hunter2'),
      `grant_type=password&username=admin&password=${PRIVATE_DATA}`,
    )
    assert.equal(
      redactForm('grant_type=refresh_token&refresh_token=abc&client_id=x&client_secret=y'),
      `grant_type=refresh_token&refresh_token=${PRIVATE_DATA}&client_id=x&client_secret=${PRIVATE_DATA}`,
    )
  })

  it('hides bearer tokens and bare JWTs in free text', () => {
    assert.equal(redactText(`header bearer ${jwt} tail`), `header bearer ${PRIVATE_DATA} tail`)
    assert.equal(redactText(`token=${jwt}`), `token=${PRIVATE_DATA}`)
  })

  it('shows multipart bodies as hidden content', () => {
    const text = formatTraceRequest({
      timeMs: at,
      method: 'POST',
      url: 'http://h/v3/packages/p/upload',
      headers: {},
      body: {kind: 'hidden', contentType: 'multipart/form-data'},
    })
    assert.ok(text.includes('[multipart/form-data Content Hidden]'))
  })
})

describe('CF_TRACE file', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cgx-trace-'))
  })
  afterEach(() => rmSync(dir, {recursive: true, force: true}))
  const targets = () => ({stderr: () => {}, cwd: dir})

  it('is created (mode 0600) when the writer is, before any request, and appended to', () => {
    const write = createTraceWriter('trace.log', targets())
    assert.equal(statSync(join(dir, 'trace.log')).mode & 0o777, 0o600)
    write?.('REQUEST: one')
    assert.equal(readFileSync(join(dir, 'trace.log'), 'utf8'), 'REQUEST: one\n')
  })

  it('that cannot be written fails at once with CfTraceFileError, saying why in words', () => {
    assert.throws(() => createTraceWriter(dir, targets()), {
      name: 'CfTraceFileError',
      message: `Cannot write the CF_TRACE file ${dir}: it is a directory.`,
    })
    const missing = join(dir, 'missing', 'trace.log')
    assert.throws(() => createTraceWriter(missing, targets()), {
      name: 'CfTraceFileError',
      message: `Cannot write the CF_TRACE file ${missing}: the folder it goes in does not exist.`,
    })
  })
})
