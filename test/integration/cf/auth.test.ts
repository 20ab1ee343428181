import assert from 'node:assert/strict'
import {readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {CfAuthError, createTraceWriter, login, readConfig, writeConfig} from '../../../src/cf/index.js'
import {startHarness, type Harness} from './helpers.js'

/** A JWT the simulator will not accept (wrong signature), with the expiry we want the client to see. */
function forgedToken(expSec: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `bearer ${part({alg: 'HS256', typ: 'JWT'})}.${part({exp: expSec, user_name: 'admin', client_id: 'cf'})}.Zm9yZ2Vk`
}

const nowSec = () => Math.floor(Date.now() / 1000)

describe('cf token refresh against the simulator', () => {
  let h: Harness
  const file = () => join(h.cfHome, '.cf', 'config.json')
  const tokenCalls = () => h.sim.journal.entries().filter((e) => e.path === '/uaa/oauth/token')

  beforeEach(async () => {
    h = await startHarness({seed: {isolation_segments: [{name: 'seg-a'}]}})
  })
  afterEach(() => h.close())

  it('refreshes an expired token once, before the request, and writes the new tokens back', async () => {
    const saved = await readConfig(file())
    await writeConfig(file(), {...saved, AccessToken: forgedToken(nowSec() - 10)})
    const client = await h.client()
    const before = tokenCalls().length
    await Promise.all([client.isolationSegments.listAll(), client.organizations.listAll(), client.spaces.listAll()])
    assert.equal(tokenCalls().length - before, 1)
    assert.ok(h.sim.journal.entries().every((e) => e.status !== 401))
    const written = await readConfig(file())
    assert.match(written.AccessToken ?? '', /^bearer ey/)
    assert.notEqual(written.AccessToken, forgedToken(nowSec() - 10))
    assert.notEqual(written.RefreshToken, saved.RefreshToken)
    assert.equal(written.Target, saved.Target)
  })

  it('refreshes once on 401 CF-InvalidAuthToken and repeats the request', async () => {
    await writeConfig(file(), {...(await readConfig(file())), AccessToken: forgedToken(nowSec() + 3600)})
    const client = await h.client()
    const since = h.sim.journal.entries().length
    const segments = await client.isolationSegments.listAll()
    assert.ok(segments.some((segment) => segment.name === 'seg-a'))
    const calls = h.sim.journal
      .entries()
      .slice(since)
      .map((e) => `${e.method} ${e.path} ${e.status}`)
    assert.deepEqual(calls, ['GET /v3/isolation_segments 401', 'POST /uaa/oauth/token 200', 'GET /v3/isolation_segments 200'])
    assert.match((await readConfig(file())).AccessToken ?? '', /^bearer ey/)
  })

  it('gives CfAuthError REFRESH_FAILED when the API rejects the token and UAA the refresh token', async () => {
    await writeConfig(file(), {...(await readConfig(file())), AccessToken: forgedToken(nowSec() + 3600), RefreshToken: 'revoked-r'})
    const client = await h.client()
    await assert.rejects(client.isolationSegments.listAll(), (error: unknown) => {
      assert.ok(error instanceof CfAuthError)
      assert.equal(error.code, 'REFRESH_FAILED')
      assert.match(error.remedy, /cgx login/)
      return true
    })
    assert.equal(h.sim.journal.entries().filter((e) => e.path === '/v3/isolation_segments').length, 1)
  })

  it('says NOT_LOGGED_IN when the saved login has no tokens at all', async () => {
    await writeConfig(file(), {...(await readConfig(file())), AccessToken: '', RefreshToken: ''})
    const client = await h.client()
    await assert.rejects(
      client.isolationSegments.listAll(),
      (error: unknown) => error instanceof CfAuthError && error.code === 'NOT_LOGGED_IN',
    )
  })

  it('writes CF_TRACE to a file without any token, password or secret', async () => {
    const trace = join(h.cfHome, 'trace.log')
    await login({
      api: h.sim.url,
      credentials: {username: 'admin', password: 'admin'},
      cfHome: h.cfHome,
      env: {},
      trace: createTraceWriter(trace, {stderr: () => {}, cwd: h.cfHome}),
    })
    await writeConfig(file(), {...(await readConfig(file())), AccessToken: forgedToken(nowSec() - 10)})
    const client = await h.client({trace: 'trace.log', cwd: h.cfHome})
    await client.isolationSegments.listAll()
    const saved = await readConfig(file())
    const text = await readFile(trace, 'utf8')
    assert.match(text, /^REQUEST: \[/m)
    assert.match(text, /^GET \/v3\/isolation_segments\?per_page=5000 HTTP\/1\.1$/m)
    assert.match(text, /^POST \/uaa\/oauth\/token HTTP\/1\.1$/m)
    assert.match(text, /^RESPONSE: \[/m)
    assert.match(text, /Authorization: \[PRIVATE DATA HIDDEN\]/)
    assert.match(text, /password=\[PRIVATE DATA HIDDEN\]/)
    for (const secret of [saved.AccessToken?.slice(7) ?? 'x', saved.RefreshToken ?? 'x', 'password=admin', 'Basic Y2Y6']) {
      assert.ok(!text.includes(secret), `trace leaks ${secret.slice(0, 12)}…`)
    }
    assert.ok(!/eyJ[\w-]+\.[\w-]+\./.test(text), 'no JWT in the trace')
    assert.equal((await stat(trace)).mode & 0o777, 0o600)
  })
})
