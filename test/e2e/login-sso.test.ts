// Logging in the way cloud.gov users do: `cgx login --sso` (UAA's passcode prompt, the code read from stdin when it
// is not a terminal), `--sso-passcode CODE` for CI, and environment logins that work for `cgx target` too.
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {parseEnvelope, repoRoot, runCli, tempCfHome} from '../helpers/cli.js'
import {useSimulator, writesIn} from '../helpers/sim.js'

type Target = {api: string; apiVersion?: string; user?: string; org?: string; space?: string}

describe('e2e: single sign-on and environment logins', () => {
  const sim = useSimulator()
  let home: ReturnType<typeof tempCfHome>
  const env = () => ({CF_HOME: home.cfHome})
  const configFile = () => path.join(home.cfHome, '.cf', 'config.json')
  const passcodeFor = async (username: string) => {
    const response = await fetch(`${sim().url}/_sim/passcode?username=${encodeURIComponent(username)}`)
    return ((await response.json()) as {passcode: string}).passcode
  }

  beforeEach(() => {
    home = tempCfHome()
    sim().journal.clear()
  })
  afterEach(() => home.cleanup())

  it('--sso-passcode logs in with the one-time code and targets as usual; the code is never printed', async () => {
    const code = await passcodeFor('dev@agency-a.gov')
    const result = await runCli(['login', '-a', sim().url, '--sso-passcode', code, '-o', 'agency-a', '-s', 'prod', '--json'], {env: env()})
    const envelope = parseEnvelope<Target>(result)
    assert.equal(envelope.status, 0, result.stderr)
    assert.deepEqual(
      {user: envelope.result.user, org: envelope.result.org, space: envelope.result.space},
      {user: 'dev@agency-a.gov', org: 'agency-a', space: 'prod'},
    )
    assert.ok(!(result.stdout + result.stderr).includes(code))
    assert.equal(JSON.parse(readFileSync(configFile(), 'utf8')).UAAGrantType, 'password')
  })

  it("--sso prints UAA's passcode prompt and reads the code from stdin when it is not a terminal", async () => {
    const code = await passcodeFor('admin')
    const result = await runCli(['login', '-a', sim().url, '--sso'], {env: env(), input: `${code}\n`})
    assert.equal(result.exitCode, 0, result.stderr)
    assert.ok(result.stderr.includes(`Temporary Authentication Code ( Get one at ${sim().url}/uaa/passcode ):`), result.stderr)
    assert.match(result.stdout, /user\s+admin/)
    assert.ok(!(result.stdout + result.stderr).includes(code))
  })

  it('--sso on a terminal reads the code without echoing it (a pseudo-terminal from util-linux `script`)', async () => {
    const code = await passcodeFor('admin')
    const command = `${process.execPath} ${path.join(repoRoot, 'bin', 'run.js')} login -a ${sim().url} --sso`
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: {PATH: process.env.PATH ?? '', ...env(), HOME: home.cfHome, NO_COLOR: '1'},
    })
    let seen = ''
    let typed = false
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      if (!typed && seen.includes('/uaa/passcode ):')) {
        typed = true
        // Typed after the prompt, as a person would: the terminal is in raw mode by then.
        setTimeout(() => child.stdin.write(`${code}\r`), 200)
      }
    })
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
    assert.equal(exitCode, 0, seen)
    assert.match(seen, /user:\s+admin/)
    assert.ok(!seen.includes(code), `the code was echoed: ${seen}`)
  })

  it('--sso with no code on stdin says what is missing and sends nothing to UAA', async () => {
    const result = await runCli(['login', '-a', sim().url, '--sso'], {env: env()})
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /Missing one-time passcode/)
    assert.ok(
      !sim()
        .journal.entries()
        .some((e) => e.path === '/uaa/oauth/token'),
    )
    assert.equal(existsSync(configFile()), false)
  })

  it('--sso with -u is a usage error, before any request', async () => {
    const result = parseEnvelope(await runCli(['login', '-a', sim().url, '--sso', '-u', 'x', '--json'], {env: env()}))
    assert.equal(result.status, 1)
    assert.equal(result.error?.code, 'USAGE')
    assert.deepEqual(sim().journal.entries(), [])
  })

  it("a used code gets UAA's answer in plain words, exit 1, and the saved login stays as it was", async () => {
    const code = await passcodeFor('admin')
    assert.equal((await runCli(['login', '-a', sim().url, '--sso-passcode', code], {env: env()})).exitCode, 0)
    const before = readFileSync(configFile(), 'utf8')
    const again = await runCli(['login', '-a', sim().url, '--sso-passcode', code], {env: env()})
    assert.equal(again.exitCode, 1)
    assert.match(again.stderr, /Error: UAA refused the one-time passcode \(Invalid passcode\)\.\n {2}A code works once/)
    assert.ok(!again.stderr.includes(code))
    assert.equal(readFileSync(configFile(), 'utf8'), before)
    assert.deepEqual(writesIn(sim()), [])
  })

  it('`target` logs in from CF_API and CF_USERNAME/CF_PASSWORD when nothing is saved, and saves nothing', async () => {
    const scriptEnv = {...env(), CF_API: sim().url, CF_USERNAME: 'dev@agency-a.gov', CF_PASSWORD: 'dev-password'}
    const shown = parseEnvelope<Target>(await runCli(['target', '--json'], {env: scriptEnv}))
    assert.equal(shown.status, 0, JSON.stringify(shown.error))
    assert.deepEqual({api: shown.result.api, user: shown.result.user}, {api: sim().url, user: 'dev@agency-a.gov'})
    assert.equal(existsSync(configFile()), false)
  })

  it('`target -o` with CF_API naming another API than the saved login refuses to mix them before any request', async () => {
    assert.equal((await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin'], {env: env()})).exitCode, 0)
    const before = readFileSync(configFile(), 'utf8')
    // A host that does not resolve: any request to it would end in NETWORK_DNS, not in the refusal.
    const scriptEnv = {...env(), CF_API: 'https://api.other.example', CF_USERNAME: 'admin', CF_PASSWORD: 'admin'}
    const result = parseEnvelope(await runCli(['target', '-o', 'agency-a', '--json'], {env: scriptEnv}))
    assert.equal(result.status, 1)
    assert.equal(result.error?.code, 'TARGET_OTHER_API')
    assert.equal(readFileSync(configFile(), 'utf8'), before)
  })

  it('`target -o -s` with client credentials from the environment saves the API with the org and space for later commands', async () => {
    const scriptEnv = {...env(), CF_API: sim().url, CF_CLIENT_ID: 'cgx-ci', CF_CLIENT_SECRET: 'cgx-ci-secret'}
    const changed = parseEnvelope<Target>(await runCli(['target', '-o', 'agency-a', '-s', 'dev', '--json'], {env: scriptEnv}))
    assert.equal(changed.status, 0, JSON.stringify(changed.error))
    assert.deepEqual(
      {user: changed.result.user, org: changed.result.org, space: changed.result.space},
      {user: 'cgx-ci', org: 'agency-a', space: 'dev'},
    )
    const config = JSON.parse(readFileSync(configFile(), 'utf8'))
    assert.equal(config.Target, sim().url)
    assert.ok(!readFileSync(configFile(), 'utf8').includes('cgx-ci-secret'))
    const status = await runCli(['segment', 'status', '--json'], {env: scriptEnv})
    assert.equal(parseEnvelope(status).status, 0, status.stderr)
  })
})
