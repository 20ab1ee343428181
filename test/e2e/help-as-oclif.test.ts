// The bundle changes how oclif gets to its help (scripts/bundle-cli.js: string widths of plain ASCII, ejs only for
// texts with a tag, command ids sorted without ICU): what it prints must stay exactly what @oclif/core itself prints,
// loaded from node_modules as it ships. Every command of the manifest; the root and a topic as bin/dev.mjs prints them.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {Config, Help} from '@oclif/core'

import {repoRoot, runCli} from '../helpers/cli.js'

/** oclif's Help, keeping what it would print. */
class CapturedHelp extends Help {
  readonly printed: string[] = []
  protected log(...args: string[]): void {
    this.printed.push(args.join(' '))
  }
}

const COLUMNS = {OCLIF_COLUMNS: '80'}

describe("e2e: the bundle's help is oclif's own", function () {
  this.timeout(120_000)
  let config: Config
  before(async () => {
    process.env.OCLIF_COLUMNS = COLUMNS.OCLIF_COLUMNS
    config = await Config.load(repoRoot)
  })
  after(() => delete process.env.OCLIF_COLUMNS)

  async function oclifHelp(argv: string[]): Promise<string> {
    const help = new CapturedHelp(config)
    await help.showHelp(argv)
    return help.printed.map((line) => `${line}\n`).join('')
  }

  it('for every command', async () => {
    const ids = Object.keys(JSON.parse(readFileSync(path.join(repoRoot, 'oclif.manifest.json'), 'utf8')).commands as object)
    assert.ok(ids.length > 20)
    for (const id of ids) {
      const words = id.split(':')
      const bundled = await runCli([...words, '--help'], {env: COLUMNS})
      assert.equal(bundled.stdout, await oclifHelp([id]), `cgx ${words.join(' ')} --help`)
    }
  })

  it('for the root and a topic, as the CLI run from its sources (bin/dev.mjs, oclif unbundled) prints them', async () => {
    const dev = path.join(repoRoot, 'bin', 'dev.mjs')
    for (const argv of [['--help'], ['help', 'segment']]) {
      const fromSources = await runCli(argv, {env: COLUMNS, bin: dev})
      assert.equal(fromSources.exitCode, 0, fromSources.stderr)
      assert.equal((await runCli(argv, {env: COLUMNS})).stdout, fromSources.stdout, `cgx ${argv.join(' ')}`)
    }
  })
})
