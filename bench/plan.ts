// `cgx plan` on the large seeded foundation: export it, then plan the export (no changes), timing the built CLI and
// counting requests from the simulator's journal. `benchPlan` is for bench/run.ts (it reuses its logged-in simulator);
// run alone with `node --import tsx bench/plan.ts` it starts its own (same shape and latency as the reports bench).
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {generateSeed, startSimulator, type Simulator} from '../src/sim/index.js'
import {cgx} from './reports/cli.js'

export interface PlanBenchContext {
  readonly sim: Simulator
  /** A CF_HOME logged in to the simulator as admin. */
  readonly cfHome: string
}

export interface PlanFigures {
  readonly exportMs: number
  readonly planMs: number
  readonly planRequests: number
  readonly breakdown: Record<string, number>
  readonly objects: number
}

export async function benchPlan(ctx: PlanBenchContext): Promise<{section: string; figures: PlanFigures}> {
  const file = path.join(ctx.cfHome, 'bench-setup.yml')
  const exported = await cgx(['export', '-o', file], ctx.cfHome)
  if (exported.exitCode !== 0) throw new Error(`cgx export failed: ${exported.stderr}`)
  ctx.sim.journal.clear()
  const planned = await cgx(['plan', '-f', file, '--json', '--detailed-exitcode'], ctx.cfHome)
  if (planned.exitCode !== 0) throw new Error(`cgx plan found changes or failed (exit ${planned.exitCode}): ${planned.stderr}`)
  const entries = ctx.sim.journal.entries().filter((e) => !e.path.startsWith('/uaa/'))
  const breakdown: Record<string, number> = {}
  for (const e of entries) {
    const kind = `${e.method} ${e.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':guid')}`
    breakdown[kind] = (breakdown[kind] ?? 0) + 1
  }
  const plan = JSON.parse(planned.stdout).result as {summary: {noOp: number}}
  const figures = {exportMs: exported.ms, planMs: planned.ms, planRequests: entries.length, breakdown, objects: plan.summary.noOp}
  return {section: section(figures), figures}
}

function section(f: PlanFigures): string {
  const rows = Object.entries(f.breakdown).sort((a, b) => b[1] - a[1]).map(([kind, n]) => `| \`${kind}\` | ${n} |`)
  return [
    '## Scripted setup: `cgx plan`',
    '',
    `\`cgx export\` of the whole foundation, then \`cgx plan -f\` of that file (${f.objects} objects, no changes).`,
    '',
    '| step | wall time | requests |',
    '|---|---|---|',
    `| \`cgx export -o FILE\` | ${(f.exportMs / 1000).toFixed(1)} s | — |`,
    `| \`cgx plan -f FILE\` | ${(f.planMs / 1000).toFixed(1)} s | ${f.planRequests} |`,
    '',
    'Requests of the plan by kind (one org-default read per org entitled to an isolation segment: the API has no bulk read;',
    'nothing per space):',
    '',
    '| request | count |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n')
}

async function main(): Promise<void> {
  const shape = {orgs: 1000, spacesPerOrg: 10, segments: 20, securityGroups: 200, appsPerSpace: 1}
  const sim = await startSimulator({seed: generateSeed(shape), latencyMs: 50})
  const cfHome = mkdtempSync(path.join(tmpdir(), 'cgx-bench-plan-'))
  try {
    const login = await cgx(['login', '-a', sim.url, '-u', 'admin', '-p', 'admin'], cfHome)
    if (login.exitCode !== 0) throw new Error(login.stderr)
    process.stdout.write((await benchPlan({sim, cfHome})).section)
  } finally {
    await sim.close()
    rmSync(cfHome, {recursive: true, force: true})
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
