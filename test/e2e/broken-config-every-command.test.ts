// A broken environment is checked against every command, a new one included: with a config.json that is not JSON, each
// command the manifest lists fails with a code of its own (CONFIG_INVALID where it reads the login first), never "a bug
// in cgx", and leaves the file as it was. The corpus (test/fixtures/bad-input) holds the other broken environments.
import assert from 'node:assert/strict'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {parseEnvelope, runCli, tempCfHome} from '../helpers/cli.js'
import {commandLine, manifestCommands} from '../helpers/manifest.js'

/** Commands that read no login: they serve (until interrupted) rather than call an API. */
const NO_LOGIN = new Set(['sandbox', 'route-service:serve'])

describe('e2e: every command with a corrupt config.json', function () {
  this.timeout(120_000)
  const home = tempCfHome()
  const config = path.join(home.cfHome, '.cf', 'config.json')
  after(() => home.cleanup())

  it('fails with a code of its own and a line saying what to do, never INTERNAL, changing nothing', async () => {
    mkdirSync(path.dirname(config), {recursive: true})
    writeFileSync(config, '{"Target": "https://api.example.gov", "AccessToken": ')
    const commands = manifestCommands().filter((command) => !NO_LOGIN.has(command.id))
    assert.ok(commands.length >= 25, `${commands.length} commands`)
    const outcomes = await Promise.all(
      commands.map(async (command) => {
        const argv = commandLine(command)
        const result = await runCli([...argv, '--json'], {env: {CF_HOME: home.cfHome}})
        const error = parseEnvelope(result).error as {code: string; suggestions: string[]} | undefined
        return `${argv.join(' ')} → ${result.exitCode} ${error?.code} ${error?.suggestions.length ? 'with advice' : 'WITHOUT ADVICE'}`
      }),
    )
    const unexpected = outcomes.filter((line) => !/→ 1 (?!INTERNAL)[A-Z_]+ with advice$/.test(line))
    assert.deepEqual(unexpected, [])
    assert.ok(outcomes.filter((line) => line.includes(' CONFIG_INVALID ')).length >= 20, outcomes.join('\n'))
    assert.equal(readFileSync(config, 'utf8'), '{"Target": "https://api.example.gov", "AccessToken": ')
  })
})
