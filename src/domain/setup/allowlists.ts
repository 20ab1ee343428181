// Route allowlists in the plan. The file's list is the route's exact allow list. A file without a route_allowlists
// section does not manage allowlists at all; with one, --prune also takes the allowlist off routes cgx protects that
// the file does not name (they become public), and without --prune those routes are only mentioned.
import {findRule, mergeAllowlist, removeFromAllowlist} from '../allowlist/edit.js'
import type {Policy} from '../allowlist/policy.js'
import {parseRouteSpec, routeKey, type RouteSpec} from '../allowlist/route-spec.js'
import {parseCidr} from '../net/cidr.js'
import {wideOpenings} from '../net/openness.js'
import {makeChange} from './fields.js'
import type {LiveIndex} from './live-index.js'
import type {AllowlistBlocker, LiveAllowlist, SetupFile} from './model.js'
import type {Change} from './plan.js'

const UNPROTECTED = 'not behind the cgx allowlist: every client reaches it'
const PRUNED = 'not in route_allowlists, and protected by cgx: the route becomes public'

/** The key two spellings of one route share ("API.x.gov/v1/" and "api.x.gov/v1"); the text itself when it does not parse. */
export function allowlistKey(route: string): string {
  const parsed = parseRouteSpec(route.trim())
  return 'error' in parsed ? route : routeKey(parsed.spec)
}

export function findAllowlist(live: LiveIndex, route: string): LiveAllowlist | undefined {
  const key = allowlistKey(route)
  return live.state.allowlists.find((entry) => allowlistKey(entry.route) === key)
}

export function allowlistChanges(file: SetupFile, live: LiveIndex, prune: boolean): {changes: Change[]; warnings: string[]} {
  if (file.routeAllowlists === undefined) return {changes: [], warnings: []}
  const named = file.routeAllowlists.map((spec) => {
    const entry = findAllowlist(live, spec.route)
    const before = entry?.allow === undefined ? null : {allow: [...entry.allow]}
    const reason = before === null ? (entry?.blocker?.message ?? UNPROTECTED) : undefined
    return repairing(makeChange('route_allowlist', nameOf(spec.route, entry), before, {allow: [...spec.allow]}, reason), entry)
  })
  const namedKeys = new Set(file.routeAllowlists.map((spec) => allowlistKey(spec.route)))
  const unnamed = live.state.allowlists.filter((entry) => unsayable(entry) === undefined && !namedKeys.has(allowlistKey(entry.route)))
  const pruned = unnamed.map((entry) => makeChange('route_allowlist', nameOf(entry.route, entry), {allow: [...entry.allow!]}, null, PRUNED))
  if (prune || pruned.length === 0) return {changes: [...named, ...(prune ? pruned : [])], warnings: []}
  const list = pruned.map((change) => change.name.name).join(', ')
  return {
    changes: named,
    warnings: [
      `${pruned.length} route(s) cgx protects are not in route_allowlists: ${list}. \`--prune\` would remove their allowlists (the routes would become public).`,
    ],
  }
}

/**
 * Why a file cannot hold this route's allowlist (the file refuses an empty list and one as open as /0, see
 * net/openness.ts), or undefined when it can.
 * Such routes are neither exported nor pruned: a file can only manage what it can say.
 */
export function unsayable(entry: LiveAllowlist): string | undefined {
  if (entry.allow === undefined) return 'it is not behind the cgx allowlist'
  if (entry.allow.length === 0) return 'it lets nobody in'
  const openings = wideOpenings(entry.allow.map(parseCidr))
  return openings.length > 0 ? `it is as open as /0 (${openings.map((o) => o.summary).join('; ')})` : undefined
}

/** A stale route is a change even when its allow list matches: it does not go through the proxy until repointed. */
function repairing(change: Change, entry: LiveAllowlist | undefined): Change {
  if (entry?.stale === undefined || change.action === 'create') return change
  const reason = `stale: ${entry.stale}; apply points it at the proxy again`
  return {
    ...change,
    action: change.action === 'no-op' ? 'update' : change.action,
    reason: change.action === 'no-op' ? reason : `${change.reason}; ${reason}`,
  }
}

function nameOf(route: string, entry: LiveAllowlist | undefined): Change['name'] {
  return entry?.org === undefined ? {name: route} : {org: entry.org, name: route}
}

/** The planned allowlist changes apply cannot make now, each with what stops it. */
export function blockedChanges(changes: readonly Change[], live: LiveIndex): {change: Change; blocker: AllowlistBlocker}[] {
  return changes.flatMap((change) => {
    if (change.type !== 'route_allowlist' || change.action === 'no-op') return []
    const blocker = findAllowlist(live, change.name.name)?.blocker
    return blocker === undefined ? [] : [{change, blocker}]
  })
}

/** Plan-time warnings: what apply would stop at. */
export function blockerWarnings(changes: readonly Change[], live: LiveIndex): string[] {
  return blockedChanges(changes, live).map(
    ({change, blocker}) => `${change.address}: apply will stop here: ${blocker.message}. ${blocker.fix}`,
  )
}

/**
 * The policy with the route's allow list exactly `allow`; null drops the route's rule. The rule keeps its place and
 * its header secret (a setup file does not manage secrets).
 */
export function policyWithAllowList(policy: Policy, route: RouteSpec, allow: readonly string[] | null): Policy {
  const existing = findRule(policy, route)
  if (allow === null) return removeFromAllowlist(policy, route, 'all')
  const emptied = existing === undefined ? policy : removeFromAllowlist(policy, route, existing.allow)
  return mergeAllowlist(emptied, route, allow.map(parseCidr))
}
