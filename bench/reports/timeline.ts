// Where the wall time of one run goes, from the simulator's journal: when each kind of request first and last
// arrived, measured from the moment the CLI was spawned (both on the same machine clock).
import type {JournalEntry} from '../../src/sim/index.js'

export interface Phase {
  /** "GET /v3/spaces", GUIDs blanked. */
  readonly kind: string
  readonly requests: number
  /** Arrival of the first and of the last request of the kind, ms after the spawn. */
  readonly firstMs: number
  readonly lastMs: number
}

export interface Timeline {
  /** Spawn to the first request: node, oclif, the command's modules, reading the config. */
  readonly startupMs: number
  readonly phases: readonly Phase[]
  /** From the last request's answer (arrival + latency) to the exit: parse, compute, render, write, exit. */
  readonly tailMs: number
}

export const requestKind = (entry: Pick<JournalEntry, 'method' | 'path'>): string =>
  `${entry.method} ${entry.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':guid')}`

export function timeline(entries: readonly JournalEntry[], spawnedAt: number, exitedAfterMs: number, latencyMs: number): Timeline {
  const phases = new Map<string, {requests: number; firstMs: number; lastMs: number}>()
  for (const entry of entries) {
    const at = Date.parse(entry.time) - spawnedAt
    const phase = phases.get(requestKind(entry))
    if (phase === undefined) phases.set(requestKind(entry), {requests: 1, firstMs: at, lastMs: at})
    else Object.assign(phase, {requests: phase.requests + 1, lastMs: Math.max(phase.lastMs, at)})
  }
  const ordered = [...phases].map(([kind, phase]) => ({kind, ...phase})).sort((a, b) => a.firstMs - b.firstMs)
  const lastAnswer = Math.max(...ordered.map((p) => p.lastMs)) + latencyMs
  return {startupMs: ordered[0]?.firstMs ?? exitedAfterMs, phases: ordered, tailMs: exitedAfterMs - lastAnswer}
}
