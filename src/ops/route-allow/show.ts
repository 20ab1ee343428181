// `cgx route-allow show ROUTE`: one route's protection (and, through `inspect`, what `check` decides on).
import type {CfClient} from '../../cf/index.js'
import {policyToJson, type Policy} from '../../domain/allowlist/index.js'
import {currentBinding, findProxy, PENDING_ANNOTATION, resolveRoute} from '../allowlist-proxy/index.js'
import {describeRoute, proxySummary, type DescribedRoute} from './describe.js'

export interface RouteShowResult extends DescribedRoute {
  destinations: number
  proxy: {name: string; guid: string; url: string | null; hops: string | string[]; rolloutPending: boolean} | null
}

export async function showAllowlist(cf: CfClient, routeText: string): Promise<RouteShowResult> {
  return (await inspect(cf, routeText)).shown
}

export async function inspect(cf: CfClient, routeText: string): Promise<{shown: RouteShowResult; policy?: Policy}> {
  const resolved = await resolveRoute(cf, routeText)
  const [proxy, bound] = await Promise.all([findProxy(cf, resolved.org), currentBinding(cf, resolved.route.guid)])
  const described = describeRoute(resolved.route, {org: resolved.org.name, space: resolved.space.name}, bound, proxy)
  const summary = proxySummary(proxy)
  const shown = {
    ...described,
    destinations: resolved.route.destinations.length,
    proxy:
      summary === null || proxy === undefined
        ? null
        : {
            ...summary,
            hops: policyToJson(proxy.policy).hops,
            rolloutPending: proxy.app.metadata.annotations[PENDING_ANNOTATION] === 'true',
          },
  }
  return proxy === undefined ? {shown} : {shown, policy: proxy.policy}
}
