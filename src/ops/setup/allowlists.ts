// Route allowlists from a setup file go through the same never-open path as `cgx route-allow`, one org at a time
// and with one rollout of the org's proxy for all of its routes: routes leaving the allowlist are unbound first (so
// no route is ever bound to a proxy whose policy no longer names it), then the new policy is made live on every
// instance, and only then are new routes bound. A run that stops anywhere leaves no route more open than before or
// after, and the next apply reads what is there and finishes.
import type {CfClient, PollOptions, ServiceInstance} from '../../cf/index.js'
import {findRule} from '../../domain/allowlist/index.js'
import {allowlistKey, policyWithAllowList} from '../../domain/setup/allowlists.js'
import type {LiveAllowlist} from '../../domain/setup/model.js'
import type {AllowlistEdit} from '../../domain/setup/steps.js'
import {OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {
  bindingsByRoute,
  bindRoute,
  checkPolicy,
  ensureRouteServiceInstance,
  isParked,
  proxyPolicyEnv,
  requireProxy,
  restoreParked,
  rollOut,
  ruleWarnings,
} from '../allowlist-proxy/index.js'
import {readAllowlists, type KnownRoute} from './allowlist-read.js'

export interface AllowlistAccess {
  /** The allowlist of each route named (as the file writes them), and of every route behind cgx's route service. */
  read(routes: readonly string[]): Promise<LiveAllowlist[]>
  /** Make the allow lists of one org's routes exactly as given (null: unprotect), live before it returns. */
  set(org: string, edits: readonly AllowlistEdit[], reporter: Reporter): Promise<void>
}

/** Reads remember the routes they found; `set` acts on those (only routes a read found can be changed). */
export function routeAllowlists(cf: CfClient, options: {poll?: PollOptions} = {}): AllowlistAccess {
  let known = new Map<string, KnownRoute>()
  return {
    async read(routes) {
      const reading = await readAllowlists(cf, routes)
      known = reading.routes
      return reading.entries
    },
    async set(org, edits, reporter) {
      const targets = edits.map((edit) => ({...edit, known: known.get(allowlistKey(edit.route)) ?? notRead(edit.route)}))
      await setAllowlists(cf, org, targets, {reporter, poll: options.poll})
    },
  }
}

type Target = AllowlistEdit & {readonly known: KnownRoute}

async function setAllowlists(
  cf: CfClient,
  org: string,
  targets: readonly Target[],
  options: {reporter: Reporter; poll?: PollOptions},
): Promise<void> {
  const {reporter} = options
  const orgRef = targets[0]?.known.org ?? {guid: '', name: org}
  const [proxy, bindings] = await Promise.all([
    requireProxy(cf, orgRef),
    bindingsByRoute(
      cf,
      targets.map((t) => t.known.route.guid),
    ),
  ])
  const foreign = targets.find((t) => t.allow !== null && bindings.get(t.known.route.guid)?.ours === false)
  if (foreign !== undefined) throw boundElsewhere(foreign.known.route.url, bindings.get(foreign.known.route.guid)!.instance)
  for (const target of targets.filter((t) => t.allow === null)) {
    const bound = bindings.get(target.known.route.guid)
    if (bound?.ours) await cf.serviceRouteBindings.delete(bound.binding.guid)
  }
  const policy = targets.reduce((p, t) => policyWithAllowList(p, t.known.spec, t.allow), proxy.policy)
  checkPolicy(policy)
  for (const target of targets.filter((t) => t.allow !== null)) {
    for (const warning of ruleWarnings(findRule(policy, target.known.spec)!, target.known.route.url, cf.target.api)) reporter.warn(warning)
  }
  await rollOut(cf, proxy.app, proxy.env, proxyPolicyEnv(proxy, policy), {reporter, poll: options.poll})
  const changes: string[] = []
  const instances = new Map<string, ServiceInstance>()
  for (const {known} of targets.filter((t) => t.allow !== null)) {
    let instance = instances.get(known.space.guid)
    if (instance === undefined) {
      const ensured = await ensureRouteServiceInstance(cf, known.space, proxy.url, {reporter, poll: options.poll})
      changes.push(...ensured.changes)
      instance = ensured.instance
    }
    instances.set(known.space.guid, instance)
    if (bindings.get(known.route.guid) === undefined) await bindRoute(cf, known.route.guid, instance.guid)
    if (isParked(known.route)) changes.push(...(await restoreParked(cf, known.route, 'cgx apply -f FILE (the same file)')))
  }
  for (const change of changes) reporter.progress(`  ${change}`)
}

function boundElsewhere(url: string, instance: ServiceInstance): OpError {
  return new OpError('ROUTE_BOUND_ELSEWHERE', `Route ${url} is bound to another route service, '${instance.name}'.`, {
    suggestions: [
      `Run \`cgx route-allow add ${url} --allow CIDR --replace\` to put it behind the cgx allowlist, or take it out of route_allowlists.`,
    ],
  })
}

function notRead(route: string): never {
  throw new OpError('ROUTE_NOT_READ', `Route ${route} was not found when the plan was made.`, {suggestions: ['Run `cgx plan` again.']})
}
