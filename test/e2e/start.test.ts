// bin/run.js answers --version itself, before oclif loads, and hands everything else to oclif (bundled): what the
// user sees must be oclif's answer either way, the plugins' help, topics, did-you-mean and completion included.
import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'

import {repoRoot, runCli} from '../helpers/cli.js'

describe('e2e: starting cgx', () => {
  it("answers --version with oclif's own words", async () => {
    const script = `const {Config} = await import('@oclif/core'); process.stdout.write((await Config.load(${JSON.stringify(repoRoot)})).userAgent)`
    const oclif = execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd: repoRoot, encoding: 'utf8'})
    const result = await runCli(['--version'])
    assert.deepEqual([result.exitCode, result.stdout], [0, `${oclif}\n`])
  })

  it("keeps what the plugins give outside cgx's own commands: help, topics, did-you-mean, autocomplete", async () => {
    const help = await runCli(['help', 'segment', 'status'])
    assert.match(help.stdout, /^Which segment every space runs on/)
    const topic = await runCli(['segment'])
    assert.match(topic.stdout, /segment status +Which segment every space runs on/)
    const typo = await runCli(['segmnt', 'list'])
    assert.match(typo.stderr, /segmnt list is not a cgx command/)
    const completion = await runCli(['autocomplete', 'bash'])
    assert.equal(completion.exitCode, 0, completion.stderr)
  })

  it('runs a command with its flags, help included', async () => {
    const help = await runCli(['segment', 'status', '--help'])
    assert.match(help.stdout, /^Which segment every space runs on[\s\S]*USAGE\n {2}\$ cgx segment status/)
    const bad = await runCli(['segment', 'status', '--nope'])
    assert.equal(bad.exitCode, 1)
    assert.match(bad.stderr, /Nonexistent flag: --nope/)
  })
})
