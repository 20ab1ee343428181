// `cgx route-allow show ROUTE` and `cgx route-allow check ROUTE IP`: one route's protection, and whether an
// address would get in (decided by the same code the proxy runs).
import type {CfClient} from '../../cf/index.js'
import {compilePolicy, isAddressAllowed, parseForwardedUrl, policyToJson, type Policy} from '../../domain/allowlist/index.js'
import {formatIp, parseIp} from '../../domain/net/ip.js'
import {InvalidInputError, OpError} from '../errors.js'
import {findProxy} from '../route-service/proxy.js'
import {PENDING_ANNOTATION} from '../route-service/rollout.js'
import {currentBinding} from './binding.js'
import {describeRoute, proxySummary, type DescribedRoute} from './describe.js'
import {resolveRoute} from './route.js'

export interface RouteShowResult extends DescribedRoute {
  destinations: number
  proxy: {name: string; guid: string; url: string | null; hops: string | string[]; rolloutPending: boolean} | null
}

export async function showAllowlist(cf: CfClient, routeText: string): Promise<RouteShowResult> {
  return (await inspect(cf, routeText)).shown
}

async function inspect(cf: CfClient, routeText: string): Promise<{shown: RouteShowResult; policy?: Policy}> {
  const resolved = await resolveRoute(cf, routeText)
  const [proxy, bound] = await Promise.all([findProxy(cf, resolved.org), currentBinding(cf, resolved.route.guid)])
  const described = describeRoute(resolved.route, {org: resolved.org.name, space: resolved.space.name}, bound, proxy?.policy)
  const summary = proxySummary(proxy)
  const shown = {
    ...described,
    destinations: resolved.route.destinations.length,
    proxy: summary === null || proxy === undefined
      ? null
      : {...summary, hops: policyToJson(proxy.policy).hops, rolloutPending: proxy.app.metadata.annotations[PENDING_ANNOTATION] === 'true'},
  }
  return proxy === undefined ? {shown} : {shown, policy: proxy.policy}
}

export interface RouteCheckResult {
  route: string
  ip: string
  /** Always true in a result: a denied address is an error (exit 1), so scripts can test the exit code. */
  allowed: true
  reason: string
  /** The request must also carry this header with the secret. */
  headerSecret: string | null
}

export async function checkAllowlist(cf: CfClient, routeText: string, ipText: string): Promise<RouteCheckResult> {
  const ip = parseIp(ipText.trim())
  if (ip === undefined) throw new InvalidInputError('IP_INVALID', `"${ipText}" is not an IPv4 or IPv6 address.`, ['Give one address, like 203.0.113.7.'])
  const {shown, policy} = await inspect(cf, routeText)
  const base = {route: shown.url, ip: formatIp(ip), allowed: true as const, headerSecret: shown.headerSecret}
  if (shown.status === 'unprotected') return {...base, reason: `${shown.url} is not protected: every address gets in.`}
  if (shown.status === 'foreign') {
    throw new OpError('ROUTE_SERVICE_FOREIGN', `${shown.url} is behind route service '${shown.routeService?.name}', which cgx does not manage: cgx cannot tell.`)
  }
  const target = parseForwardedUrl(`https://${shown.url}`)
  const allowed = target !== undefined && policy !== undefined && shown.protected && isAddressAllowed(compilePolicy(policy), target, ip)
  if (!allowed) {
    throw new OpError('ADDRESS_DENIED', `${formatIp(ip)} would be denied on ${shown.url}.`, {
      suggestions: [shown.allow.length > 0 ? `Allowed: ${shown.allow.join(', ')}.` : 'Nothing is allowed on it.'],
    })
  }
  return {...base, reason: `${formatIp(ip)} is in the allow list of ${shown.url}.`}
}
