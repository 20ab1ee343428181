#!/usr/bin/env node
// Starts cgx. A CommonJS script (bin/package.json), since Node's ES module loader alone costs a quarter of a bare
// node's start. `--version` is answered here, in oclif's words (Config.userAgent), before oclif loads. Everything else
// goes through oclif, bundled in dist/cgx, started by src/cli/launch.ts.
// bench/results.md, "Start-up", has the figures.
const {readFileSync} = require('node:fs')
const {arch, platform} = require('node:os')
const path = require('node:path')

const root = path.join(__dirname, '..')
const pjson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))

if (process.argv[2] === '--version') {
  process.stdout.write(`${pjson.name}/${pjson.version} ${platform()}-${arch() === 'ia32' ? 'x86' : arch()} node-${process.version}\n`)
} else {
  require('../dist/cgx/launch.cjs').launch(root, pjson, process.argv.slice(2))
}
