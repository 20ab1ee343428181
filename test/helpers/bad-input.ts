// The bad-input corpus (test/fixtures/bad-input/*.yml, format in its README.md): loading a case, preparing its
// files, and running the CLI the way the case says.
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {createServer, type AddressInfo, type Server} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {parse} from 'yaml'

import {startSimulator} from '../../src/sim/index.js'
import {repoRoot, runCli, type CliResult} from './cli.js'
import {exampleFoundation, writesIn} from './sim.js'

export const badInputDir = path.join(repoRoot, 'test', 'fixtures', 'bad-input')

export interface BadInputCase {
  readonly name: string
  readonly about: string
  readonly argv: readonly string[]
  readonly env: Readonly<Record<string, string>>
  /** False for a command without --json: then only the human run is checked. */
  readonly json: boolean
  readonly setup: Setup
  readonly code: string
}

interface Setup {
  readonly login?: boolean
  /** Hold a port on 127.0.0.1 (`{port}`) with a listener that drops every connection: a port in use, or no HTTP there. */
  readonly busyPort?: boolean
  readonly dirs?: readonly string[]
  readonly files?: Readonly<Record<string, string>>
  readonly symlinks?: Readonly<Record<string, string>>
  readonly modes?: Readonly<Record<string, string>>
}

const CASE_KEYS = ['about', 'argv', 'env', 'json', 'setup', 'code']
const SETUP_KEYS = ['login', 'busyPort', 'dirs', 'files', 'symlinks', 'modes']

/** Every case in the corpus; a key outside the format is an error, so a typo cannot silently weaken a case. */
export function loadBadInputCases(dir = badInputDir): BadInputCase[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yml'))
    .sort()
    .map((file) => toCase(path.basename(file, '.yml'), parseCase(path.join(dir, file))))
}

function parseCase(file: string): Record<string, unknown> {
  try {
    return parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`)
  }
}

function toCase(name: string, raw: Record<string, unknown>): BadInputCase {
  const unknown = [
    ...Object.keys(raw).filter((k) => !CASE_KEYS.includes(k)),
    ...Object.keys(raw.setup ?? {}).filter((k) => !SETUP_KEYS.includes(k)),
  ]
  if (unknown.length > 0) throw new Error(`${name}.yml: unknown keys ${unknown.join(', ')}`)
  if (typeof raw.about !== 'string' || typeof raw.code !== 'string' || !Array.isArray(raw.argv))
    throw new Error(`${name}.yml needs about, argv (a list) and code`)
  return {
    name,
    about: raw.about,
    argv: raw.argv.map(String),
    env: (raw.env ?? {}) as Record<string, string>,
    json: raw.json !== false,
    setup: (raw.setup ?? {}) as Setup,
    code: raw.code,
  }
}

/** One prepared case: its directories, its environment, and how to run the CLI within it. */
interface PreparedCase {
  readonly dir: string
  run(extraArgs?: string[]): Promise<CliResult>
  /** The files and links the setup made, as they are now (to compare before and after a run). */
  snapshot(): Record<string, string>
  cleanup(): void
}

/**
 * Root reads and writes any file whatever its mode: as root, a case with `modes` runs the CLI without the capabilities
 * that override modes (setpriv, util-linux), so root is held to the owner's bits like any user.
 */
const WITHOUT_MODE_OVERRIDE = ['setpriv', '--bounding-set', '-dac_override,-dac_read_search']

async function prepareCase(testCase: BadInputCase, api: string): Promise<PreparedCase> {
  const dir = mkdtempSync(path.join(tmpdir(), `cgx-bad-${testCase.name}-`))
  const home = path.join(dir, 'home')
  mkdirSync(home)
  const port = testCase.setup.busyPort ? await holdPort() : undefined
  const fill = (text: string) =>
    text.replaceAll('{api}', api).replaceAll('{dir}', dir).replaceAll('{home}', home).replaceAll('{port}', String(port?.number))
  const env = {CF_HOME: home, ...Object.fromEntries(Object.entries(testCase.env).map(([k, v]) => [k, fill(String(v))]))}
  const {setup} = testCase
  if (setup.login) {
    const login = await runCli(['login', '-a', api, '-u', 'admin', '-p', 'admin'], {env: {CF_HOME: home}})
    if (login.exitCode !== 0) throw new Error(`${testCase.name}: login failed: ${login.stderr}`)
  }
  for (const made of setup.dirs ?? []) mkdirSync(fill(made), {recursive: true})
  for (const [file, text] of Object.entries(setup.files ?? {})) writeInto(fill(file), fill(text))
  for (const [link, target] of Object.entries(setup.symlinks ?? {})) {
    mkdirSync(path.dirname(fill(link)), {recursive: true})
    rmSync(fill(link), {force: true})
    symlinkSync(fill(target), fill(link))
  }
  for (const [file, mode] of Object.entries(setup.modes ?? {})) chmodSync(fill(file), Number.parseInt(mode, 8))
  const launcher = setup.modes !== undefined && process.getuid?.() === 0 ? WITHOUT_MODE_OVERRIDE : undefined
  const made = [...(setup.dirs ?? []), ...Object.keys(setup.files ?? {}), ...Object.keys(setup.symlinks ?? {})].map(fill)
  return {
    dir,
    run: (extraArgs = []) => runCli([...testCase.argv.map(fill), ...extraArgs], {env, launcher}),
    snapshot: () => Object.fromEntries(made.map((file) => [file, describe(file)])),
    cleanup: () => {
      port?.server.close()
      rmSync(dir, {recursive: true, force: true})
    },
  }
}

/** What one case did: the CLI's runs, the writes the simulator saw, and the prepared files before and after. */
export interface BadInputOutcome {
  readonly json?: CliResult
  readonly human: CliResult
  readonly writes: string[]
  readonly filesBefore: Record<string, string>
  readonly filesAfter: Record<string, string>
}

/**
 * Starts every case now, `lanes` at a time, each against a simulator of its own (so its journal holds only its
 * requests). A promise per case, which settles with the outcome or the error that stopped the case, never rejects.
 */
export function startBadInputCases(cases: readonly BadInputCase[], lanes: number): Map<string, Promise<BadInputOutcome | Error>> {
  const tails: Promise<unknown>[] = Array.from({length: lanes}, () => Promise.resolve())
  return new Map(
    cases.map((testCase, index) => {
      const outcome = tails[index % lanes]
        .then(() => runBadInputCase(testCase))
        .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))
      tails[index % lanes] = outcome
      return [testCase.name, outcome]
    }),
  )
}

async function runBadInputCase(testCase: BadInputCase): Promise<BadInputOutcome> {
  const sim = await startSimulator({seed: exampleFoundation})
  let prepared: PreparedCase | undefined
  try {
    prepared = await prepareCase(testCase, sim.url)
    const filesBefore = prepared.snapshot()
    sim.journal.clear()
    const [json, human] = await Promise.all([testCase.json ? prepared.run(['--json']) : undefined, prepared.run()])
    return {json, human, writes: writesIn(sim), filesBefore, filesAfter: prepared.snapshot()}
  } finally {
    prepared?.cleanup()
    await sim.close()
  }
}

async function holdPort(): Promise<{number: number; server: Server}> {
  const server = createServer((socket) => socket.destroy())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {number: (server.address() as AddressInfo).port, server}
}

function writeInto(file: string, text: string): void {
  mkdirSync(path.dirname(file), {recursive: true})
  rmSync(file, {recursive: true, force: true})
  writeFileSync(file, text)
}

function describe(file: string): string {
  const stat = lstatSync(file)
  if (stat.isSymbolicLink()) return `link to ${readlinkSync(file)}`
  if (stat.isDirectory()) return 'directory'
  // Mode 000 keeps even the test from reading (when not root): the mode then stands for the content.
  return (stat.mode & 0o444) === 0 ? `file, mode ${(stat.mode & 0o777).toString(8)}` : `file: ${readFileSync(file, 'utf8')}`
}
