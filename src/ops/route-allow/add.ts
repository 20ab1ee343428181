// `cgx route-allow add ROUTE --allow CIDR...`: when it returns, only the allowed ranges reach the route, or it
// failed and nothing is more open than before. Order: the policy is live on every proxy instance (rolling
// deployment, waited for) before the route is bound; old instances deny a route they do not name.
import type {CfClient, PollOptions} from '../../cf/index.js'
import {findRule, mergeAllowlist, removeFromAllowlist, type Policy} from '../../domain/allowlist/index.js'
import type {Reporter} from '../reporter.js'
import {
  bindRoute,
  ensureRouteServiceInstance,
  isParked,
  parseRouteInput,
  proxyPolicyEnv,
  replaceRouteService,
  type RepointRun,
  restoreParked,
  rollOut,
  checkPolicy,
  ruleWarnings,
} from '../allowlist-proxy/index.js'
import {boundElsewhere, loadRouteContext, refuseProxyRoute, routeAllowResult, type RouteAllowResult, type RouteContext} from './context.js'
import {DEFAULT_SECRET_HEADER, parseAllowList, readHeaderSecret, refuseWide, withHeaderSecret} from './inputs.js'

export interface AddRequest {
  route: string
  allow: string[]
  /** Name of the environment variable holding the header secret. */
  headerSecretFromEnv?: string
  secretHeader?: string
  /** Swap a route service bound to the route for cgx's. */
  replace?: boolean
  /** Allow a set as open as /0, and a header secret shorter than the floor. */
  force?: boolean
  env: Readonly<Record<string, string | undefined>>
  api: string
  poll?: PollOptions
}

export async function addAllowlist(cf: CfClient, request: AddRequest, reporter: Reporter): Promise<RouteAllowResult> {
  const spec = parseRouteInput(request.route)
  const cidrs = parseAllowList(request.allow, request.force ?? false)
  const secret =
    request.headerSecretFromEnv === undefined
      ? undefined
      : readHeaderSecret(request.headerSecretFromEnv, request.secretHeader ?? DEFAULT_SECRET_HEADER, request.env, request.force)
  const context = await loadRouteContext(cf, request.route, spec)
  refuseProxyRoute(context)
  if (context.bound !== undefined && !context.bound.ours && !request.replace) throw boundElsewhere(context)
  const {resolved, proxy} = context
  const merged = mergeAllowlist(standingPolicy(context), resolved.spec, cidrs)
  const policy = secret === undefined ? merged : withHeaderSecret(merged, resolved.spec, secret)
  // Judged again with what the route already allows: two adds of half of IPv4 each open it as much as one /0.
  refuseWide(
    findRule(policy, resolved.spec)!.allow,
    request.force ?? false,
    `The allow list of ${resolved.url} with ${request.allow.join(',')} added`,
  )
  checkPolicy(policy)
  for (const warning of ruleWarnings(findRule(policy, resolved.spec)!, resolved.url, request.api)) reporter.warn(warning)
  const rolledOut = await rollOut(cf, proxy.app, proxy.env, proxyPolicyEnv(proxy, policy), {
    reporter,
    poll: request.poll,
  })
  const live = rolledOut ? [`made the allowlist of ${resolved.url} live on every instance of ${proxy.app.name}`] : []
  const protection = await protect(cf, context, {
    reporter,
    poll: request.poll,
    rerun: `cgx route-allow add ${resolved.url} --allow ${request.allow.join(',')}`,
  })
  return routeAllowResult(context, policy, true, [...live, ...protection])
}

/**
 * The policy to add to. A rule for a route that is not behind cgx's route service is a leftover of an interrupted run
 * (its binding was removed before its rule, or never made): nobody asked for it now, so it must not widen this add.
 */
function standingPolicy(context: RouteContext): Policy {
  const {bound, proxy, resolved} = context
  return bound?.ours ? proxy.policy : removeFromAllowlist(proxy.policy, resolved.spec, 'all')
}

/** Put the route behind the space's cgx route service (only once the policy is live); returns the changes. */
async function protect(cf: CfClient, context: RouteContext, run: RepointRun & {rerun: string}): Promise<string[]> {
  const {resolved, proxy, bound} = context
  const {instance, changes} = await ensureRouteServiceInstance(cf, resolved.space, proxy.url, run)
  if (bound !== undefined && !bound.ours) return [...changes, ...(await replaceRouteService(cf, resolved.route, bound, instance, run))]
  if (bound === undefined) {
    await bindRoute(cf, resolved.route.guid, instance.guid)
    changes.push(`bound ${instance.name} to ${resolved.url}`)
  }
  if (isParked(resolved.route)) changes.push(...(await restoreParked(cf, resolved.route, run.rerun)))
  return changes
}
