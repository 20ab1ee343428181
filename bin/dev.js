#!/usr/bin/env -S node --import tsx --no-warnings
// Runs the CLI from the TypeScript sources: commands are found in src/commands (oclif maps ./dist/commands there)
// instead of the bundle's generated index, so a new command file works without a build.
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {execute} from '@oclif/core'

const root = fileURLToPath(new URL('..', import.meta.url))
const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

await execute({development: true, loadOptions: {root, pjson: {...pjson, oclif: {...pjson.oclif, commands: './dist/commands'}}}})
