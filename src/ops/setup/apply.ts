// `cgx apply -f FILE`: plan from the live state, confirm, then run the steps in dependency order. The first failure
// stops it, saying what was done and what was not; there is no local state, so the next apply plans from what the
// foundation has then and carries on from there. A second apply of the same file plans no changes.
import type {CfClient} from '../../cf/index.js'
import {blockedChanges} from '../../domain/setup/allowlists.js'
import {LiveIndex} from '../../domain/setup/live-index.js'
import {hasChanges, type Plan} from '../../domain/setup/plan.js'
import {describeStep, stepsOf, type PlannedStep} from '../../domain/setup/steps.js'
import {OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import type {AppToRestart} from '../segments/restart.js'
import {executeStep, type StepContext} from './execute.js'
import {preparePlan, type SetupRequest} from './prepare.js'
import {Resolver} from './resolver.js'

export interface ApplyRequest extends SetupRequest {
  /** Shown the plan before any write; false cancels. Absent means approved (--auto-approve). */
  readonly confirm?: (plan: Plan) => Promise<boolean>
}

export interface ApplyResult {
  readonly plan: Plan
  readonly status: 'no-changes' | 'applied' | 'cancelled'
  /** Addresses of the changes made, in the order they were completed. */
  readonly applied: readonly string[]
  /** Writes sent (one per step). */
  readonly steps: number
  /** Apps still on their old segment: they move when restarted. */
  readonly restartNeeded: readonly AppToRestart[]
}

export async function applySetup(cf: CfClient, request: ApplyRequest, reporter: Reporter): Promise<ApplyResult> {
  const {plan, live, allowlists} = await preparePlan(cf, request, reporter)
  const base = {plan, applied: [], steps: 0, restartNeeded: []}
  if (!hasChanges(plan)) return {...base, status: 'no-changes'}
  refuseBlocked(plan, new LiveIndex(live))
  if (request.confirm && !(await request.confirm(plan))) return {...base, status: 'cancelled'}
  const ctx: StepContext = {cf, names: new Resolver(live), reporter, allowlists, restartNeeded: []}
  const steps = stepsOf(plan.changes)
  const done: PlannedStep[] = []
  for (const [i, planned] of steps.entries()) {
    reporter.progress(`${progressBar(i, steps.length)} ${describeStep(planned.step)}`)
    try {
      await executeStep(ctx, planned.step)
    } catch (error) {
      throw stopped(planned, done, steps.slice(i + 1), error)
    }
    done.push(planned)
  }
  reporter.progress(`${progressBar(steps.length, steps.length)} done`)
  return {plan, status: 'applied', applied: completed(done, steps), steps: steps.length, restartNeeded: ctx.restartNeeded}
}

/** Changes all of whose steps ran, in completion order. */
function completed(done: readonly PlannedStep[], all: readonly PlannedStep[]): string[] {
  const finished = (address: string) => all.filter((s) => s.addresses.includes(address)).every((s) => done.includes(s))
  return [...new Set(done.flatMap((s) => s.addresses))].filter(finished)
}

/** Allowlist changes that cannot be made (no proxy in the org, another route service) stop apply before any write. */
function refuseBlocked(plan: Plan, live: LiveIndex): void {
  const blocked = blockedChanges(plan.changes, live)
  if (blocked.length === 0) return
  const what = blocked.map(({change, blocker}) => `${change.address}: ${blocker.message}`)
  throw new OpError(blocked[0]!.blocker.code, `Cannot apply the route allowlists, so nothing was changed: ${what.join('; ')}.`, {
    suggestions: [...new Set(blocked.map(({blocker}) => blocker.fix)), 'Or take those routes out of route_allowlists, and apply the rest.'],
  })
}

function stopped(failed: PlannedStep, done: readonly PlannedStep[], rest: readonly PlannedStep[], error: unknown): OpError {
  const why = error instanceof Error ? error.message : String(error)
  const list = (steps: readonly PlannedStep[]) => (steps.length === 0 ? 'nothing' : steps.map((s) => describeStep(s.step)).join('; '))
  return new OpError('APPLY_STOPPED', `Apply stopped at "${describeStep(failed.step)}" (${failed.addresses.join(', ')}): ${why}`, {
    suggestions: [
      `Done (${done.length}): ${list(done)}.`,
      `Not done (${rest.length + 1}): ${list([failed, ...rest])}.`,
      'Fix the cause and run `cgx apply` again: it plans from the foundation as it is now and carries on from there.',
    ],
    exitCode: error instanceof OpError ? error.exitCode : 1,
    cause: error,
  })
}

function progressBar(done: number, total: number): string {
  const width = 20
  const filled = total === 0 ? width : Math.round((done / total) * width)
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total}`
}
