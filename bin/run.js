#!/usr/bin/env node
// Starts cgx. `--version` is answered here, in oclif's words (Config.userAgent), before oclif loads: 1.1× bare node
// instead of 2.0× (bench/results.md, "Start-up"). Everything else goes through oclif.
import {readFileSync} from 'node:fs'
import {arch, platform} from 'node:os'

if (process.argv[2] === '--version') {
  const {name, version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`${name}/${version} ${platform()}-${arch() === 'ia32' ? 'x86' : arch()} node-${process.version}\n`)
} else {
  const {execute} = await import('../dist/cgx/index.js')
  await execute({dir: import.meta.url})
}
