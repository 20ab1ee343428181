import assert from 'node:assert/strict'
import {mkdtemp, readFile, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {CfAuthError, createCfClientFromConfig, login, readConfig, setTarget, writeConfig} from '../../../src/cf/index.js'
import {startSimulator, type Simulator} from '../../../src/sim/index.js'

describe('cf login, target and client from config (against the simulator)', () => {
  let sim: Simulator
  let cfHome: string
  const file = () => join(cfHome, '.cf', 'config.json')

  beforeEach(async () => {
    sim = await startSimulator({})
    cfHome = await mkdtemp(join(tmpdir(), 'cgx-login-'))
  })
  afterEach(async () => {
    await sim.close()
    await rm(cfHome, {recursive: true, force: true})
  })

  it('discovers UAA, logs in with a password and writes a cf-compatible config', async () => {
    const result = await login({api: sim.url, credentials: {username: 'admin', password: 'admin'}, cfHome, env: {}})
    assert.equal(result.user, 'admin')
    assert.equal(result.grantType, 'password')
    const config = await readConfig(file())
    assert.equal(config.ConfigVersion, 4)
    assert.equal(config.Target, sim.url)
    assert.equal(config.UaaEndpoint, `${sim.url}/uaa`)
    assert.match(config.AccessToken ?? '', /^bearer ey/)
    assert.ok(config.RefreshToken)
    assert.equal(config.UAAGrantType, 'password')
    assert.equal(config.UAAOAuthClient, 'cf')
    assert.equal(config.APIVersion, '3.228.0')
    assert.equal((await stat(file())).mode & 0o777, 0o600)
    const calls = sim.journal.entries().map((e) => `${e.method} ${e.path}`)
    assert.deepEqual(calls, ['GET /', 'POST /uaa/oauth/token'])
  })

  it('stores no secret for a client-credentials login, and says how to renew when the token expires', async () => {
    await login({api: sim.url, credentials: {clientId: 'admin', clientSecret: 'admin-secret'}, cfHome, env: {}})
    const config = await readConfig(file())
    assert.equal(config.UAAGrantType, 'client_credentials')
    assert.equal(config.UAAOAuthClient, 'admin')
    assert.equal(config.UAAOAuthClientSecret, '')
    assert.ok(!(await readFile(file(), 'utf8')).includes('admin-secret'))
    await writeConfig(file(), {...config, AccessToken: 'bearer expired'})
    const client = await createCfClientFromConfig({cfHome, env: {}})
    try {
      await assert.rejects(client.organizations.listAll(), (error: unknown) => {
        assert.ok(error instanceof CfAuthError)
        assert.equal(error.code, 'CLIENT_SECRET_NEEDED')
        assert.match(error.remedy, /CF_CLIENT_SECRET/)
        return true
      })
    } finally {
      client.close()
    }
  })

  it('re-authenticates a saved client-credentials login from CF_CLIENT_SECRET, writing nothing', async () => {
    await login({api: sim.url, credentials: {clientId: 'admin', clientSecret: 'admin-secret'}, cfHome, env: {}})
    const before = {...(await readConfig(file())), AccessToken: 'bearer expired'}
    await writeConfig(file(), before)
    const client = await createCfClientFromConfig({cfHome, env: {CF_CLIENT_SECRET: 'admin-secret'}})
    try {
      assert.ok(Array.isArray(await client.isolationSegments.listAll()))
      assert.equal(client.currentUser(), 'admin')
    } finally {
      client.close()
    }
    assert.equal((await readConfig(file())).AccessToken, 'bearer expired')
  })

  it('rejects bad credentials with BAD_CREDENTIALS and writes nothing', async () => {
    await assert.rejects(login({api: sim.url, credentials: {username: 'admin', password: 'wrong'}, cfHome, env: {}}), (error: unknown) => {
      assert.ok(error instanceof CfAuthError)
      assert.equal(error.code, 'BAD_CREDENTIALS')
      assert.ok(!error.message.includes('wrong'))
      return true
    })
    await assert.rejects(stat(file()), /ENOENT/)
  })

  it('clears org and space when logging in to another API, keeps them for the same one', async () => {
    await login({api: sim.url, credentials: {username: 'admin', password: 'admin'}, cfHome, env: {}})
    await setTarget({cfHome, env: {}, organization: {guid: 'o-1', name: 'org'}, space: {guid: 's-1', name: 'space'}})
    const again = await login({api: sim.url, credentials: {username: 'admin', password: 'admin'}, cfHome, env: {}})
    assert.equal(again.targetChanged, false)
    assert.equal((await readConfig(file())).SpaceFields?.GUID, 's-1')

    const other = await startSimulator({})
    try {
      const moved = await login({api: other.url, credentials: {username: 'admin', password: 'admin'}, cfHome, env: {}})
      assert.equal(moved.targetChanged, true)
      const config = await readConfig(file())
      assert.deepEqual(config.OrganizationFields, {GUID: '', Name: ''})
      assert.equal(config.SpaceFields?.GUID, '')
    } finally {
      await other.close()
    }
  })

  it('setTarget clears the space when the org changes', async () => {
    await login({api: sim.url, credentials: {username: 'admin', password: 'admin'}, cfHome, env: {}})
    await setTarget({cfHome, env: {}, organization: {guid: 'o-1', name: 'a'}, space: {guid: 's-1', name: 'x', allowSsh: true}})
    const after = await setTarget({cfHome, env: {}, organization: {guid: 'o-2', name: 'b'}})
    assert.deepEqual(after.organization, {GUID: 'o-2', Name: 'b'})
    assert.deepEqual(after.space, {GUID: '', Name: '', AllowSSH: false})
    const client = await createCfClientFromConfig({cfHome, env: {}})
    client.close()
    assert.deepEqual(client.target, {api: sim.url, organization: {guid: 'o-2', name: 'b'}, space: undefined})
  })

  it('uses CF_API with CF_USERNAME/CF_PASSWORD without any config file, and writes none', async () => {
    const client = await createCfClientFromConfig({cfHome, env: {CF_API: sim.url, CF_USERNAME: 'admin', CF_PASSWORD: 'admin'}})
    try {
      assert.ok((await client.isolationSegments.listAll()).some((segment) => segment.name === 'shared'))
    } finally {
      client.close()
    }
    await assert.rejects(stat(file()), /ENOENT/)
  })

  it('says NOT_LOGGED_IN without a target, or when CF_API names another API than the saved login', async () => {
    await assert.rejects(
      createCfClientFromConfig({cfHome, env: {}}),
      (error: unknown) => error instanceof CfAuthError && error.code === 'NOT_LOGGED_IN',
    )
    await login({api: sim.url, credentials: {username: 'admin', password: 'admin'}, cfHome, env: {}})
    await assert.rejects(createCfClientFromConfig({cfHome, env: {CF_API: 'https://api.elsewhere.example'}}), /saved login is for/)
  })
})
