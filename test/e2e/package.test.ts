// The published package works on its own: `npm pack`, installed into an empty project, runs `cgx --version`, and runs
// its own `cgx sandbox` (seeded from the examples it ships) to log in to and list the segments of. The install is offline, from npm's cache: the project's lock is
// the runtime part of ours (the packages not marked dev), so it also proves that nothing else is needed at run time.
import assert from 'node:assert/strict'
import {execFile, spawn, type ChildProcess} from 'node:child_process'
import {mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {createInterface} from 'node:readline'
import {promisify} from 'node:util'

import type {SegmentList} from '../../src/ops/segments/list.js'
import {parseEnvelope, repoRoot, runCli, tempCfHome} from '../helpers/cli.js'

const run = promisify(execFile)
const pjson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {version: string; bin: object; dependencies: object}
const {version} = pjson

interface LockEntry {
  dev?: boolean
  devOptional?: boolean
}

/** A project that depends on the packed tarball only, locked to the versions of our own lock's runtime packages. */
function writeProject(dir: string, tarball: string): void {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {packages: Record<string, LockEntry>}
  const runtime = Object.entries(lock.packages).filter(
    ([where, entry]) => where.startsWith('node_modules/') && !entry.dev && !entry.devOptional,
  )
  const project = {name: 'cgx-pack-test', private: true, dependencies: {cgx: `file:${tarball}`}}
  const packages = {
    '': project,
    'node_modules/cgx': {version, resolved: `file:${tarball}`, dependencies: pjson.dependencies, bin: pjson.bin},
    ...Object.fromEntries(runtime),
  }
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(project))
  writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({name: project.name, lockfileVersion: 3, requires: true, packages}))
}

/** The API URL `cgx sandbox` prints once it listens. */
function sandboxApi(sandbox: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    sandbox.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
    createInterface({input: sandbox.stdout!}).on('line', (line) => {
      const [key, value] = line.split('\t')
      if (key === 'API') resolve(value)
    })
  })
}

describe('e2e: the packed package, installed', function () {
  this.timeout(180_000)
  let project: string
  let bin: string

  before(async () => {
    project = realpathSync(mkdtempSync(path.join(tmpdir(), 'cgx-pack-')))
    const {stdout} = await run('npm', ['pack', '--silent', '--pack-destination', project], {cwd: repoRoot})
    writeProject(project, stdout.trim())
    await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {cwd: project})
    bin = path.join(project, 'node_modules', 'cgx', 'bin', 'run.js')
  })

  after(() => rmSync(project, {recursive: true, force: true}))

  it('cgx --version names the package version', async () => {
    const result = await runCli(['--version'], {bin})
    assert.equal(result.exitCode, 0, result.stderr)
    assert.match(result.stdout, new RegExp(`^cgx/${version.replaceAll('.', '\\.')} `))
  })

  it('runs its sandbox, logs in to it and lists its segments', async () => {
    const home = tempCfHome()
    const env = {CF_HOME: home.cfHome}
    const sandbox = spawn(process.execPath, [bin, 'sandbox', '--port', '0'], {
      env: {PATH: process.env.PATH ?? '', HOME: home.cfHome, NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const api = await sandboxApi(sandbox)
      const login = await runCli(['login', '-a', api, '-u', 'admin', '-p', 'admin'], {env, bin})
      assert.equal(login.exitCode, 0, login.stderr)
      const list = await runCli(['segment', 'list', '--json'], {env, bin})
      assert.equal(list.exitCode, 0, list.stderr)
      const {segments} = parseEnvelope<SegmentList>(list).result
      assert.ok(
        segments.some((s) => s.name === 'vpn-east'),
        list.stdout,
      )
      const journal = (await (await fetch(`${api}/_sim/journal`)).json()) as {requests: {method: string; path: string}[]}
      assert.ok(
        journal.requests.some((r) => r.method === 'GET' && r.path === '/v3/isolation_segments'),
        'the installed cgx asked its sandbox',
      )
    } finally {
      sandbox.kill('SIGTERM')
      home.cleanup()
    }
  })
})
