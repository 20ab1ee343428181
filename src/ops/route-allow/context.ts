// What every route-allow change starts from: the route, the org's proxy (with the policy it runs) and the route
// service the route is bound to; and the result every change returns.
import type {CfClient} from '../../cf/index.js'
import {findRule, type Policy, type RouteSpec} from '../../domain/allowlist/index.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {OpError} from '../errors.js'
import {
  type Bound,
  currentBinding,
  isParked,
  type Proxy,
  proxyRouteProblem,
  requireProxy,
  type ResolvedRoute,
  resolveRoute,
} from '../allowlist-proxy/index.js'

export interface RouteContext {
  resolved: ResolvedRoute
  proxy: Proxy & {url: string}
  bound?: Bound
}

export interface RouteAllowResult {
  route: {guid: string; url: string; org: string; space: string}
  /** The route's allow list now (empty: the route is not in the policy). */
  allow: string[]
  /** The header the second factor is read from; the value is never shown. */
  headerSecret: {header: string; value: '[set]'} | null
  /** Whether the route goes through the org's allowlist proxy now. */
  protected: boolean
  proxy: {name: string; guid: string; url: string}
  /** What this run changed; empty when everything already was as asked. */
  changes: string[]
}

export async function loadRouteContext(cf: CfClient, text: string, spec: RouteSpec): Promise<RouteContext> {
  const resolved = await resolveRoute(cf, text, spec)
  const [proxy, bound] = await Promise.all([requireProxy(cf, resolved.org), currentBinding(cf, resolved.route.guid)])
  return {resolved, proxy, ...(bound === undefined ? {} : {bound})}
}

export function boundElsewhere(context: RouteContext): OpError {
  const {instance, url} = context.bound!
  const parked = isParked(context.resolved.route)
    ? ['Its destinations were taken off by an earlier --replace that stopped half way (it answers 404): run with --replace to finish.']
    : []
  return new OpError(
    'ROUTE_BOUND_ELSEWHERE',
    `Route ${context.resolved.url} is bound to another route service, '${instance.name}' (${url ?? 'no URL'}).`,
    {
      suggestions: [
        ...parked,
        'Pass --replace to put it behind the cgx allowlist instead; the route answers 404 for a moment while the bindings change.',
      ],
    },
  )
}

/**
 * The proxy's own route, or any route that sends traffic to the proxy app, cannot be put behind the proxy: the
 * proxy would forward to itself, a loop that takes down every protected route of the org.
 */
export function refuseProxyRoute(context: RouteContext): void {
  const problem = proxyRouteProblem(context.resolved.route, context.proxy)
  if (problem === undefined) return
  throw new OpError(
    'ROUTE_IS_PROXY',
    `${context.resolved.url} ${problem}, so it cannot be put behind the allowlist: the proxy would send requests to itself.`,
    {
      suggestions: ["Protect the routes of your apps; the proxy's own route is only ever called by the platform's router."],
    },
  )
}

export function routeAllowResult(context: RouteContext, policy: Policy, isProtected: boolean, changes: string[]): RouteAllowResult {
  const {resolved, proxy} = context
  const rule = findRule(policy, resolved.spec)
  return {
    route: {guid: resolved.route.guid, url: resolved.url, org: resolved.org.name, space: resolved.space.name},
    allow: (rule?.allow ?? []).map(formatCidr),
    headerSecret: rule?.headerSecret === undefined ? null : {header: rule.headerSecret.header, value: '[set]'},
    protected: isProtected,
    proxy: {name: proxy.app.name, guid: proxy.app.guid, url: proxy.url},
    changes,
  }
}
