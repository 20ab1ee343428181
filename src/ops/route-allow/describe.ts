// One route as list and show report it: is it behind the org's allowlist proxy, with which allow list, or
// open, or behind someone else's route service, or behind cgx's instance that no longer leads to the proxy.
import type {Route, ServiceInstance} from '../../cf/index.js'
import {findRule} from '../../domain/allowlist/index.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {type Bound, isParked, type Proxy, routeSpecOf, type Stale, staleness} from '../allowlist-proxy/index.js'

/**
 * protected: bound to cgx's route service with a non-empty allow list; denies-all: bound to it, but the policy
 * allows nobody; stale: bound to cgx's instance, but it leads elsewhere than the org's proxy (never "protected");
 * foreign: bound to a route service cgx does not manage; unprotected: anyone reaches it;
 * parked: no destinations while an interrupted --replace waits to be finished (answers 404).
 */
export type RouteStatus = 'protected' | 'denies-all' | 'stale' | 'foreign' | 'unprotected' | 'parked'

export interface DescribedRoute {
  guid: string
  /** host.domain/path */
  url: string
  org: string
  space: string
  protected: boolean
  status: RouteStatus
  allow: string[]
  /** The header a second factor is read from, or null; its value is never shown. */
  headerSecret: string | null
  routeService: {name: string; guid: string; url: string | null; managedByCgx: boolean} | null
  /** Set when status is stale: the URL the route goes through, the proxy's, and why they differ. */
  stale: Stale | null
}

export function describeRoute(
  route: Route,
  place: {org: string; space: string},
  bound: Bound | undefined,
  proxy: Proxy | undefined,
): DescribedRoute {
  const rule = bound?.ours && proxy !== undefined ? findRule(proxy.policy, routeSpecOf(route)) : undefined
  const allow = (rule?.allow ?? []).map(formatCidr)
  const stale = bound?.ours ? (staleness(bound, proxy === undefined ? undefined : proxy.url) ?? null) : null
  const status = statusOf(route, bound, stale, allow.length)
  return {
    guid: route.guid,
    url: route.url,
    ...place,
    protected: bound?.ours === true && stale === null,
    status,
    allow,
    headerSecret: rule?.headerSecret?.header ?? null,
    routeService: bound === undefined ? null : serviceOf(bound.instance, bound),
    stale,
  }
}

function statusOf(route: Route, bound: Bound | undefined, stale: Stale | null, allowed: number): RouteStatus {
  if (isParked(route) && route.destinations.length === 0) return 'parked'
  if (bound === undefined) return 'unprotected'
  if (!bound.ours) return 'foreign'
  if (stale !== null) return 'stale'
  return allowed > 0 ? 'protected' : 'denies-all'
}

function serviceOf(instance: ServiceInstance, bound: Bound): NonNullable<DescribedRoute['routeService']> {
  return {name: instance.name, guid: instance.guid, url: bound.url, managedByCgx: bound.ours}
}

export function proxySummary(proxy: Proxy | undefined): {name: string; guid: string; url: string | null} | null {
  return proxy === undefined ? null : {name: proxy.app.name, guid: proxy.app.guid, url: proxy.url ?? null}
}
