import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const commandsDir = fileURLToPath(new URL('../../../src/commands', import.meta.url))

// The context is the one factory: a command that read the environment or the cgx config itself could not be run
// in-process with a context of a test's making.
describe('commands take the outside world from the context', () => {
  it('never read process.env or load the cgx config themselves', () => {
    const files = readdirSync(commandsDir, {recursive: true, encoding: 'utf8'}).filter((file) => file.endsWith('.ts'))
    const reaching = files.filter((file) => /process\.env|loadCgxConfig/.test(readFileSync(path.join(commandsDir, file), 'utf8')))
    assert.deepEqual(reaching, [])
    assert.ok(files.length >= 30, `${files.length} command files`)
  })
})
