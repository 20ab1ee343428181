// The "## Reports" section of bench/results.md, from the figures bench/run.ts measured.
import {cpus} from 'node:os'

import {LOOKUP_CONCURRENCY} from '../../src/ops/foundation/index.js'
import {CF_REQUESTS_PER_SPACE, type PatternRun} from './cf-pattern.js'
import {CPU_BUCKETS, type CpuBucket} from './profile.js'
import type {Timeline} from './timeline.js'

export interface Foundation {
  readonly label: string
  readonly entitledOrgs: number
}

export interface Measured {
  readonly foundation: string
  readonly command: string
  /** The median run's wall time, and every run's. */
  readonly ms: number
  readonly allMs: readonly number[]
  readonly requests: number
  /** Round trips on the critical path with unlimited parallelism. */
  readonly roundTrips: number
  /** CPU time of the bench process (the simulator) while the command ran: the single-threaded simulator's own floor. */
  readonly simCpuMs: number
  readonly outputBytes: number
  readonly breakdown: Record<string, number>
  readonly timeline: Timeline
}

export interface Profiled {
  readonly command: string
  readonly ms: number
  readonly simCpuMs: number
  readonly buckets: Record<CpuBucket, number>
  readonly busyMs: number
  readonly spanMs: number
}

export interface Startup {
  readonly nodeMs: number
  readonly cgxMs: number
  readonly oclifImportMs: number
  readonly axiosImportMs: number
}

export interface Figures {
  date: string
  node: string
  load: number
  latencyMs: number
  runs: number
  shape: {orgs: number; spacesPerOrg: number; segments: number; securityGroups: number; appsPerSpace: number}
  startup: Startup
  reports: Measured[]
  profiles: Profiled[]
  cfPattern: PatternRun
  benchSeconds: number
}

const ms = (value: number) => `${Math.round(value)} ms`
const seconds = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : ms(value))
const times = (x: number) => `${x >= 10 ? Math.round(x) : x.toFixed(2)}×`

/** Per-object reads (a GUID in the path) go LOOKUP_CONCURRENCY at a time after the listings they follow. */
function boundedRoundTrips(r: Measured): number {
  const perObject = Object.entries(r.breakdown)
    .filter(([kind]) => kind.includes(':guid'))
    .reduce((n, [, count]) => n + count, 0)
  return r.roundTrips - 2 + Math.ceil(perObject / LOOKUP_CONCURRENCY)
}

function reportRows(f: Figures, spaces: number): string[] {
  const cfRequests = spaces * CF_REQUESTS_PER_SPACE
  const cfMs = (f.cfPattern.ms / f.cfPattern.spaces) * spaces
  return [
    `| command | foundation | wall (median of ${f.runs}) | requests | fewer requests than cf pattern | faster than cf pattern | limit: critical path, unbounded | wall / limit | wall / (limit + node startup) | ≈ critical path at ${LOOKUP_CONCURRENCY} in flight | simulator CPU |`,
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...f.reports.map((r) => {
      const limitMs = r.roundTrips * f.latencyMs
      const bounded = boundedRoundTrips(r)
      return (
        `| \`${r.command}\` | ${r.foundation} | ${seconds(r.ms)} | ${r.requests} | ${times(cfRequests / r.requests)} | ${times(cfMs / r.ms)} | ` +
        `${r.roundTrips} × ${f.latencyMs} ms = ${ms(limitMs)} | ${times(r.ms / limitMs)} | ${times(r.ms / (limitMs + f.startup.nodeMs))} | ` +
        `${bounded} × ${f.latencyMs} ms = ${seconds(bounded * f.latencyMs)} | ${seconds(r.simCpuMs)} |`
      )
    }),
    `| cf CLI pattern (${CF_REQUESTS_PER_SPACE} sequential requests per space) | any | ${seconds(cfMs)} (extrapolated) | ${cfRequests} | | | | | | | |`,
  ]
}

function timelineTable(r: Measured, latencyMs: number): string[] {
  const t = r.timeline
  const last = Math.max(...t.phases.map((p) => p.lastMs)) + latencyMs
  return [
    `#### \`${r.command}\` (${r.foundation}), the median run: ${ms(r.ms)}, ${(r.outputBytes / 1e6).toFixed(1)} MB of JSON`,
    '',
    '| step | requests | from (ms after spawn) | to |',
    '|---|---|---|---|',
    `| process start to the first request: node, oclif, the command's modules, the config | | 0 | ${Math.round(t.startupMs)} |`,
    ...t.phases.map(
      (p) => `| \`${p.kind}\` | ${p.requests} | ${Math.round(p.firstMs)} | ${Math.round(p.lastMs)} (+ ${latencyMs} latency) |`,
    ),
    `| last answer to exit: JSON parse, joins, domain, rendering, writing, exit | | ${Math.round(last)} | ${Math.round(r.ms)} (${ms(t.tailMs)}) |`,
  ]
}

function cpuTable(p: Profiled): string[] {
  return [
    `CPU of the CLI in one more run under \`node --cpu-prof\` (${ms(p.ms)} wall; profiling adds a little): ${ms(p.busyMs)} busy ` +
      `of the ${ms(p.spanMs)} profiled; the simulator used ${ms(p.simCpuMs)} of CPU meanwhile.`,
    '',
    '| CLI CPU | ms | share of the wall time |',
    '|---|---|---|',
    ...CPU_BUCKETS.map((bucket) => `| ${bucket} | ${Math.round(p.buckets[bucket])} | ${Math.round((100 * p.buckets[bucket]) / p.ms)} % |`),
    `| waiting (idle: network, latency, the simulator) | ${Math.round(p.spanMs - p.busyMs)} | ${Math.round((100 * (p.spanMs - p.busyMs)) / p.ms)} % |`,
  ]
}

function floor(f: Figures, status: Measured): string[] {
  const limitMs = status.roundTrips * f.latencyMs
  const floorMs = status.timeline.startupMs + limitMs + status.timeline.tailMs
  const s = f.startup
  const parse = f.profiles[0].buckets['JSON parse of responses']
  return [
    `- **Floor.** The target (wall ≤ 1.5 × limit = ${ms(1.5 * limitMs)}) is not met, and a Node CLI cannot meet it here: bare node ` +
      `(\`node -e 0\`, ${ms(s.nodeMs)}) plus the ${ms(limitMs)} of round trips leave ${ms(1.5 * limitMs - s.nodeMs - limitMs)} for loading ` +
      `the code, parsing the answers (${ms(parse)} of JSON.parse alone for the 5000-space pages and the rest) and writing ` +
      `${(status.outputBytes / 1e6).toFixed(1)} MB. This CLI's own floor: before its first request \`segment status\` spends ` +
      `${ms(status.timeline.startupMs)} (median run; importing @oclif/core alone takes ${ms(s.oclifImportMs - s.nodeMs)} over bare node, axios ` +
      `${ms(s.axiosImportMs - s.nodeMs)}, \`cgx --version\` ${ms(s.cgxMs)} in all), and after the last answer ${ms(status.timeline.tailMs)}: ` +
      `${ms(floorMs)} with the ${ms(limitMs)} of round trips, against ${ms(status.ms)} measured. The difference is the bound on reads in ` +
      `flight (${boundedRoundTrips(status)} round trips instead of ${status.roundTrips}) and the client's CPU per request (the HTTP client row).`,
  ]
}

export function section(f: Figures): string {
  const spaces = f.shape.orgs * f.shape.spacesPerOrg
  const [status] = f.reports
  const defaults = (r: Measured) => r.breakdown['GET /v3/organizations/:guid/relationships/default_isolation_segment'] ?? 0
  const worst = f.reports.find((r) => r.foundation.startsWith('worst'))
  return [
    '## Reports',
    '',
    `\`npm run bench\` on ${f.date.slice(0, 10)}, Node ${f.node}: a simulated foundation of ${f.shape.orgs} orgs / ${spaces} spaces / ` +
      `${f.shape.segments} segments / ${f.shape.securityGroups} ASGs / ${spaces * f.shape.appsPerSpace} started apps, ${f.latencyMs} ms added to every request; ` +
      `the built CLI spawned with a temp CF_HOME; wall time from spawn to exit; requests counted from the simulator's journal. Whole bench: ${f.benchSeconds} s. ` +
      `Machine: ${cpus().length} cores shared by the CLI, the simulator and whatever else runs; load average ${f.load.toFixed(1)} at the end ` +
      '(wall times move with the load; request counts do not).',
    '',
    `**Entitlement density.** The seed dimensions do not say how many orgs are entitled to an isolation segment. The main rows entitle ` +
      `${defaults(status)} orgs (10 per segment, round-robin; on cloud.gov few orgs are entitled); the worst-case rows entitle every org. ` +
      'The API has no bulk read of org defaults, so the reports read one default per entitled org: that count, not the number of spaces, ' +
      'is what grows (test/integration/ops/foundation/request-count.test.ts proves the same requests for 100 and 5,000 spaces).',
    '',
    ...reportRows(f, spaces),
    '',
    `- cf CLI pattern: per space, in sequence: org, space, apps, service instances, space segment, org default, segment, running and ` +
      `staging security groups. Replayed for ${f.cfPattern.spaces} spaces spread over the foundation (${f.cfPattern.requests} requests in ` +
      `${seconds(f.cfPattern.ms)}, ${(f.cfPattern.ms / f.cfPattern.requests).toFixed(1)} ms each) and extrapolated linearly to ${spaces} spaces.`,
    `- Limit: the round trips on the critical path with unlimited parallelism, times the latency: segments → their relationships → org ` +
      'defaults, beside the orgs, the two 5000-space pages and the ASGs. cgx keeps at most ' +
      `${LOOKUP_CONCURRENCY} per-object reads in flight and starts each org-default read as soon as its segment's entitlements arrive, so ` +
      `its own best case is the "critical path at ${LOOKUP_CONCURRENCY} in flight" column` +
      (worst ? ` (${defaults(worst)} org defaults in the worst case).` : '.'),
    `- Reads in flight: ${LOOKUP_CONCURRENCY}. Measured once on this foundation with 200 entitled orgs (243 per-object reads, client in one ` +
      'process, simulator in another, 2026-11-23): 16 → 900 ms, 32 → 500 ms, 64 → 340 ms, 128 → 260 ms for the segment reads. Past 32 ' +
      'each doubling saves less while doubling what one user asks of the Cloud Controller at once; 32 is kept.',
    `- The restart check adds one process-stats request per started app (${spaces * f.shape.appsPerSpace} here); hence \`--no-restart-check\`.`,
    '- Simulator CPU: the simulator runs in the bench process, single-threaded, on the same 2 cores; while it serialises a 5000-space page ' +
      'other answers wait, so its CPU is time the latency limit does not show. It now builds list pages from cached per-resource JSON.',
    '',
    '### Where the wall time goes',
    '',
    ...f.reports.slice(0, 2).flatMap((r, i) => [...timelineTable(r, f.latencyMs), '', ...cpuTable(f.profiles[i]), '']),
    ...floor(f, status),
    `- Startup: \`cgx --version\` ${ms(f.startup.cgxMs)} vs \`node -e 0\` ${ms(f.startup.nodeMs)} (${times(f.startup.cgxMs / f.startup.nodeMs)}), ` +
      `medians of 5; \`node -e "import('@oclif/core')"\` ${ms(f.startup.oclifImportMs)}, \`node -e "import('axios')"\` ${ms(f.startup.axiosImportMs)}.`,
  ].join('\n')
}
