// Start-up of the bundled CLI against bare node and against the same sources unbundled (tsc output loaded file by
// file, as cgx ran before it was bundled), in paired runs: each round spawns `node -e 0` and every variant of every
// command back to back, so that the load of this shared machine falls on all of them alike, and the table gives
// medians of the rounds and their ratios. Then, on the bench foundation (200 entitled orgs, 50 ms of latency), spawn
// → first API request and the wall time of `segment status` with both builds in the same run, from the simulator's
// journal. Writes the "## Start-up" section of bench/results.md. Run alone: `npm run build && node --import tsx bench/startup.ts`.
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {generateSeed, startSimulator} from '../src/sim/index.js'
import {cgx, median, snapshotBuild, timedRun, type Timed} from './reports/cli.js'
import {writeSection} from './results-file.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const PAIRS = Number(process.env.BENCH_STARTUP_PAIRS ?? 15)
const REPORT_PAIRS = Number(process.env.BENCH_STARTUP_REPORT_PAIRS ?? 10)
const LATENCY_MS = 50
const FOUNDATION = {orgs: 1000, spacesPerOrg: 10, segments: 20, securityGroups: 200, appsPerSpace: 1, entitledOrgs: 200}
const REPORT = ['segment', 'status', '--json', '--no-restart-check']

/** The commands the issue sets targets for: ratio of the median wall time to bare node's. */
const COMMANDS: {args: string[]; target: number}[] = [
  {args: ['--version'], target: 1.5},
  {args: ['egress', 'ranges', '-a', 'https://api.fr.cloud.gov'], target: 2.0},
  {args: ['segment', 'status', '--help'], target: 2.0},
]

/** How the bundle came to be as it is: each step measured on this machine, 2026-12-06, paired medians, loaded. */
const TRIED = [
  'What was tried (paired runs against `node -e 0`, this machine under other test runs, 2026-12-06):',
  '',
  '- One explicit command index (`oclif.commands: {strategy: "explicit"}`) importing every command: importing it took 210–550 ms ' +
    "against 70–100 ms for the bundled @oclif/core alone (load 7–9), since every command pays for all the others' code (undici, " +
    'ajv, the simulator, both YAML parsers). Replaced by one file per command, found through the manifest. Kept.',
  '- The CF client imported on first use, with our modules marked side-effect free for the bundler: `egress ranges` 111 ms ' +
    'against 139 ms with axios loaded on start (12 pairs, load 2.1). Kept.',
  "- esbuild's code splitting across commands: it groups modules by the files that import them, so the chunk every command " +
    'loads held all of src/cf with axios. Not used for commands (it split @oclif/core between index.js and core.js until the bundles became CommonJS, below).',
  "- @oclif/core's names from its own modules instead of its index (about 60 fewer modules per command): 105 vs 109 ms and " +
    '116 vs 119 ms (15 and 20 pairs), within the noise. Dropped.',
  '- Minified bundles: 175 vs 166 ms (`segment status` start), 136 vs 124 ms (`egress ranges`), 88 vs 93 ms (`--version`), ' +
    '15 pairs, load 5.1: no gain. Dropped; stack traces stay readable.',
  "- `--version` answered by bin/run.js before oclif loads, in oclif's words (a test compares it with Config.userAgent): " +
    '93 vs 173 ms through oclif, node 79 ms (15 pairs, load 5). Kept.',
  '- Our own commands run with a config of the root package alone (no help, autocomplete or not-found plugin loaded): ' +
    '206 vs 212 ms (`egress ranges`) and 180 vs 184 ms (`segment status --help`), 15 pairs, load 5: about 3 %. Dropped.',
  "- The floor for a command: importing `egress ranges`'s own bundle (its code and the @oclif/core parts it needs, no " +
    'Config) is 129 ms against 67 ms for `node -e 0` (1.94×, 12 pairs, load 3.6), and the whole command 171 ms (2.55×): a ' +
    "dispatcher that skipped oclif's Config could not reach 2.0× either while commands are oclif classes.",
  '',
  'Second pass, later the same day (whole process, paired medians of 21 rounds, a clean environment as here: an inherited ' +
    '`NODE_EXTRA_CA_CERTS` alone adds 35 ms to every node start on this machine, `node -e 0` included):',
  '',
  "- A V8 code cache, as Node 22's `module.enableCompileCache()` does: Node 20 caches only scripts, so the bundles became " +
    'CommonJS, compiled through `vm.Script` with the data of their first run (src/cli/compile-cache.ts). `egress ranges` ' +
    '65 vs 95 ms without it, `segment status --help` 68 vs 85 ms (node 27 ms, load 2.6). Kept. The cache written after the ' +
    'first run (the functions that ran, compiled) against one written before running (top level only): loading @oclif/core ' +
    "15.5 vs 22.5 ms. Kept. Node 20 loses the import() callback of a script compiled from cache, so oclif's imports of its " +
    'ESM plugins go through launch.cjs (scripts/bundle-cli.js, importOutsideTheCache).',
  '- bin/run.js as CommonJS (bin/package.json): an ES module entry costs 6 ms before its first line (29.4 vs 22.6 ms for ' +
    'a one-line file, 21 rounds). Kept.',
  "- oclif's Config.load, timed inside the process: 17 ms with the three plugins, 11 ms without them (launch.cjs leaves " +
    "them out when the command line names one of cgx's own commands), 5 ms without ICU's collator as well (oclif sorted " +
    'command ids with localeCompare; the first call of a process costs 6 ms; ids are ASCII, so the build sorts them by code ' +
    'unit). Both kept.',
  '- The command bundles initialised the whole CF client (src/cf/index.ts, node:http and node:https) to catch its errors: ' +
    'the barrel re-exported with `export *`, which the bundler cannot leave out. Named re-exports, the error classes imported ' +
    'from src/cf/errors.ts. Kept.',
  "- axios loaded Node's own undici on import (its fetch adapter tests Request and Response, its utils look FormData " +
    'up; Node loads undici on first touch of those globals: `node -e globalThis.FormData` 44.6 vs 23.6 ms): the bundle leaves ' +
    'the fetch adapter out (cgx uses the http adapter) and recognises FormData by its tag. `segment status`, process start ' +
    'to first request: 82 → 63 ms (performance.now() in the process, 5 runs each). Kept.',
  '- The code cache first keyed by file name, size and modification time: two one-line files of the command tree with the ' +
    "same name and length (route-allow list's, client-cert list's) shared an entry, and V8, which checks only a source's " +
    'length, ran the one for the other (the e2e suite caught it). Keyed by a CRC-32 of the content, as Node 22 keys its ' +
    'cache: 1.3–1.9 ms per start. npm gives every file it installs one modification time, so an upgrade would have run ' +
    'the release before it.',
  '- axios and the two YAML parsers in files of their own (dist/cgx/vendor.*.cjs), required where the lazy import ' +
    'is evaluated: `egress ranges` 61 vs 67 ms (25 rounds, node 24 ms, load 1.6), its file 130 kB instead of 970 kB; ' +
    '`segment status` to its first request unchanged within the noise (6 alternating runs). Kept.',
  "- oclif's help measures each word with string-width 4, whose first call compiles a 10 kB emoji regular expression: " +
    'printable ASCII answered first by its length (the same answer its loop gives). From oclif loaded to exit in ' +
    '`segment status --help`: 17 vs 23.5 ms (medians of 8 alternating runs, performance.now() in the process). Kept.',
  "- oclif's help passes every text through ejs, which compiles each into a function: texts without a tag (`<%`) are " +
    'printed as they are (ejs would give them back unchanged). From oclif loaded to exit in `segment status --help`: ' +
    '8.7 vs 13.7 ms (8 alternating runs). Kept; test/e2e/help-as-oclif.test.ts holds every help page of the bundle to ' +
    'what @oclif/core from node_modules prints.',
  '- Where a warm `egress ranges` spends its time (performance.now() marks): node until the first line of bin/run.js 17 ms, ' +
    'launch 2, loading @oclif/core 15 (reading and deserialising 730 kB, its modules, node:tty, node:net and ' +
    'node:child_process it loads), Config.load 5, loading the command 9 (reading 970 kB, most of it axios and YAML ' +
    'left unevaluated, before the vendor files above), running it 2. The part not ours is 17 + 15 + 5 ms: with oclif ' +
    'answering, 2.0× of bare node leaves a command almost nothing.',
  '',
  'Third pass (a later session, same machine; in-process figures are performance.now() marks, medians of 4–6 runs; ' +
    'whole-process ones paired rounds as above):',
  '',
  '- That floor was not one. @oclif/core initialised 158 modules for a command, of which it used about 45: its ' +
    "TypeScript output reaches modules as `const x_1 = require('y')` used only as `x_1.name`, and the build makes such " +
    'bindings proxies that require on first use. Loading oclif.cjs: 15 → 7 ms. Kept.',
  '- On the way to every command, oclif loaded semver to check Node against a package.json it cannot find in the bundle ' +
    '(47 modules, 1.3 ms, then silence), wsl-utils for is-wsl’s answer (1.8 ms), and debug for a logger that prints only ' +
    'under DEBUG (1.1–1.8 ms; launch passes oclif a silent one when DEBUG is unset). Each left out. Kept.',
  '- Each run loaded oclif’s Config twice: Command.run rebuilds the Config it is given, which oclif does since 4.8.4 even ' +
    'when it comes from the same oclif (up to 4.8.3, and in Shopify’s CLI, which pins 4.8.3 for it, it handed it back). ' +
    'Handed back. Then oclif’s four fs/promises calls on the way (manifest, command folders, theme) each waited for ' +
    "libuv's thread pool, the first starting it: synchronous reads took Config.load's plugin loading from 4.2 to 1.6 ms, " +
    'its theme from 1.7 to 0.6, and the loaded index to the command file from 9.8 to 3.8 ms. Kept; cgx reads its own ' +
    'small files (the cf config, the cgx config, named files) synchronously too, and `egress ranges` no longer loads ' +
    'fs/promises (1.3 ms). Kept.',
  '- The code cache was keyed by a CRC-32 of the content, which loaded node:zlib and its stream modules and hashed 1.7 MB: ' +
    "3.4 ms of a start (--cpu-prof). Keyed by the file's inode and change time instead, which the system sets on every " +
    'write and rename, and npm cannot set as it sets modification times. Kept.',
  '- A file’s cache entry was written by its first run, whatever that was: after a first `--help`, oclif.cjs’s entry held ' +
    "help's code and little of a command's, and the reverse. With the matching entry, `segment status --help` 2.6 ms " +
    'faster (90 % interval of the median paired difference 1.2–4.3 ms) and `egress ranges` 3.5 ms (2.2–8.4), 40 rounds ' +
    'each. One set of entries per kind of run (a command, help); the row above that loads oclif.cjs doing nothing, which ' +
    'ran first in each round and so wrote the entry every command then used, has its own. Kept.',
  "- oclif's help compiled its own usage line and every `<%= config.bin %>` example with ejs (1.6 ms of `--help` with " +
    'loading ejs): a template whose tags only print a property gets it, escaped as ejs escapes it. Kept.',
  '- axios loaded form-data (with 200 kB of mime types and a dozen shims), follow-redirects, http2, crypto and ' +
    'https-proxy-agent (with debug and assert) on import: 15 ms to load the HTTP client, half a bare node start. cgx ' +
    'sends JSON, forms and spec FormData over HTTP/1.1 with redirects off, and a proxy agent is needed only under ' +
    'HTTPS_PROXY: those load on first use (test/e2e/https-proxy.test.ts goes through a CONNECT proxy). 15 → 7 ms, ' +
    'medians of 7 alternating runs. Kept.',
  '- What is left to the first request of a report (performance.now() marks, `segment status`): node until bin/run.js ' +
    '18 ms, launch and oclif 7, Config.load to the command file 4.6, the command 3.3, axios 7–10 (with https and tls), ' +
    'the client to its first connect 4. For scale, a node script that reads the cf config and sends one GET gets its ' +
    'request out at 1.22× `node -e 0` (27.6 vs 22.7 ms, 20 rounds): 1.5× leaves 6 ms for a CLI framework, flag parsing, ' +
    'an HTTP client and the token, which oclif (about 12 ms from launch to the command file) and axios (7) exceed on ' +
    'their own.',
  "- The report's wall fell by less than the start-up saved in most runs of this table (by 163 of 182 ms, 158 of 185, " +
    '195 of 221; once 186 of 188 over 25 pairs): what comes after the first request takes 12–14 ms longer bundled, ' +
    'whichever of the pair runs first (median paired difference, 15 pairs each way). Not from loading: after its ' +
    'first connect the bundled report loads no module (Module._load marks), and the lazy modules are asked for 200 ' +
    'times in the whole run; CPU profiles show no function of ours or of the bundle apart. Left as it is, measured: ' +
    'the start-up saved is 14 times that.',
]

type Run = (args: readonly string[], cfHome: string) => Promise<Timed>

/** The sources compiled by tsc into a temporary package run by @oclif/core from node_modules, with its manifest. */
function unbundledBuild(): {dir: string; run: Run} {
  const dir = mkdtempSync(path.join(tmpdir(), 'cgx-bench-unbundled-'))
  execFileSync(process.execPath, [
    path.join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    path.join(root, 'tsconfig.json'),
    '--outDir',
    path.join(dir, 'dist'),
  ])
  const pjson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({...pjson, main: 'dist/index.js', oclif: {...pjson.oclif, commands: './dist/commands'}}),
  )
  mkdirSync(path.join(dir, 'bin'))
  writeFileSync(path.join(dir, 'bin/run.js'), "import {execute} from '@oclif/core'\n\nawait execute({dir: import.meta.url})\n")
  for (const entry of ['node_modules', 'examples']) symlinkSync(path.join(root, entry), path.join(dir, entry))
  execFileSync(process.execPath, [path.join(root, 'node_modules/oclif/bin/run.js'), 'manifest'], {cwd: dir, stdio: 'ignore'})
  const runJs = path.join(dir, 'bin/run.js')
  return {dir, run: (args, cfHome) => timedRun(process.execPath, [runJs, ...args], {CF_HOME: cfHome, HOME: cfHome})}
}

function succeeded(run: Timed, what: string): Timed {
  if (run.exitCode !== 0) throw new Error(`${what} failed (${run.exitCode}): ${run.stderr}`)
  return run
}

const ms = (value: number) => `${Math.round(value)} ms`
const times = (value: number) => `${value.toFixed(2)}×`

/** Node loading what bin/run.js loads before a command (launch, then @oclif/core through the code cache) and doing nothing. */
const IMPORT_ONLY = [
  '-e',
  `const bundle = ${JSON.stringify(path.join(root, 'dist/cgx') + path.sep)}; ` +
    "require(bundle + 'launch.cjs').enableCompileCache(bundle, 'load'); require(bundle + 'oclif.cjs')",
]

/** A command's first run on a machine: no code cache yet, so it compiles everything and writes the cache. */
async function coldRun(args: readonly string[], cfHome: string): Promise<Timed> {
  const cache = mkdtempSync(path.join(tmpdir(), 'cgx-bench-cold-'))
  try {
    return await timedRun(process.execPath, [path.join(root, 'bin/run.js'), ...args], {
      CF_HOME: cfHome,
      HOME: cfHome,
      XDG_CACHE_HOME: cache,
    })
  } finally {
    rmSync(cache, {recursive: true, force: true})
  }
}

const COLD = COMMANDS[1].args

/** The median over rounds of each round's ratio: a round's runs share the machine's state, which drifts between rounds. */
function pairedRatio(runs: readonly number[], node: readonly number[]): number {
  return median(runs.map((value, i) => value / node[i]))
}

async function commandTable(unbundled: Run, cfHome: string): Promise<string[]> {
  const node: number[] = []
  const importOnly: number[] = []
  const rows = COMMANDS.map(() => ({before: [] as number[], after: [] as number[]}))
  for (let i = 0; i < PAIRS; i++) {
    node.push(succeeded(await timedRun(process.execPath, ['-e', '0'], {}), 'node -e 0').ms)
    importOnly.push(succeeded(await timedRun(process.execPath, IMPORT_ONLY, {HOME: cfHome}), 'load dist/cgx/oclif.cjs').ms)
    for (const [j, {args}] of COMMANDS.entries()) {
      rows[j].after.push(succeeded(await cgx(args, cfHome), `cgx ${args.join(' ')}`).ms)
      rows[j].before.push(succeeded(await unbundled(args, cfHome), `unbundled cgx ${args.join(' ')}`).ms)
    }
  }
  // First runs in rounds of their own: writing a code cache leaves the disk busy for the runs after it.
  const coldNode: number[] = []
  const cold: number[] = []
  for (let i = 0; i < PAIRS; i++) {
    coldNode.push(succeeded(await timedRun(process.execPath, ['-e', '0'], {}), 'node -e 0').ms)
    cold.push(succeeded(await coldRun(COLD, cfHome), `first cgx ${COLD.join(' ')}`).ms)
  }
  return [
    `| command | bundled (median of ${PAIRS}) | × \`node -e 0\` (median of the rounds' ratios) | target | unbundled | × \`node -e 0\` |`,
    '|---|---|---|---|---|---|',
    `| \`node -e 0\` | ${ms(median(node))} | 1.00× | | | |`,
    `| node loading dist/cgx/launch.cjs and @oclif/core (oclif.cjs) through the code cache, doing nothing | ${ms(median(importOnly))} | ${times(pairedRatio(importOnly, node))} | | | |`,
    ...COMMANDS.map(({args, target}, j) => {
      const after = pairedRatio(rows[j].after, node)
      const met = after <= target ? 'met' : 'not met'
      return `| \`cgx ${args.join(' ')}\` | ${ms(median(rows[j].after))} | ${times(after)} | ≤ ${times(target)} (${met}) | ${ms(median(rows[j].before))} | ${times(pairedRatio(rows[j].before, node))} |`
    }),
    `| \`cgx ${COLD.join(' ')}\`, first run (no code cache yet: compiles, then writes it) | ${ms(median(cold))} | ${times(pairedRatio(cold, coldNode))} | | | |`,
  ]
}

interface ReportRun {
  startupMs: number
  wallMs: number
}

/** Spawn → first request (from the journal) and wall time of one `segment status` run. */
async function reportRun(run: Run, cfHome: string, sim: Awaited<ReturnType<typeof startSimulator>>): Promise<ReportRun> {
  sim.journal.clear()
  const timed = succeeded(await run(REPORT, cfHome), 'segment status')
  const first = Math.min(...sim.journal.entries().map((entry) => Date.parse(entry.time)))
  return {startupMs: first - timed.startedAt, wallMs: timed.ms}
}

async function reportTable(unbundled: Run): Promise<string[]> {
  const sim = await startSimulator({seed: generateSeed(FOUNDATION), latencyMs: LATENCY_MS})
  const cfHome = mkdtempSync(path.join(tmpdir(), 'cgx-bench-startup-'))
  try {
    succeeded(await cgx(['login', '-a', sim.url, '-u', 'admin', '-p', 'admin'], cfHome), 'login')
    const node: number[] = []
    const before: ReportRun[] = []
    const after: ReportRun[] = []
    for (let i = 0; i < REPORT_PAIRS; i++) {
      node.push((await timedRun(process.execPath, ['-e', '0'], {})).ms)
      after.push(await reportRun(cgx, cfHome, sim))
      before.push(await reportRun(unbundled, cfHome, sim))
    }
    const m = (runs: ReportRun[], key: keyof ReportRun) => median(runs.map((r) => r[key]))
    const startup = (runs: ReportRun[]) =>
      pairedRatio(
        runs.map((r) => r.startupMs),
        node,
      )
    const saved = m(before, 'startupMs') - m(after, 'startupMs')
    const fell = m(before, 'wallMs') - m(after, 'wallMs')
    const afterStart = median(after.map((r, i) => r.wallMs - r.startupMs - (before[i].wallMs - before[i].startupMs)))
    return [
      `\`cgx ${REPORT.join(' ')}\` on ${FOUNDATION.orgs} orgs / ${FOUNDATION.orgs * FOUNDATION.spacesPerOrg} spaces, ` +
        `${FOUNDATION.entitledOrgs} entitled orgs, ${LATENCY_MS} ms per request; medians of ${REPORT_PAIRS} pairs; the first request's arrival from the simulator's journal.`,
      '',
      "| | spawn → first API request | × `node -e 0` (median of the rounds' ratios; target ≤ 1.50×) | wall |",
      '|---|---|---|---|',
      `| bundled | ${ms(m(after, 'startupMs'))} | ${times(startup(after))} | ${ms(m(after, 'wallMs'))} |`,
      `| unbundled | ${ms(m(before, 'startupMs'))} | ${times(startup(before))} | ${ms(m(before, 'wallMs'))} |`,
      '',
      `Start-up saved: ${ms(saved)}; the wall fell by ${ms(fell)} (${fell >= saved ? 'at least' : 'less than'} the start-up saved). ` +
        `After the first request, bundled − unbundled per pair: median ${ms(afterStart)}. \`node -e 0\` in the same rounds: ${ms(median(node))}.`,
    ]
  } finally {
    rmSync(cfHome, {recursive: true, force: true})
    await sim.close()
  }
}

/** The "## Start-up" section; expects a built CLI (bench/reports/cli.ts runs it, snapshotted or in place). */
export async function startupSection(): Promise<string> {
  const loadBefore = loadavg()[0]
  const unbundled = unbundledBuild()
  const cfHome = mkdtempSync(path.join(tmpdir(), 'cgx-bench-startup-'))
  try {
    const commands = await commandTable(unbundled.run, cfHome)
    const report = await reportTable(unbundled.run)
    return [
      '## Start-up',
      '',
      `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ${cpus().length} cores shared with whatever else runs, ` +
        `load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after. Whole-process wall time, spawn to exit. ` +
        `Paired rounds: \`node -e 0\`, then each command bundled (dist/cgx, what bin/run.js runs) and unbundled ` +
        `(the same sources compiled by tsc and loaded file by file with @oclif/core from node_modules, as before the bundle).`,
      '',
      ...commands,
      '',
      ...report,
      '',
      ...TRIED,
    ].join('\n')
  } finally {
    rmSync(cfHome, {recursive: true, force: true})
    rmSync(unbundled.dir, {recursive: true, force: true})
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const build = snapshotBuild()
  try {
    const section = await startupSection()
    writeSection('## Start-up', section)
    console.log(section)
  } finally {
    rmSync(build, {recursive: true, force: true})
  }
}
