import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {createInterface} from 'node:readline'

import {parseEnvelope, repoRoot, runCli, tempCfHome} from '../helpers/cli.js'

describe('e2e: cgx sandbox', () => {
  it("serves a foundation that cgx can log in to (password, or the passcode page's code), and stops cleanly on SIGTERM", async () => {
    const home = tempCfHome()
    const sandbox = spawn(process.execPath, [path.join(repoRoot, 'bin', 'run.js'), 'sandbox', '--port', '0'], {
      env: {PATH: process.env.PATH ?? '', HOME: home.cfHome, NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const printed = new Map<string, string>()
      await new Promise<void>((resolve, reject) => {
        sandbox.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
        createInterface({input: sandbox.stdout}).on('line', (line) => {
          const [key, value] = line.split('\t')
          printed.set(key, value)
          if (printed.has('API') && printed.has('Passcode page')) resolve()
        })
      })
      const api = printed.get('API') ?? ''
      assert.match(api, /^http:\/\/127\.0\.0\.1:\d+$/)
      const login = await runCli(['login', '-a', api, '-u', 'admin', '-p', 'admin', '-o', 'agency-a', '-s', 'prod'], {
        env: {CF_HOME: home.cfHome},
      })
      assert.equal(login.exitCode, 0, login.stderr)
      assert.match(login.stdout, /space\s+prod/)
      assert.equal(printed.get('Passcode page'), `${api}/uaa/passcode`)
      const page = await (await fetch(`${api}/uaa/passcode`)).text()
      const code = /<h2 id="passcode">(\w+)<\/h2>/.exec(page)?.[1] ?? 'none'
      const sso = await runCli(['login', '-a', api, '--sso-passcode', code], {env: {CF_HOME: home.cfHome}})
      assert.equal(sso.exitCode, 0, sso.stderr)
      assert.match(sso.stdout, /user\s+admin/)

      sandbox.removeAllListeners('exit')
      const exitCode = await new Promise<number | null>((resolve) => {
        sandbox.on('exit', resolve)
        sandbox.kill('SIGTERM')
      })
      assert.equal(exitCode, 0)
    } finally {
      sandbox.kill('SIGKILL')
      home.cleanup()
    }
  })

  it('refuses a seed that does not exist or does not parse as bad input, saying where, not as a bug in cgx', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cgx-seed-'))
    try {
      const missing = await runCli(['sandbox', '--seed', path.join(dir, 'none.yml')])
      assert.equal(missing.exitCode, 1)
      assert.match(missing.stderr, /^Error: --seed: No file found at \S+none\.yml\.\n {2}See `cgx sandbox --help`\.\n$/)
      const bad = path.join(dir, 'bad.yml')
      writeFileSync(bad, 'orgs:\n  agency-a: {}\n  - x\n')
      const broken = await runCli(['sandbox', '--seed', bad])
      assert.equal(broken.exitCode, 1)
      assert.match(broken.stderr, /^Error: \S+bad\.yml: .* at line 3, column \d+\.\n/)
      assert.doesNotMatch(broken.stderr, /bug in cgx/)
      const json = parseEnvelope(await runCli(['sandbox', '--seed', bad, '--json']))
      assert.equal(json.error?.code, 'SANDBOX_SEED_INVALID')
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('presents an older API version with --api-version, says so, and refuses one that is not x.y.z', async () => {
    const sandbox = spawn(process.execPath, [path.join(repoRoot, 'bin', 'run.js'), 'sandbox', '--port', '0', '--api-version', '3.180.0'], {
      env: {PATH: process.env.PATH ?? '', NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const printed = new Map<string, string>()
      await new Promise<void>((resolve, reject) => {
        sandbox.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
        createInterface({input: sandbox.stdout}).on('line', (line) => {
          const [key, value] = line.split('\t')
          printed.set(key, value)
          if (printed.has('API') && printed.has('API version')) resolve()
        })
      })
      assert.equal(printed.get('API version'), '3.180.0')
      const root = (await (await fetch(`${printed.get('API')}/`)).json()) as {links: {cloud_controller_v3: {meta: {version: string}}}}
      assert.equal(root.links.cloud_controller_v3.meta.version, '3.180.0')
    } finally {
      sandbox.kill('SIGKILL')
    }
    const bad = await runCli(['sandbox', '--api-version', '3.180'])
    assert.equal(bad.exitCode, 1)
    assert.match(bad.stderr, /^Error: --api-version '3\.180' is not an API version like 3\.180\.0\./)
    assert.equal(parseEnvelope(await runCli(['sandbox', '--api-version', 'latest', '--json'])).error?.code, 'SANDBOX_API_VERSION_INVALID')
  })
})
