// `npm run bench`: the reports on a large foundation. A simulated foundation of 1,000 orgs / 10,000 spaces /
// 20 segments / 200 ASGs (one started app per space) with 50 ms of latency on every request; the built CLI, logged in
// with a temp CF_HOME, runs `segment status` and `reach`; wall time from spawn to exit, requests from the journal.
// Compared with the cf CLI's per-space request pattern (replayed on a sample of spaces and extrapolated) and with the
// limit (critical-path round trips × latency). Writes the "## Reports" section of bench/results.md and the raw
// figures to bench/reports/last-run.json.
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {LOOKUP_CONCURRENCY} from '../src/ops/foundation/index.js'
import {generateSeed, startSimulator, type Simulator} from '../src/sim/index.js'
import {CF_REQUESTS_PER_SPACE, replayCfPattern} from './reports/cf-pattern.js'
import {cgx, median, snapshotBuild, timedRun} from './reports/cli.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const resultsFile = path.join(root, 'bench/results.md')
const rawFile = path.join(root, 'bench/reports/last-run.json')

const LATENCY_MS = 50
const SHAPE = {orgs: 1000, spacesPerOrg: 10, segments: 20, securityGroups: 200, appsPerSpace: 1}
const SPACES = SHAPE.orgs * SHAPE.spacesPerOrg
/** Spaces replayed with the cf CLI pattern; the rest is extrapolated (all 10,000 would take ~75 minutes). */
const CF_SAMPLE = Number(process.env.BENCH_CF_SAMPLE ?? 100)
const STARTUP_RUNS = 5

interface Measured {
  readonly label: string
  readonly command: string
  readonly ms: number
  readonly requests: number
  /** Round trips on the critical path with unlimited parallelism. */
  readonly roundTrips: number
  /** CPU time of this process (the simulator) while the command ran: the single-threaded simulator's own floor. */
  readonly simCpuMs: number
  readonly breakdown: Record<string, number>
}

/** Requests by kind: GUIDs blanked, query left out. */
function breakdown(sim: Simulator): Record<string, number> {
  const kinds: Record<string, number> = {}
  for (const entry of sim.journal.entries()) {
    const kind = `${entry.method} ${entry.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':guid')}`
    kinds[kind] = (kinds[kind] ?? 0) + 1
  }
  return kinds
}

async function measure(sim: Simulator, cfHome: string, label: string, args: string[], roundTrips: number): Promise<Measured> {
  sim.journal.clear()
  const cpu = process.cpuUsage()
  const run = await cgx(args, cfHome)
  const used = process.cpuUsage(cpu)
  if (run.exitCode !== 0) throw new Error(`cgx ${args.join(' ')} failed (${run.exitCode}): ${run.stderr}`)
  JSON.parse(run.stdout)
  return {label, command: `cgx ${args.join(' ')}`, ms: run.ms, requests: sim.journal.entries().length, roundTrips,
    simCpuMs: (used.user + used.system) / 1000, breakdown: breakdown(sim)}
}

async function startup(cfHome: string): Promise<{cgxMs: number; nodeMs: number}> {
  const cgxRuns: number[] = []
  const nodeRuns: number[] = []
  for (let i = 0; i < STARTUP_RUNS; i++) {
    cgxRuns.push((await cgx(['--version'], cfHome)).ms)
    nodeRuns.push((await timedRun(process.execPath, ['-e', '0'], {})).ms)
  }
  return {cgxMs: median(cgxRuns), nodeMs: median(nodeRuns)}
}

/** The sample for the cf pattern: spaces spread over the whole foundation. */
function sampleSpaces(sim: Simulator): {guid: string; orgGuid: string}[] {
  const spaces = sim.store.tables.spaces.all()
  const step = Math.max(1, Math.floor(spaces.length / CF_SAMPLE))
  return spaces.filter((_, i) => i % step === 0).slice(0, CF_SAMPLE).map((s) => ({guid: s.guid, orgGuid: s.organization_guid}))
}

function accessToken(cfHome: string): string {
  const config = JSON.parse(readFileSync(path.join(cfHome, '.cf', 'config.json'), 'utf8')) as {AccessToken: string}
  return config.AccessToken
}

async function main(): Promise<void> {
  const started = Date.now()
  const build = snapshotBuild()
  const sim = await startSimulator({seed: generateSeed(SHAPE), latencyMs: LATENCY_MS})
  const cfHome = mkdtempSync(path.join(tmpdir(), 'cgx-bench-'))
  try {
    const login = await cgx(['login', '-a', sim.url, '-u', 'admin', '-p', 'admin'], cfHome)
    if (login.exitCode !== 0) throw new Error(`login failed: ${login.stderr}`)
    console.log(`foundation: ${SPACES} spaces, latency ${LATENCY_MS} ms; measuring startup...`)
    const boot = await startup(cfHome)
    const spacePages = Math.ceil(SPACES / 5000)
    // segments → relationships → org defaults (3), alongside the orgs, spaces (pages in sequence) and ASG listings.
    const listingRounds = Math.max(3, spacePages)
    console.log('segment status...')
    const status = await measure(sim, cfHome, 'segment status', ['segment', 'status', '--json', '--no-restart-check'], listingRounds)
    console.log('reach...')
    const reach = await measure(sim, cfHome, 'reach', ['reach', '--json'], listingRounds)
    console.log('segment status with the restart check...')
    // Plus: the apps and web processes (pages in sequence, side by side) → stats.
    const withRestart = await measure(sim, cfHome, 'segment status + restart check', ['segment', 'status', '--json'],
      Math.max(listingRounds, Math.ceil(SPACES * SHAPE.appsPerSpace / 5000) + 1))
    console.log(`cf CLI pattern on ${CF_SAMPLE} spaces...`)
    const cf = await replayCfPattern(sim.url, accessToken(cfHome), sampleSpaces(sim))
    const figures = {date: new Date().toISOString(), node: process.version, load: loadavg()[0], shape: SHAPE, latencyMs: LATENCY_MS, startup: boot,
      reports: [status, reach, withRestart], cfPattern: cf, benchSeconds: Math.round((Date.now() - started) / 1000)}
    writeFileSync(rawFile, JSON.stringify(figures, null, 2) + '\n')
    writeResults(section(figures))
    console.log(section(figures))
  } finally {
    rmSync(cfHome, {recursive: true, force: true})
    rmSync(build, {recursive: true, force: true})
    await sim.close()
  }
}

type Figures = {
  date: string; node: string; load: number; startup: {cgxMs: number; nodeMs: number}; reports: Measured[]
  cfPattern: {spaces: number; requests: number; ms: number}; benchSeconds: number
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const times = (x: number) => `${x >= 10 ? Math.round(x) : x.toFixed(2)}×`

function section(f: Figures): string {
  const cfRequests = SPACES * CF_REQUESTS_PER_SPACE
  const cfMs = (f.cfPattern.ms / f.cfPattern.spaces) * SPACES
  const rows = f.reports.map((r) => {
    const limitMs = r.roundTrips * LATENCY_MS
    return `| \`${r.command}\` | ${seconds(r.ms)} | ${r.requests} | ${times(cfRequests / r.requests)} | ${times(cfMs / r.ms)} | ` +
      `${r.roundTrips} × ${LATENCY_MS} ms = ${limitMs} ms | ${times(r.ms / limitMs)} | ${times(r.ms / (limitMs + f.startup.cgxMs))} | ${seconds(r.simCpuMs)} |`
  })
  const defaults = f.reports[0].breakdown['GET /v3/organizations/:guid/relationships/default_isolation_segment'] ?? 0
  return [
    '## Reports',
    '',
    `\`npm run bench\` on ${f.date.slice(0, 10)}, Node ${f.node}: a simulated foundation of ${SHAPE.orgs} orgs / ${SPACES} spaces / ` +
      `${SHAPE.segments} segments / ${SHAPE.securityGroups} ASGs / ${SPACES * SHAPE.appsPerSpace} started apps, ${LATENCY_MS} ms added to every request; ` +
      `the built CLI spawned with a temp CF_HOME; wall time from spawn to exit; requests counted from the simulator's journal. Whole bench: ${f.benchSeconds} s. ` +
      `Machine: ${cpus().length} cores, load average ${f.load.toFixed(1)} at the end (wall times move with the load; request counts do not).`,
    '',
    '| command | wall | requests | fewer requests than cf pattern | faster than cf pattern | limit (critical path) | wall / limit | wall / (limit + startup) | simulator CPU |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    `| cf CLI pattern (${CF_REQUESTS_PER_SPACE} sequential requests per space) | ${seconds(cfMs)} (extrapolated) | ${cfRequests} | | | | | | |`,
    '',
    `- cf CLI pattern: per space, in sequence: org, space, apps, service instances, space segment, org default, segment, running and ` +
      `staging security groups. Replayed for ${f.cfPattern.spaces} spaces spread over the foundation (${f.cfPattern.requests} requests in ` +
      `${seconds(f.cfPattern.ms)}, ${(f.cfPattern.ms / f.cfPattern.requests).toFixed(1)} ms each) and extrapolated linearly to ${SPACES} spaces.`,
    `- Of cgx's requests, ${defaults} are org default-segment reads: the API has no bulk read of org defaults, so there is one per org ` +
      `entitled to an isolation segment (here every org). They grow with orgs, never with spaces (test/integration/ops/foundation/request-count.test.ts).`,
    `- The restart check adds one process-stats request per started app (${SPACES * SHAPE.appsPerSpace} here); hence \`--no-restart-check\`.`,
    `- Limit: the round trips on the critical path with unlimited parallelism, times the latency. cgx keeps at most ${LOOKUP_CONCURRENCY} ` +
      `small reads in flight (a courtesy to the Cloud Controller), so the ${defaults} org-default reads take about ` +
      `${Math.ceil(defaults / LOOKUP_CONCURRENCY)} round trips.`,
    '- Simulator CPU: the single-threaded simulator (in the bench process) serves every request and builds the 5000-space pages; ' +
      'while it is busy, requests queue behind it, so its CPU time is a floor under the wall time that the latency limit does not show.',
    `- Startup: \`cgx --version\` ${f.startup.cgxMs.toFixed(0)} ms vs \`node -e 0\` ${f.startup.nodeMs.toFixed(0)} ms ` +
      `(${times(f.startup.cgxMs / f.startup.nodeMs)}), medians of ${STARTUP_RUNS}.`,
  ].join('\n')
}

function writeResults(text: string): void {
  const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmarks\n'
  const start = previous.indexOf('\n## Reports\n')
  let rest = previous
  if (start >= 0) {
    const end = previous.indexOf('\n## ', start + 1)
    rest = previous.slice(0, start) + (end < 0 ? '' : previous.slice(end))
  }
  writeFileSync(resultsFile, `${rest.trimEnd()}\n\n${text.trimEnd()}\n`)
}

await main()
