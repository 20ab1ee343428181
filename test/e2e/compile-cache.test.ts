// The bundled CLI compiles through V8's code cache (src/cli/compile-cache.ts): written on a file's first run of each
// kind (a command, help), used untouched after, replaced when V8 refuses it, ignored where it cannot be trusted or
// written, and never the reason a command fails. The runs that load oclif's ESM plugins (help, did-you-mean) prove import() works from the cache.
import assert from 'node:assert/strict'
import {chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {compileCacheDir, entryOf} from '../../src/cli/compile-cache.js'
import {repoRoot, runCli, type CliResult} from '../helpers/cli.js'

const BUNDLE = path.join(repoRoot, 'dist', 'cgx') + path.sep
const entry = (file: string, workload = 'run') => `${entryOf(BUNDLE, path.join(BUNDLE, file), workload)}.`
const RUNS: string[][] = [
  ['help', 'segment'],
  ['segmnt', 'list'],
  ['egress', 'ranges', '-a', 'https://api.fr.cloud.gov'],
]

describe('e2e: the code cache', function () {
  this.timeout(60_000)
  let cacheHome: string
  let dir: string
  beforeEach(() => {
    cacheHome = mkdtempSync(path.join(tmpdir(), 'cgx-cache-test-'))
    dir = compileCacheDir({XDG_CACHE_HOME: cacheHome}) ?? assert.fail('an absolute XDG_CACHE_HOME is a place')
  })
  afterEach(() => rmSync(cacheHome, {recursive: true, force: true}))

  const run = (args: string[], env: Record<string, string> = {}) => runCli(args, {env: {XDG_CACHE_HOME: cacheHome, ...env}})
  const outputs = (results: CliResult[]) => results.map(({exitCode, stdout, stderr}) => ({exitCode, stdout, stderr}))
  const entries = () => Object.fromEntries(readdirSync(dir).map((name) => [name, statSync(path.join(dir, name))]))

  async function runAll(env: Record<string, string> = {}): Promise<CliResult[]> {
    const results: CliResult[] = []
    for (const args of RUNS) results.push(await run(args, env))
    return results
  }

  it('is written on the first run, private, and used unchanged after; entries for earlier contents go', async () => {
    mkdirSync(dir, {recursive: true, mode: 0o700})
    writeFileSync(path.join(dir, `${entry('oclif.cjs')}1234-1796540910191478517-730000`), 'an earlier release of oclif.cjs')
    writeFileSync(path.join(dir, 'notes.txt'), 'not an entry')
    const first = await runAll()
    const written = entries()
    assert.equal(Object.keys(written).filter((name) => name.startsWith(entry('oclif.cjs'))).length, 1, 'the earlier entry is gone')
    assert.equal(Object.keys(written).filter((name) => name.startsWith(entry('oclif.cjs', 'help'))).length, 1, 'help has its own')
    assert.ok(Object.keys(written).some((name) => name.startsWith(entry('command.egress.ranges.cjs'))))
    for (const workload of ['run', 'help'])
      assert.ok(!Object.keys(written).some((name) => name.startsWith(entry('launch.cjs', workload))), 'launch.cjs itself is never cached')
    assert.ok('notes.txt' in written, 'only entries are removed')
    rmSync(path.join(dir, 'notes.txt'))
    delete written['notes.txt']
    assert.equal(statSync(dir).mode & 0o777, 0o700)
    for (const stat of Object.values(written)) assert.equal(stat.mode & 0o777, 0o600)
    const second = await runAll()
    assert.deepEqual(outputs(second), outputs(first))
    assert.match(first[1].stderr, /segmnt list is not a cgx command/)
    const after = entries()
    for (const [name, stat] of Object.entries(written)) assert.equal(after[name].mtimeMs, stat.mtimeMs, `${name} rewritten`)
  })

  it('replaces a cache V8 refuses, and the command runs as before', async () => {
    const first = await runAll()
    for (const name of readdirSync(dir)) writeFileSync(path.join(dir, name), 'not V8 data')
    const second = await runAll()
    assert.deepEqual(outputs(second), outputs(first))
    for (const [name, stat] of Object.entries(entries())) assert.ok(stat.size > 100, `${name} not rewritten`)
  })

  it('is not used where other users may write, nor kept where it cannot be written', async () => {
    const first = await runAll({NODE_DISABLE_COMPILE_CACHE: '1'})
    assert.throws(() => statSync(dir), /ENOENT/, 'NODE_DISABLE_COMPILE_CACHE writes nothing')
    mkdirSync(dir, {recursive: true})
    chmodSync(dir, 0o777)
    assert.deepEqual(outputs(await runAll()), outputs(first))
    assert.deepEqual(readdirSync(dir), [], 'a folder others may write is neither read nor written')
    rmSync(dir, {recursive: true})
    writeFileSync(dir, 'a file where the folder should be')
    assert.deepEqual(outputs(await runAll()), outputs(first))
  })
})
