// How bin/run.js starts the bundled CLI (dist/cgx/launch.cjs, loaded before anything else): V8's code cache on, then
// oclif with the fewest plugins the command line needs. Each step is measured in bench/results.md, "Start-up".
import {existsSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

import type {Interfaces} from '@oclif/core'

import {enableCompileCache} from './compile-cache.js'

export {dynamicImport, enableCompileCache} from './compile-cache.js'

interface PackageJson {
  oclif: {plugins?: string[]}
}

const COMMAND_WORD = /^[a-z][a-z0-9-]*$/

/**
 * Whether the command line names one of cgx's own commands (`egress ranges …`, `sandbox`), found as its file in the
 * bundle's command tree: such a run needs no plugin (help, autocomplete and not-found add commands and a not-found
 * hook, nothing a found command uses), and loading their three packages is a tenth of the start-up.
 */
export function namesOwnCommand(argv: readonly string[], commandFile: (words: string[]) => boolean): boolean {
  const words: string[] = []
  for (const word of argv.slice(0, 2)) {
    if (!COMMAND_WORD.test(word)) break
    words.push(word)
  }
  for (let count = words.length; count > 0; count--) if (commandFile(words.slice(0, count))) return true
  return false
}

const saysNothing = (): void => {}
const SILENT: Interfaces.Logger = {
  child: () => SILENT,
  debug: saysNothing,
  error: saysNothing,
  info: saysNothing,
  namespace: 'oclif',
  trace: saysNothing,
  warn: saysNothing,
}

/**
 * oclif logs through the debug package, which prints only what DEBUG names; loading it (with supports-color and tty)
 * is 1.8 ms of every start. Without DEBUG, oclif gets a logger that says nothing, as debug would have.
 */
export const oclifLogger = (env: NodeJS.ProcessEnv): Interfaces.Logger | undefined => (env.DEBUG ? undefined : SILENT)

/** Whether oclif answers with help rather than running a command: `--help` before any `--`, as oclif looks for it. */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).includes('--help')
}

/** Runs cgx from the package at root, with argv (process.argv without node and the script). */
export function launch(root: string, pjson: PackageJson, argv: string[]): Promise<unknown> {
  const bundle = path.join(root, 'dist', 'cgx')
  const own = namesOwnCommand(argv, (words) => existsSync(path.join(bundle, 'commands', ...words) + '.cjs'))
  enableCompileCache(bundle + path.sep, own && !asksForHelp(argv) ? 'run' : 'help')
  const loaded = own ? {...pjson, oclif: {...pjson.oclif, plugins: []}} : pjson
  const {execute} = createRequire(path.join(bundle, 'launch.cjs'))('./index.cjs') as typeof import('../index.js')
  return execute({args: argv, loadOptions: {root, pjson: loaded as never, logger: oclifLogger(process.env)}})
}
