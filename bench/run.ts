// `npm run bench`: the reports on a large foundation. A simulated foundation of 1,000 orgs / 10,000 spaces /
// 20 segments / 200 ASGs (one started app per space) with 50 ms of latency on every request; the built CLI, logged in
// with a temp CF_HOME, runs `segment status` and `reach`; wall time from spawn to exit, requests from the journal.
// Two entitlement densities: a realistic one (10 orgs per segment) and the worst case (every org entitled, so one
// org-default read per org). Compared with the cf CLI's per-space request pattern (replayed on a sample of spaces
// and extrapolated) and with the limit (critical-path round trips × latency); the wall time of one run of each report
// is broken down (journal timeline, CPU profile of the CLI, simulator CPU). Writes the "## Reports" section of
// bench/results.md and the raw figures to bench/reports/last-run.json.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import {generateSeed, startSimulator, type Simulator} from '../src/sim/index.js'
import {replayCfPattern} from './reports/cf-pattern.js'
import {cgx, median, snapshotBuild, timedRun} from './reports/cli.js'
import {cpuBreakdown, profileIn} from './reports/profile.js'
import {section, type Figures, type Foundation, type Measured, type Profiled, type Startup} from './reports/section.js'
import {requestKind, timeline} from './reports/timeline.js'
import {benchPlan} from './plan.js'
import {benchSetupFile} from './setup-file.js'
import {writeSection} from './results-file.js'
import {startupSection} from './startup.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
const rawFile = path.join(root, 'bench/reports/last-run.json')

const LATENCY_MS = 50
const SHAPE = {orgs: 1000, spacesPerOrg: 10, segments: 20, securityGroups: 200, appsPerSpace: 1}
/** Realistic: 10 orgs per segment (on cloud.gov few orgs are entitled to an isolation segment). */
const REALISTIC: Foundation = {label: '200 entitled orgs', entitledOrgs: 200}
const WORST_CASE: Foundation = {label: 'worst case: all 1000 orgs entitled', entitledOrgs: SHAPE.orgs}
/** Spaces replayed with the cf CLI pattern; the rest is extrapolated (all 10,000 would take ~75 minutes). */
const CF_SAMPLE = Number(process.env.BENCH_CF_SAMPLE ?? 100)
const STARTUP_RUNS = 5
/** Runs of each quick report (the median is reported); the restart check (~25 s) runs once. */
const RUNS = 3

const STATUS = ['segment', 'status', '--json', '--no-restart-check']
const REACH = ['reach', '--json', '--no-restart-check']
// Unbounded parallelism: segments → their relationships → org defaults (3), beside orgs, 2 pages of spaces, ASGs.
const REPORT_ROUND_TRIPS = 3
// Plus, for the restart check: 2 pages of apps and of web processes (side by side) → stats.
const RESTART_ROUND_TRIPS = Math.ceil((SHAPE.orgs * SHAPE.spacesPerOrg * SHAPE.appsPerSpace) / 5000) + 1

async function measure(
  sim: Simulator,
  cfHome: string,
  foundation: Foundation,
  args: string[],
  roundTrips: number,
  runs: number,
): Promise<Measured> {
  const all: Omit<Measured, 'allMs'>[] = []
  for (let i = 0; i < runs; i++) {
    sim.journal.clear()
    const cpu = process.cpuUsage()
    const run = await cgx(args, cfHome)
    const used = process.cpuUsage(cpu)
    if (run.exitCode !== 0) throw new Error(`cgx ${args.join(' ')} failed (${run.exitCode}): ${run.stderr}`)
    JSON.parse(run.stdout)
    const entries = sim.journal.entries()
    const breakdown: Record<string, number> = {}
    for (const entry of entries) breakdown[requestKind(entry)] = (breakdown[requestKind(entry)] ?? 0) + 1
    all.push({
      foundation: foundation.label,
      command: `cgx ${args.join(' ')}`,
      ms: run.ms,
      requests: entries.length,
      roundTrips,
      simCpuMs: (used.user + used.system) / 1000,
      outputBytes: Buffer.byteLength(run.stdout),
      breakdown,
      timeline: timeline(entries, run.startedAt, run.ms, LATENCY_MS),
    })
  }
  const middle = [...all].sort((a, b) => a.ms - b.ms)[Math.floor(all.length / 2)]
  return {...middle, allMs: all.map((m) => m.ms)}
}

/** One more run under `node --cpu-prof`: where the CLI's CPU goes. */
async function profiled(sim: Simulator, cfHome: string, args: string[]): Promise<Profiled> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cgx-bench-prof-'))
  try {
    sim.journal.clear()
    const cpu = process.cpuUsage()
    const run = await cgx(args, cfHome, ['--cpu-prof', `--cpu-prof-dir=${dir}`])
    const used = process.cpuUsage(cpu)
    if (run.exitCode !== 0) throw new Error(`cgx ${args.join(' ')} failed under --cpu-prof: ${run.stderr}`)
    return {command: `cgx ${args.join(' ')}`, ms: run.ms, simCpuMs: (used.user + used.system) / 1000, ...cpuBreakdown(profileIn(dir))}
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/** Medians of bare node, node importing each of the two big dependencies alone, and `cgx --version`. */
async function startup(cfHome: string): Promise<Startup> {
  const importing = (name: string) => [
    '--input-type=module',
    '-e',
    `await import(${JSON.stringify(pathToFileURL(require.resolve(name)).href)})`,
  ]
  const runs = {nodeMs: [] as number[], oclifImportMs: [] as number[], axiosImportMs: [] as number[], cgxMs: [] as number[]}
  for (let i = 0; i < STARTUP_RUNS; i++) {
    runs.cgxMs.push((await cgx(['--version'], cfHome)).ms)
    runs.nodeMs.push((await timedRun(process.execPath, ['-e', '0'], {})).ms)
    runs.oclifImportMs.push((await timedRun(process.execPath, importing('@oclif/core'), {})).ms)
    runs.axiosImportMs.push((await timedRun(process.execPath, importing('axios'), {})).ms)
  }
  return {
    nodeMs: median(runs.nodeMs),
    oclifImportMs: median(runs.oclifImportMs),
    axiosImportMs: median(runs.axiosImportMs),
    cgxMs: median(runs.cgxMs),
  }
}

/** The sample for the cf pattern: spaces spread over the whole foundation. */
function sampleSpaces(sim: Simulator): {guid: string; orgGuid: string}[] {
  const spaces = sim.store.tables.spaces.all()
  const step = Math.max(1, Math.floor(spaces.length / CF_SAMPLE))
  return spaces
    .filter((_, i) => i % step === 0)
    .slice(0, CF_SAMPLE)
    .map((s) => ({guid: s.guid, orgGuid: s.organization_guid}))
}

function accessToken(cfHome: string): string {
  const config = JSON.parse(readFileSync(path.join(cfHome, '.cf', 'config.json'), 'utf8')) as {AccessToken: string}
  return config.AccessToken
}

/** A simulator seeded with `foundation`'s density and a CF_HOME logged in to it, for the length of `use`. */
async function onFoundation<T>(foundation: Foundation, use: (sim: Simulator, cfHome: string) => Promise<T>): Promise<T> {
  const sim = await startSimulator({seed: generateSeed({...SHAPE, entitledOrgs: foundation.entitledOrgs}), latencyMs: LATENCY_MS})
  const cfHome = mkdtempSync(path.join(tmpdir(), 'cgx-bench-'))
  try {
    const login = await cgx(['login', '-a', sim.url, '-u', 'admin', '-p', 'admin'], cfHome)
    if (login.exitCode !== 0) throw new Error(`login failed: ${login.stderr}`)
    return await use(sim, cfHome)
  } finally {
    rmSync(cfHome, {recursive: true, force: true})
    await sim.close()
  }
}

async function main(): Promise<void> {
  const started = Date.now()
  const build = snapshotBuild()
  try {
    const realistic = await onFoundation(REALISTIC, async (sim, cfHome) => {
      console.log(`${REALISTIC.label}: startup...`)
      const boot = await startup(cfHome)
      console.log('segment status, reach, their profiles...')
      const reports = [
        await measure(sim, cfHome, REALISTIC, STATUS, REPORT_ROUND_TRIPS, RUNS),
        await measure(sim, cfHome, REALISTIC, REACH, REPORT_ROUND_TRIPS, RUNS),
      ]
      const profiles = [await profiled(sim, cfHome, STATUS), await profiled(sim, cfHome, REACH)]
      console.log('segment status with the restart check...')
      reports.push(await measure(sim, cfHome, REALISTIC, ['segment', 'status', '--json'], RESTART_ROUND_TRIPS, 1))
      console.log(`cf CLI pattern on ${CF_SAMPLE} spaces...`)
      const cfPattern = await replayCfPattern(sim.url, accessToken(cfHome), sampleSpaces(sim))
      console.log('export and plan of the whole foundation...')
      const plan = await benchPlan({sim, cfHome})
      return {boot, reports, profiles, cfPattern, plan}
    })
    const worst = await onFoundation(WORST_CASE, async (sim, cfHome) => {
      console.log(`${WORST_CASE.label}: segment status, reach...`)
      return [
        await measure(sim, cfHome, WORST_CASE, STATUS, REPORT_ROUND_TRIPS, RUNS),
        await measure(sim, cfHome, WORST_CASE, REACH, REPORT_ROUND_TRIPS, RUNS),
      ]
    })
    const figures: Figures = {
      date: new Date().toISOString(),
      node: process.version,
      load: loadavg()[0],
      shape: SHAPE,
      latencyMs: LATENCY_MS,
      runs: RUNS,
      startup: realistic.boot,
      reports: [...realistic.reports.slice(0, 2), ...worst, realistic.reports[2]],
      profiles: realistic.profiles,
      cfPattern: realistic.cfPattern,
      benchSeconds: Math.round((Date.now() - started) / 1000),
    }
    writeFileSync(rawFile, JSON.stringify(figures, null, 2) + '\n')
    writeSection('## Reports', section(figures))
    writeSection('## Scripted setup: `cgx plan`', realistic.plan.section)
    console.log(section(figures))
    console.log(realistic.plan.section)
    console.log('plan of large setup files...')
    const large = await benchSetupFile()
    writeSection('## Large setup files', large.section)
    console.log(large.section)
    writeSection('## Start-up', await startupSection())
  } finally {
    rmSync(build, {recursive: true, force: true})
  }
}

await main()
