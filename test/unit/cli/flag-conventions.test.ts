import assert from 'node:assert/strict'
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import type {Command} from '@oclif/core'

const commandsDir = fileURLToPath(new URL('../../../src/commands', import.meta.url))

interface FlagSpec {
  name: string
  char?: string
  helpValue?: string
  aliases?: string[]
  exclusive?: string[]
}

async function allCommands(): Promise<{id: string; flags: FlagSpec[]}[]> {
  const files = readdirSync(commandsDir, {recursive: true, encoding: 'utf8'}).filter((file) => file.endsWith('.ts'))
  return Promise.all(
    files.map(async (file) => {
      const command = (await import(pathToFileURL(path.join(commandsDir, file)).href)).default as typeof Command
      const flags = Object.entries(command.flags ?? {}).map(([name, flag]) => ({...(flag as object), name}) as FlagSpec)
      return {id: file.replace(/\.ts$/, '').replaceAll(path.sep, ' '), flags}
    }),
  )
}

// A user who learned -o ORG on one command must be able to rely on it on every other.
const SHORT_FLAGS: Record<string, string> = {o: 'org', s: 'space', f: 'file', a: 'api', u: 'username', p: 'password'}

describe('flag conventions across every command', () => {
  it('gives each short flag one meaning: -o org, -s space, -f file, -a api', async () => {
    const misused = (await allCommands()).flatMap(({id, flags}) =>
      flags
        .filter((flag) => flag.char !== undefined && SHORT_FLAGS[flag.char] !== flag.name)
        .map((flag) => `${id}: -${flag.char} is --${flag.name}`),
    )
    assert.deepEqual(misused, [])
  })

  it('names a segment annotation key --networks-annotation wherever it is taken', async () => {
    const other = (await allCommands()).flatMap(({id, flags}) =>
      flags.filter((flag) => flag.helpValue === 'KEY' && flag.name !== 'networks-annotation').map((flag) => `${id}: --${flag.name}`),
    )
    assert.deepEqual(other, [])
  })

  it('shows ORG and SPACE as the value of --org and --space in the segment, setup and login commands', async () => {
    const mine = (await allCommands()).filter(({id}) => !id.startsWith('route-'))
    const unnamed = mine.flatMap(({id, flags}) =>
      flags
        .filter((flag) => (flag.name === 'org' && flag.helpValue !== 'ORG') || (flag.name === 'space' && flag.helpValue !== 'SPACE'))
        .map((flag) => `${id}: --${flag.name}`),
    )
    assert.deepEqual(unnamed, [])
    assert.ok(mine.length >= 15, `found ${mine.length} commands`)
  })

  // --json is the envelope; a --format beside it would be silently ignored (or the other way round).
  it('makes --format and --json exclusive wherever a command has both', async () => {
    const withFormat = (await allCommands()).filter(({flags}) => flags.some((flag) => flag.name === 'format'))
    const open = withFormat
      .filter(({flags}) => !flags.find((flag) => flag.name === 'format')!.exclusive?.includes('json'))
      .map(({id}) => id)
    assert.deepEqual(open, [])
    assert.ok(withFormat.length >= 2, `found ${withFormat.length} commands with --format`)
  })
})
