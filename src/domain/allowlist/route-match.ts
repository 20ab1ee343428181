// Which policy rule covers a forwarded URL. It mirrors gorouter's lookup (route/uris.go RouteKey and
// registry/container/trie.go MatchUri): host and path lower-cased, query ignored, trailing "/" ignored,
// the longest run of whole path segments wins, and "*.domain" rules apply only when no rule for the
// exact host matches. Choosing the same rule as the router is what keeps a stricter path rule from
// being bypassed through its looser parent.

import {isDefaultPort, type ForwardedTarget} from './forwarded-url.js'
import type {RouteSpec} from './route-spec.js'

export interface RouteIndex<R extends RouteSpec> {
  /** Rules by host key ("host" or "host:port"), most path segments first. */
  readonly byHost: ReadonlyMap<string, ReadonlyArray<IndexedRule<R>>>
}

interface IndexedRule<R> {
  readonly rule: R
  readonly segments: readonly string[]
}

export function indexRoutes<R extends RouteSpec>(rules: readonly R[]): RouteIndex<R> {
  const byHost = new Map<string, IndexedRule<R>[]>()
  for (const rule of rules) {
    const key = rule.port === undefined ? rule.host : `${rule.host}:${rule.port}`
    const list = byHost.get(key) ?? []
    list.push({rule, segments: pathSegments(rule.pathPrefix)})
    byHost.set(key, list)
  }
  for (const list of byHost.values()) list.sort((a, b) => b.segments.length - a.segments.length)
  return {byHost}
}

/** The rule covering the target, or undefined when the policy does not name its route. */
export function matchRoute<R extends RouteSpec>(index: RouteIndex<R>, target: ForwardedTarget): R | undefined {
  // The path is split only when a candidate rule has a path prefix: most routes have none, and this
  // runs on every request.
  let segments: readonly string[] | undefined
  const pathOf = () => (segments ??= pathSegments(target.path))
  const atHost = (host: string) =>
    longestPrefix(index.byHost.get(`${host}:${target.port}`), pathOf) ??
    (isDefaultPort(target) ? longestPrefix(index.byHost.get(host), pathOf) : undefined)
  const exact = atHost(target.host)
  if (exact !== undefined) return exact
  for (let dot = target.host.indexOf('.'); dot >= 0; dot = target.host.indexOf('.', dot + 1)) {
    // "*.parent" for each parent domain, as gorouter's NextWildcard walks them.
    const rule = atHost(`*${target.host.slice(dot)}`)
    if (rule !== undefined) return rule
  }
  return undefined
}

function longestPrefix<R>(rules: ReadonlyArray<IndexedRule<R>> | undefined, pathOf: () => readonly string[]): R | undefined {
  if (rules === undefined) return undefined
  for (const {rule, segments: prefix} of rules) {
    if (prefix.length === 0) return rule
    const segments = pathOf()
    if (prefix.length <= segments.length && prefix.every((segment, i) => segment === segments[i])) return rule
  }
  return undefined
}

/** "/A/b/" → ["a", "b"]; "" and "/" → []. Like gorouter: one trailing "/" is dropped, empty segments kept. */
export function pathSegments(path: string): string[] {
  const trimmed = path.toLowerCase().replace(/\/$/, '')
  return trimmed === '' ? [] : trimmed.slice(1).split('/')
}
