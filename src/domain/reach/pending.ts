// Running reach of a space whose apps have not all moved: a segment change reaches an app's instances only when they
// are replaced, so until then they reach what their old segment reaches. The verdict covers every instance.

import type {RestartNeeded} from '../segments/warnings.js'
import type {Evaluation} from './evaluate.js'

/**
 * The space's running evaluation on its effective segment, joined with the evaluations on the segments where apps
 * still run: the same verdict everywhere keeps it, different ones make it "partly"; the reason says where each
 * stands. Ports, coverage and rules stay those of the effective segment, where every new instance starts.
 */
export function withPending(
  segment: string,
  moved: Evaluation,
  pending: readonly RestartNeeded[],
  judgeOn: (segment: string) => Evaluation,
): Evaluation {
  const elsewhere = [...appsBySegment(pending)].map(([where, apps]) => ({where, apps, evaluation: judgeOn(where)}))
  const all = [moved, ...elsewhere.map((e) => e.evaluation)]
  const agree = all.every((e) => e.reachable === moved.reachable && e.dnsOnly === moved.dnsOnly)
  const notes = elsewhere.map(
    ({where, apps, evaluation}) =>
      `until restarted, ${apps.length === 1 ? 'app' : 'apps'} ${apps.map((a) => `'${a}'`).join(', ')} ${apps.length === 1 ? 'runs' : 'run'} ` +
      `on '${where}' (${evaluation.reachable}: ${evaluation.reason})`,
  )
  return {
    ...moved,
    reachable: agree ? moved.reachable : 'partly',
    dnsOnly: agree ? moved.dnsOnly : all.every((e) => e.reachable === 'no' || e.dnsOnly),
    reason: [`on '${segment}': ${moved.reason}`, ...notes].join('; '),
  }
}

/** Segment name → the apps with instances on it, in app order. */
function appsBySegment(pending: readonly RestartNeeded[]): Map<string, string[]> {
  const bySegment = new Map<string, string[]>()
  for (const app of pending) {
    for (const segment of app.runningOn) bySegment.set(segment, [...(bySegment.get(segment) ?? []), app.app])
  }
  return bySegment
}
