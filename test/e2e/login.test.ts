import assert from 'node:assert/strict'
import {lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, statSync, symlinkSync} from 'node:fs'
import path from 'node:path'

import {parseEnvelope, runCli, tempCfHome} from '../helpers/cli.js'
import {useSimulator, writesIn} from '../helpers/sim.js'

type Target = {api: string; user?: string; org?: string; space?: string}

describe('e2e: login and target', () => {
  const sim = useSimulator({tokenLifetimeSec: 30})
  let home: ReturnType<typeof tempCfHome>
  const env = () => ({CF_HOME: home.cfHome})
  const configFile = () => path.join(home.cfHome, '.cf', 'config.json')
  const readConfig = () => JSON.parse(readFileSync(configFile(), 'utf8'))

  beforeEach(() => {
    home = tempCfHome()
    sim().journal.clear()
  })
  afterEach(() => home.cleanup())

  it('logs in, targets an org and space, and shows the target as JSON', async () => {
    const login = await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin'], {env: env()})
    assert.equal(login.exitCode, 0, login.stderr)
    assert.match(login.stdout, /API endpoint\s+http:\/\/127\.0\.0\.1/)

    const target = await runCli(['target', '-o', 'agency-a', '-s', 'prod'], {env: env()})
    assert.equal(target.exitCode, 0, target.stderr)

    const shown = parseEnvelope<Target>(await runCli(['target', '--json'], {env: env()}))
    assert.deepEqual(
      {status: shown.status, org: shown.result.org, space: shown.result.space, user: shown.result.user, api: shown.result.api},
      {status: 0, org: 'agency-a', space: 'prod', user: 'admin', api: sim().url},
    )
  })

  it('writes a config the cf CLI reads: ConfigVersion 4, a bearer token, mode 0600', async () => {
    const login = await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin', '-o', 'agency-a', '-s', 'dev'], {env: env()})
    assert.equal(login.exitCode, 0, login.stderr)
    const config = readConfig()
    assert.equal(config.ConfigVersion, 4)
    assert.match(config.AccessToken, /^bearer [\w-]+\.[\w-]+\.[\w-]+$/)
    assert.equal(config.Target, sim().url)
    assert.deepEqual(config.OrganizationFields.Name, 'agency-a')
    assert.deepEqual(config.SpaceFields.Name, 'dev')
    assert.equal(statSync(configFile()).mode & 0o777, 0o600)
  })

  it('refuses a bad password with a clear error, exit 1, and leaves the config as it was', async () => {
    await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin'], {env: env()})
    const before = readFileSync(configFile(), 'utf8')
    const result = await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'not-the-password'], {env: env()})
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /Error: UAA rejected the credentials for user 'admin'/)
    assert.doesNotMatch(result.stderr + result.stdout, /not-the-password/)
    assert.equal(readFileSync(configFile(), 'utf8'), before)
  })

  it('refreshes a token that is about to expire and writes it back', async () => {
    await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin'], {env: env()})
    const before = readConfig()
    sim().journal.clear()
    const result = await runCli(['target', '-o', 'agency-b'], {env: env()})
    assert.equal(result.exitCode, 0, result.stderr)
    const after = readConfig()
    assert.notEqual(after.AccessToken, before.AccessToken)
    assert.match(after.AccessToken, /^bearer /)
    assert.ok(
      sim()
        .journal.entries()
        .some((e) => e.method === 'POST' && e.path === '/uaa/oauth/token'),
      'a token request was made',
    )
  })

  it('refreshes through a config.json that is a symbolic link: the link stays, its target holds the new token', async () => {
    await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin'], {env: env()})
    const dotfiles = path.join(home.cfHome, 'dotfiles')
    const target = path.join(dotfiles, 'cf-config.json')
    mkdirSync(dotfiles)
    renameSync(configFile(), target)
    symlinkSync(target, configFile())
    const before = JSON.parse(readFileSync(target, 'utf8'))
    const result = await runCli(['segment', 'list'], {env: env()})
    assert.equal(result.exitCode, 0, result.stderr)
    assert.ok(
      sim()
        .journal.entries()
        .some((e) => e.method === 'POST' && e.path === '/uaa/oauth/token'),
      'the short-lived token was refreshed',
    )
    assert.ok(lstatSync(configFile()).isSymbolicLink(), 'config.json is still a symbolic link')
    assert.equal(readlinkSync(configFile()), target)
    const after = JSON.parse(readFileSync(target, 'utf8'))
    assert.notEqual(after.AccessToken, before.AccessToken)
    assert.equal(after.Target, before.Target)
    assert.equal(statSync(target).mode & 0o777, 0o600)
    assert.deepEqual(readdirSync(dotfiles), ['cf-config.json'])
  })

  it('traces the login itself under CF_TRACE, with the password and tokens hidden', async () => {
    const traceFile = path.join(home.cfHome, 'trace.log')
    const result = await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin'], {env: {...env(), CF_TRACE: traceFile}})
    assert.equal(result.exitCode, 0, result.stderr)
    const trace = readFileSync(traceFile, 'utf8')
    assert.match(trace, /POST \/uaa\/oauth\/token/)
    assert.match(trace, /password=\[PRIVATE DATA HIDDEN\]/)
    const config = readConfig()
    for (const secret of ['password=admin', config.AccessToken.slice('bearer '.length), config.RefreshToken]) {
      assert.ok(!trace.includes(secret), `the trace must not contain ${secret.slice(0, 12)}…`)
    }
  })

  it('says how to log in when there is no login, exit 1', async () => {
    const result = parseEnvelope(await runCli(['target', '-o', 'agency-a', '--json'], {env: env()}))
    assert.equal(result.status, 1)
    assert.equal(result.error?.code, 'NOT_LOGGED_IN')
    assert.match((result.error as unknown as {suggestions: string[]}).suggestions[0], /cgx login/)
    // `cgx target` alone reads only the config file, and says the same as every command that needs a login.
    const bare = await runCli(['target'], {env: env()})
    assert.equal(bare.exitCode, 1)
    assert.match(bare.stderr, /^Error: No API endpoint is set\.\n {2}Run `cgx login -a API` \(or `cf login`\)/)
  })

  it('suggests close names for an unknown org, exit 1, and writes nothing', async () => {
    await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin'], {env: env()})
    sim().journal.clear()
    const result = await runCli(['target', '-o', 'agency-aa'], {env: env()})
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /Org 'agency-aa' not found/)
    assert.match(result.stderr, /Did you mean 'agency-a'/)
    assert.deepEqual(writesIn(sim()), [])
  })

  it('asks for nothing without a terminal: a missing password is an error, not a hang', async () => {
    const result = await runCli(['login', '-a', sim().url, '-u', 'admin'], {env: env()})
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /Missing password/)
  })

  it("reports an unreachable API in the user's terms", async () => {
    const result = await runCli(['login', '-a', 'http://127.0.0.1:1', '-u', 'admin', '-p', 'admin'], {env: env()})
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /Cannot reach the API at 127\.0\.0\.1:1: connection refused/)
  })
})
