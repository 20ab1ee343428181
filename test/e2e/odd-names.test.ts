// A name another tool created with control characters in it: cgx's tab-separated output keeps one row per object.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {parse} from 'yaml'

import {runCli} from '../helpers/cli.js'
import {exampleFoundation, useLoggedInHome, useSimulator} from '../helpers/sim.js'
import type {SeedDocument} from '../../src/sim/seed.js'

function seed(): SeedDocument {
  const document = parse(readFileSync(exampleFoundation, 'utf8')) as SeedDocument
  document.isolation_segments = [...(document.isolation_segments ?? []), {name: 'vpn\tnorth\nx\u0007'}]
  return document
}

describe('e2e: names with control characters from the foundation', () => {
  const sim = useSimulator({seed: seed()})
  const env = useLoggedInHome(sim)

  it('segment list, piped, writes them escaped: one line per segment, the same number of cells in each', async () => {
    const result = await runCli(['segment', 'list'], {env: env()})
    assert.equal(result.exitCode, 0, result.stderr)
    const lines = result.stdout.trimEnd().split('\n')
    assert.equal(lines.length, sim().store.tables.segments.all().length)
    assert.equal(new Set(lines.map((line) => line.split('\t').length)).size, 1, result.stdout)
    assert.ok(
      lines.some((line) => line.startsWith('vpn\\tnorth\\nx\\x07\t')),
      result.stdout,
    )
    assert.equal(result.stdout.includes('\u0007'), false)
  })
})
