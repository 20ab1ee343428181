// Every file in src/commands is a command of the built CLI: the build generates the bundled commands from the files,
// and nothing is kept by hand, so a command file the bundle or the manifest missed would fail here.
import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

import {repoRoot, runCli} from '../helpers/cli.js'

interface ManifestCommand {
  summary?: string
  relativePath: string[]
}

const commandsDir = path.join(repoRoot, 'src', 'commands')

/** oclif's ids for a commands directory: segment/status.ts → segment:status, topic/index.ts → topic. */
function idsFromFiles(): string[] {
  return readdirSync(commandsDir, {recursive: true, encoding: 'utf8'})
    .filter((file) => file.endsWith('.ts'))
    .map((file) =>
      file
        .replace(/\.ts$/, '')
        .split(path.sep)
        .filter((part) => part !== 'index')
        .join(':'),
    )
    .sort()
}

function builtCommands(): Record<string, ManifestCommand> {
  return (JSON.parse(readFileSync(path.join(repoRoot, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>})
    .commands
}

describe('e2e: every command file is a command of the built CLI', () => {
  it('the manifest the CLI routes with lists exactly the files in src/commands', () => {
    assert.deepEqual(Object.keys(builtCommands()).sort(), idsFromFiles())
  })

  it('each command loads from its bundled file as the class the manifest describes', async () => {
    for (const [id, command] of Object.entries(builtCommands())) {
      const loaded = (await import(pathToFileURL(path.join(repoRoot, ...command.relativePath)).href)) as {
        default: {summary?: string; run?: unknown}
      }
      assert.equal(typeof loaded.default.run, 'function', id)
      assert.equal(loaded.default.summary, command.summary, id)
    }
  })

  it('a command nested in a topic runs from the bundle', async () => {
    const result = await runCli(['egress', 'ranges', '--api', 'https://api.fr.cloud.gov', '--format', 'csv'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.match(result.stdout, /^cidr/m)
  })
})
