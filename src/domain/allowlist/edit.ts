// Pure edits of a policy for the route-allow commands, and its canonical JSON (the CGX_ALLOWLIST value).

import {formatCidr, type Cidr} from '../net/cidr.js'
import type {Policy, RouteRule} from './policy.js'
import {formatRouteSpec, routeKey, type RouteSpec} from './route-spec.js'

/** The policy's JSON shape, as parsePolicy reads it. */
export interface PolicyJson {
  readonly hops: string | string[]
  readonly routes: Array<{route: string; allow: string[]; headerSecret?: {header: string; value: string}}>
}

export function policyToJson(policy: Policy): PolicyJson {
  return {
    hops: policy.hopProfile ?? policy.hops.map((hop) => hop.map(formatCidr).join(',')),
    routes: policy.routes.map((rule) => ({
      route: formatRouteSpec(rule),
      allow: rule.allow.map(formatCidr),
      ...(rule.headerSecret === undefined ? {} : {headerSecret: {...rule.headerSecret}}),
    })),
  }
}

/** Compact JSON for the environment, or indented for people. Same policy → same text. */
export function renderPolicy(policy: Policy, options: {pretty?: boolean} = {}): string {
  return JSON.stringify(policyToJson(policy), undefined, options.pretty ? 2 : undefined)
}

/** The policy with `cidrs` added to the route's allow list, creating the route's entry if needed. */
export function mergeAllowlist(policy: Policy, route: RouteSpec, cidrs: readonly Cidr[]): Policy {
  const existing = findRule(policy, route)
  if (existing === undefined) {
    const rule: RouteRule = {host: route.host, pathPrefix: route.pathPrefix, allow: unique(cidrs), ...portOf(route)}
    return {...policy, routes: [...policy.routes, rule]}
  }
  return replaceRule(policy, existing, {...existing, allow: unique([...existing.allow, ...cidrs])})
}

/**
 * The policy without `cidrs` in the route's allow list; 'all' drops the route's entry. A route whose
 * last CIDR goes keeps an empty entry, which denies everything, until it is unbound and dropped.
 */
export function removeFromAllowlist(policy: Policy, route: RouteSpec, cidrs: readonly Cidr[] | 'all'): Policy {
  const existing = findRule(policy, route)
  if (existing === undefined) return policy
  if (cidrs === 'all') return {...policy, routes: policy.routes.filter((rule) => rule !== existing)}
  const drop = new Set(cidrs.map(formatCidr))
  return replaceRule(policy, existing, {...existing, allow: existing.allow.filter((cidr) => !drop.has(formatCidr(cidr)))})
}

/** The rule whose route is `route` (same host, port and path, compared as the router does). */
export function findRule(policy: Policy, route: RouteSpec): RouteRule | undefined {
  const key = routeKey(route)
  return policy.routes.find((rule) => routeKey(rule) === key)
}

function replaceRule(policy: Policy, old: RouteRule, next: RouteRule): Policy {
  return {...policy, routes: policy.routes.map((rule) => (rule === old ? next : rule))}
}

function unique(cidrs: readonly Cidr[]): Cidr[] {
  const seen = new Set<string>()
  return cidrs.filter((cidr) => {
    const key = formatCidr(cidr)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function portOf(route: RouteSpec): {port?: number} {
  return route.port === undefined ? {} : {port: route.port}
}
