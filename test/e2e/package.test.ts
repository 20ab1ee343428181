// The published package works on its own: `npm pack`, installed into an empty project (dependencies from npm's
// cache where it has them), runs `cgx --version` and logs in and reads a foundation through the simulator.
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'

import type {SegmentListResult} from '../../src/commands/segment/list.js'
import {parseEnvelope, repoRoot, runCli, tempCfHome} from '../helpers/cli.js'
import {useSimulator, writesIn} from '../helpers/sim.js'

const run = promisify(execFile)
const {version} = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {version: string}

describe('e2e: the packed package, installed', function () {
  this.timeout(180_000)
  const sim = useSimulator()
  let project: string
  let bin: string

  before(async () => {
    project = realpathSync(mkdtempSync(path.join(tmpdir(), 'cgx-pack-')))
    const {stdout} = await run('npm', ['pack', '--silent', '--pack-destination', project], {cwd: repoRoot})
    writeFileSync(path.join(project, 'package.json'), '{"name": "cgx-pack-test", "private": true}\n')
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', `./${stdout.trim()}`], {cwd: project})
    bin = path.join(project, 'node_modules', 'cgx', 'bin', 'run.js')
  })

  after(() => rmSync(project, {recursive: true, force: true}))

  it('cgx --version names the package version', async () => {
    const result = await runCli(['--version'], {bin})
    assert.equal(result.exitCode, 0, result.stderr)
    assert.match(result.stdout, new RegExp(`^cgx/${version.replaceAll('.', '\\.')} `))
  })

  it('logs in to the simulator and lists its segments', async () => {
    const home = tempCfHome()
    try {
      const env = {CF_HOME: home.cfHome}
      const login = await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin'], {env, bin})
      assert.equal(login.exitCode, 0, login.stderr)
      const list = await runCli(['segment', 'list', '--json'], {env, bin})
      assert.equal(list.exitCode, 0, list.stderr)
      const {segments} = parseEnvelope<SegmentListResult>(list).result
      assert.ok(segments.some((s) => s.name === 'vpn-east'), list.stdout)
      assert.ok(sim().journal.entries().some((e) => e.path === '/v3/isolation_segments'), 'the installed cgx asked the simulator')
      assert.deepEqual(writesIn(sim()), [])
    } finally {
      home.cleanup()
    }
  })
})
