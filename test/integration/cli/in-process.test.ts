// A command runs in-process with a context of the test's making: the context is the one place a command gets its
// environment, its settings and its client from, so nothing here touches this process's env or ~/.cgx.
import assert from 'node:assert/strict'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {Config} from '@oclif/core'

import {Context} from '../../../src/cli/context.js'
import EgressRanges from '../../../src/commands/egress/ranges.js'
import {silentReporter} from '../../../src/ops/reporter.js'
import {repoRoot} from '../../helpers/cli.js'

describe("cli: a command with a context of the caller's making", () => {
  let dir = ''
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cgx-in-process-'))
  })
  after(() => rmSync(dir, {recursive: true, force: true}))

  it('reads its settings through the context (a cgx config only that context names)', async () => {
    const file = path.join(dir, 'cgx.yml')
    writeFileSync(file, 'foundations:\n  https://api.example.gov:\n    egress: [198.51.100.10/32]\n')
    const context = new Context({CGX_CONFIG: file, HOME: dir}, {json: true}, silentReporter)
    const command = new EgressRanges(['--api', 'https://api.example.gov', '--json'], await Config.load(repoRoot)).useContext(context)
    const result = await command.run()
    assert.deepEqual([result.foundation, result.ranges, result.source], ['api.example.gov', ['198.51.100.10/32'], file])
  })
})
