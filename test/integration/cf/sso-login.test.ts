// Single sign-on as cloud.gov users do it (`cf login --sso`): UAA's passcode prompt, a one-time code exchanged in the
// password grant, valid once and for five minutes; and `--origin` as the login_hint query parameter.
import assert from 'node:assert/strict'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {CfAuthError, login, readConfig} from '../../../src/cf/index.js'
import {startSimulator, type Simulator} from '../../../src/sim/index.js'
import {exampleFoundation} from '../../helpers/sim.js'

async function passcodeFor(sim: Simulator, username: string): Promise<string> {
  const response = await fetch(`${sim.url}/_sim/passcode?username=${encodeURIComponent(username)}`)
  assert.equal(response.status, 200)
  return ((await response.json()) as {passcode: string}).passcode
}

const rejected = (code: string, pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof CfAuthError, String(error))
  assert.equal(error.code, code)
  assert.match(error.message, pattern)
  return true
}

describe('cf login with a one-time passcode (single sign-on) against the simulator', () => {
  let sim: Simulator
  let cfHome: string
  const file = () => join(cfHome, '.cf', 'config.json')
  const withCode = (code: string, prompts: string[] = []) => ({
    passcode: async (prompt: string) => {
      prompts.push(prompt)
      return code
    },
  })

  beforeEach(async () => {
    sim = await startSimulator({seed: exampleFoundation})
    cfHome = await mkdtemp(join(tmpdir(), 'cgx-sso-'))
  })
  afterEach(async () => {
    await sim.close()
    await rm(cfHome, {recursive: true, force: true})
  })

  it("shows UAA's passcode prompt, exchanges the code in the password grant and saves a password login", async () => {
    const code = await passcodeFor(sim, 'dev@agency-a.gov')
    const prompts: string[] = []
    const traced: string[] = []
    const result = await login({api: sim.url, credentials: withCode(code, prompts), cfHome, env: {}, trace: (block) => traced.push(block)})
    assert.deepEqual(prompts, [`Temporary Authentication Code ( Get one at ${sim.url}/uaa/passcode )`])
    assert.equal(result.user, 'dev@agency-a.gov')
    assert.equal(result.grantType, 'password')
    const config = await readConfig(file())
    assert.equal(config.UAAGrantType, 'password')
    assert.equal(config.UAAOAuthClient, 'cf')
    assert.ok(config.RefreshToken)
    assert.deepEqual(
      sim.journal.entries().map((e) => `${e.method} ${e.path}`),
      ['GET /', 'GET /uaa/login', 'POST /uaa/oauth/token'],
    )
    const form = traced.find((block) => block.includes('grant_type=password')) ?? ''
    assert.match(form, /passcode=\[PRIVATE DATA HIDDEN\]/)
    assert.ok(!traced.join('').includes(code), 'the passcode must not be traced')
  })

  it("accepts a code once: the second use gets UAA's answer in plain words and writes nothing", async () => {
    const code = await passcodeFor(sim, 'admin')
    await login({api: sim.url, credentials: withCode(code), cfHome, env: {}})
    const before = await readFile(file(), 'utf8')
    await assert.rejects(
      login({api: sim.url, credentials: withCode(code), cfHome, env: {}}),
      rejected('PASSCODE_REJECTED', /^UAA refused the one-time passcode \(Invalid passcode\)\.$/),
    )
    assert.equal(await readFile(file(), 'utf8'), before)
  })

  it('refuses a code it never issued, without echoing it', async () => {
    await assert.rejects(login({api: sim.url, credentials: withCode('NOT-A-CODE'), cfHome, env: {}}), (error: unknown) => {
      rejected('PASSCODE_REJECTED', /Invalid passcode/)(error)
      assert.doesNotMatch(String((error as Error).message), /NOT-A-CODE/)
      return true
    })
  })

  it('the passcode page issues a working code for the default user (admin)', async () => {
    const page = await (await fetch(`${sim.url}/uaa/passcode`)).text()
    const code = /<h2 id="passcode">([A-F0-9]+)<\/h2>/.exec(page)?.[1]
    assert.ok(code, page)
    const result = await login({api: sim.url, credentials: withCode(code), cfHome, env: {}})
    assert.equal(result.user, 'admin')
  })

  it("a code for an unknown user is refused by the simulator's control endpoint", async () => {
    const response = await fetch(`${sim.url}/_sim/passcode?username=nobody`)
    assert.equal(response.status, 404)
  })

  it('sends --origin as login_hint={"origin":NAME} in the token request\'s query; an unknown origin is refused', async () => {
    await login({api: sim.url, credentials: {username: 'admin', password: 'admin', origin: 'uaa'}, cfHome, env: {}})
    const token = sim.journal.entries().find((e) => e.path === '/uaa/oauth/token')
    assert.equal(new URLSearchParams(token?.query).get('login_hint'), '{"origin":"uaa"}')
    await assert.rejects(
      login({api: sim.url, credentials: {username: 'admin', password: 'admin', origin: 'ldap'}, cfHome, env: {}}),
      rejected('BAD_CREDENTIALS', /does not match an active Identity Provider/),
    )
  })
})

describe('cf login with a passcode that has expired', () => {
  let sim: Simulator
  let cfHome: string

  before(async () => {
    sim = await startSimulator({seed: exampleFoundation, passcodeLifetimeSec: 0.05})
    cfHome = await mkdtemp(join(tmpdir(), 'cgx-sso-'))
  })
  after(async () => {
    await sim.close()
    await rm(cfHome, {recursive: true, force: true})
  })

  it('refuses a code after its lifetime (five minutes on UAA; 50 ms here)', async () => {
    const code = await passcodeFor(sim, 'admin')
    await sleep(80)
    await assert.rejects(
      login({api: sim.url, credentials: {passcode: async () => code}, cfHome, env: {}}),
      rejected('PASSCODE_REJECTED', /Invalid passcode/),
    )
  })
})
