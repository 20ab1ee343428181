// One route as list and show report it: is it behind the org's allowlist proxy, with which allow list, or
// open, or behind someone else's route service.
import type {Route, ServiceInstance} from '../../cf/index.js'
import {findRule, type Policy, type RouteSpec} from '../../domain/allowlist/index.js'
import {formatCidr} from '../../domain/net/cidr.js'
import type {Proxy} from '../route-service/proxy.js'
import {isParked, type Bound} from './binding.js'

/**
 * protected: bound to cgx's route service with a non-empty allow list; denies-all: bound to it, but the policy
 * allows nobody; foreign: bound to a route service cgx does not manage; unprotected: anyone reaches it;
 * parked: no destinations while an interrupted --replace waits to be finished (answers 404).
 */
export type RouteStatus = 'protected' | 'denies-all' | 'foreign' | 'unprotected' | 'parked'

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
}

export function routeSpecOf(route: Route): RouteSpec {
  const host = route.url.slice(0, route.path === '' ? undefined : route.url.length - route.path.length).toLowerCase()
  return {host, pathPrefix: route.path}
}

export function describeRoute(route: Route, place: {org: string; space: string}, bound: Bound | undefined, policy: Policy | undefined): DescribedRoute {
  const rule = bound?.ours && policy !== undefined ? findRule(policy, routeSpecOf(route)) : undefined
  const allow = (rule?.allow ?? []).map(formatCidr)
  const instance = bound?.instance
  return {
    guid: route.guid,
    url: route.url,
    ...place,
    protected: bound?.ours === true,
    status: statusOf(route, bound, allow.length),
    allow,
    headerSecret: rule?.headerSecret?.header ?? null,
    routeService: instance === undefined ? null : serviceOf(instance, bound!.ours),
  }
}

function statusOf(route: Route, bound: Bound | undefined, allowed: number): RouteStatus {
  if (isParked(route) && route.destinations.length === 0) return 'parked'
  if (bound === undefined) return 'unprotected'
  if (!bound.ours) return 'foreign'
  return allowed > 0 ? 'protected' : 'denies-all'
}

function serviceOf(instance: ServiceInstance, ours: boolean): NonNullable<DescribedRoute['routeService']> {
  return {name: instance.name, guid: instance.guid, url: instance.route_service_url ?? null, managedByCgx: ours}
}

export function proxySummary(proxy: Proxy | undefined): {name: string; guid: string; url: string | null} | null {
  return proxy === undefined ? null : {name: proxy.app.name, guid: proxy.app.guid, url: proxy.url ?? null}
}
