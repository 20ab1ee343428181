// Every conflict a command declares between its flags (exclusive, relationships "none", dependsOn) is refused by the
// built CLI as a usage error before anything else happens. The conflicts are read from the oclif manifest, so a new
// command's declarations are checked too; the rule that --format and --json never meet is checked in unit tests.
import assert from 'node:assert/strict'

import {parseEnvelope, runCli, tempCfHome} from '../helpers/cli.js'
import {commandLine, manifestCommands, type ManifestCommand} from '../helpers/manifest.js'

interface Conflict {
  command: ManifestCommand
  /** The flags given together (exclusive) or alone (dependsOn). */
  given: string[]
}

function conflicts(command: ManifestCommand): Conflict[] {
  return Object.values(command.flags).flatMap((flag) => {
    const excluded = [
      ...(flag.exclusive ?? []),
      ...(flag.relationships ?? [])
        .filter((r) => r.type === 'none')
        .flatMap((r) => r.flags.map((f) => (typeof f === 'string' ? f : f.name))),
    ]
    return [
      ...excluded.map((other) => ({command, given: [flag.name, other]})),
      ...(flag.dependsOn === undefined ? [] : [{command, given: [flag.name]}]),
    ]
  })
}

describe('e2e: conflicting flags, over every command', function () {
  this.timeout(120_000)
  const home = tempCfHome()
  after(() => home.cleanup())

  it('refuses each declared conflict as a usage error (exit 1), never running the command', async () => {
    const all = manifestCommands().flatMap(conflicts)
    assert.ok(all.length >= 10, `found ${all.length} declared conflicts`)
    const refused = await Promise.all(
      all.map(async (conflict) => {
        const argv = commandLine(conflict.command, conflict.given)
        const result = await runCli([...argv, '--json'], {env: {CF_HOME: home.cfHome}})
        const {error} = parseEnvelope(result)
        return `${argv.join(' ')} → ${result.exitCode} ${error?.code}: ${/cannot also be provided|must be provided when using/.test(error?.message ?? '')}`
      }),
    )
    assert.deepEqual(
      refused.filter((line) => !line.endsWith('→ 1 USAGE: true')),
      [],
    )
  })

  it('names both flags and where to read more', async () => {
    const result = await runCli(['reach', '--format', 'csv', '--json'], {env: {CF_HOME: home.cfHome}})
    assert.equal(result.exitCode, 1)
    assert.deepEqual(JSON.parse(result.stdout).error, {
      code: 'USAGE',
      message: '--json cannot also be provided when using --format.',
      suggestions: ['See `cgx reach --help`.'],
    })
  })
})
