// Every conflict a command declares between its flags (exclusive, relationships "none", dependsOn) is refused by the
// built CLI as a usage error before anything else happens. The conflicts are read from the oclif manifest, so a new
// command's declarations are checked too; the rule that --format and --json never meet is checked in unit tests.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {repoRoot, runCli, tempCfHome} from '../helpers/cli.js'

interface ManifestFlag {
  name: string
  type: 'boolean' | 'option'
  options?: string[]
  default?: unknown
  required?: boolean
  exclusive?: string[]
  dependsOn?: string[]
  relationships?: Array<{type: string; flags: Array<string | {name: string}>}>
}

interface ManifestCommand {
  id: string
  args: Record<string, {required?: boolean}>
  flags: Record<string, ManifestFlag>
}

interface Conflict {
  command: ManifestCommand
  /** The flags given together (exclusive) or alone (dependsOn). */
  given: string[]
}

function commands(): ManifestCommand[] {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>}
  return Object.values(manifest.commands)
}

function conflicts(command: ManifestCommand): Conflict[] {
  return Object.values(command.flags).flatMap((flag) => {
    const excluded = [...(flag.exclusive ?? []), ...(flag.relationships ?? []).filter((r) => r.type === 'none').flatMap((r) => r.flags.map((f) => (typeof f === 'string' ? f : f.name)))]
    return [
      ...excluded.map((other) => ({command, given: [flag.name, other]})),
      ...(flag.dependsOn === undefined ? [] : [{command, given: [flag.name]}]),
    ]
  })
}

/** A value the flag's parser accepts: for an option, one that is not its default (a defaulted flag conflicts with nothing). */
function valueOf(flag: ManifestFlag): string[] {
  if (flag.type === 'boolean') return []
  return [flag.options?.find((option) => option !== flag.default) ?? '1']
}

function argvOf({command, given}: Conflict): string[] {
  const required = Object.values(command.flags).filter((flag) => flag.required && !given.includes(flag.name))
  const args = Object.values(command.args).filter((arg) => arg.required).map(() => 'x')
  const flags = [...given.map((name) => command.flags[name]), ...required].flatMap((flag) => [`--${flag.name}`, ...valueOf(flag)])
  return [...command.id.split(':'), ...args, ...flags]
}

describe('e2e: conflicting flags, over every command', function () {
  this.timeout(120_000)
  const home = tempCfHome()
  after(() => home.cleanup())

  it('refuses each declared conflict as a usage error (exit 1), never running the command', async () => {
    const all = commands().flatMap(conflicts)
    assert.ok(all.length >= 10, `found ${all.length} declared conflicts`)
    const refused = await Promise.all(all.map(async (conflict) => {
      const argv = argvOf(conflict)
      const result = await runCli([...argv, '--json'], {env: {CF_HOME: home.cfHome}})
      const error = (JSON.parse(result.stdout || '{}') as {error?: {code: string; message: string}}).error
      return `${argv.join(' ')} → ${result.exitCode} ${error?.code}: ${/cannot also be provided|must be provided when using/.test(error?.message ?? '')}`
    }))
    assert.deepEqual(refused.filter((line) => !line.endsWith('→ 1 USAGE: true')), [])
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
