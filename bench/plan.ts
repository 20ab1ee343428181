// `cgx plan` on the large seeded foundation: export it, then plan the export (no changes), timing the built CLI and
// counting requests from the simulator's journal. bench/run.ts calls it on its logged-in simulator (`npm run bench`).
import path from 'node:path'

import type {Simulator} from '../src/sim/index.js'
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
  const exported = await cgx(['export', '-f', file], ctx.cfHome)
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
  const rows = Object.entries(f.breakdown)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `| \`${kind}\` | ${n} |`)
  return [
    '## Scripted setup: `cgx plan`',
    '',
    `\`cgx export\` of the whole foundation, then \`cgx plan -f\` of that file (${f.objects} objects, no changes).`,
    '',
    '| step | wall time | requests |',
    '|---|---|---|',
    `| \`cgx export -f FILE\` | ${(f.exportMs / 1000).toFixed(1)} s | — |`,
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
