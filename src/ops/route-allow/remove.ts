// `cgx route-allow remove ROUTE --allow CIDR... | --all`. Narrowing is live on every instance before it returns
// (until an old instance is replaced it still allows the wider set). --all makes the route public: it asks first,
// unbinds first and only then drops the route from the policy, so the route is never bound to a proxy that
// does not name it (which would deny everything) and is public only once the user agreed.
import type {CfClient, PollOptions} from '../../cf/index.js'
import {findRule, removeFromAllowlist, type Policy} from '../../domain/allowlist/index.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {InvalidInputError, OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {parseRouteInput, proxyPolicyEnv, rollOut} from '../allowlist-proxy/index.js'
import {loadRouteContext, routeAllowResult, type RouteAllowResult, type RouteContext} from './context.js'
import {parseAllowList} from './inputs.js'

export interface RemoveRequest {
  route: string
  allow?: string[]
  all?: boolean
  /** Asked before a route becomes public; false leaves everything as it was. */
  confirm: (question: string) => Promise<boolean>
  poll?: PollOptions
}

export async function removeAllowlist(cf: CfClient, request: RemoveRequest, reporter: Reporter): Promise<RouteAllowResult> {
  const spec = parseRouteInput(request.route)
  const asked = request.allow ?? []
  if (request.all === asked.length > 0) {
    throw new InvalidInputError(
      'REMOVE_WHAT',
      'Say what to remove: --allow CIDR... to narrow the allow list, or --all to unprotect the route.',
    )
  }
  const cidrs = request.all ? 'all' : parseAllowList(asked, true)
  const context = await loadRouteContext(cf, request.route, spec)
  const changes = cidrs === 'all' ? await unprotect(cf, context, request) : []
  const policy = removeFromAllowlist(context.proxy.policy, context.resolved.spec, cidrs)
  if (cidrs !== 'all') warnAboutNarrowing(context, cidrs.map(formatCidr), policy, reporter)
  if (
    await rollOut(cf, context.proxy.app, context.proxy.env, proxyPolicyEnv(context.proxy, policy), {
      reporter,
      poll: request.poll,
    })
  ) {
    changes.push(`made the narrowed allowlist live on every instance of ${context.proxy.app.name}`)
  }
  const stillBound = context.bound?.ours === true && cidrs !== 'all'
  return routeAllowResult(context, policy, stillBound, changes)
}

/** Take the route from behind cgx's route service, once confirmed; returns the change made. */
async function unprotect(cf: CfClient, context: RouteContext, request: RemoveRequest): Promise<string[]> {
  const {bound, resolved} = context
  if (bound?.ours !== true) return []
  const agreed = await request.confirm(`${resolved.url} will be public: anyone will reach it. Remove its allowlist?`)
  if (!agreed)
    throw new OpError('NOT_CONFIRMED', `Nothing changed: ${resolved.url} is still protected.`, {
      suggestions: ['Pass --force to remove it without being asked.'],
    })
  await cf.serviceRouteBindings.delete(bound.binding.guid)
  return [`unbound ${bound.instance.name} from ${resolved.url}: the route is public`]
}

function warnAboutNarrowing(context: RouteContext, removed: string[], policy: Policy, reporter: Reporter): void {
  const before = new Set((findRule(context.proxy.policy, context.resolved.spec)?.allow ?? []).map(formatCidr))
  const absent = removed.filter((cidr) => !before.has(cidr))
  if (absent.length > 0)
    reporter.warn(`${absent.join(', ')} ${absent.length === 1 ? 'was' : 'were'} not in the allow list of ${context.resolved.url}.`)
  const rule = findRule(policy, context.resolved.spec)
  if (rule !== undefined && rule.allow.length === 0) {
    reporter.warn(
      `${context.resolved.url} now denies every request. \`cgx route-allow remove ${context.resolved.url} --all\` makes it public instead.`,
    )
  }
}
