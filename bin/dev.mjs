#!/usr/bin/env -S node --import tsx --no-warnings
// Runs the CLI from the TypeScript sources, through tsx (the line above): commands are looked up in src/commands
// rather than in the bundled tree package.json names, and oclif is told not to map paths to sources itself.
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {execute, settings} from '@oclif/core'

const root = fileURLToPath(new URL('..', import.meta.url))
const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

settings.enableAutoTranspile = false
await execute({development: true, loadOptions: {root, pjson: {...pjson, oclif: {...pjson.oclif, commands: './src/commands'}}}})
