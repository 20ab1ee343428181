// What a route's visitors face at every moment, from what the simulated router enforces (route service URL and
// destinations) and what the allowlist proxy's running instances enforce (the policy each one started with).
// `watchRoutes` records it after every change of the simulator's state; `assertNeverMoreOpen` checks a recording
// against what the route was before and what was asked: never open unless one of them is, never allowing a
// range neither of them allows.
import assert from 'node:assert/strict'

import {findRule, parsePolicy, parseRouteSpec} from '../../src/domain/allowlist/index.js'
import {formatCidr} from '../../src/domain/net/cidr.js'
import type {Simulator} from '../../src/sim/index.js'

/** closed: no destinations (404) or no proxy instance running (502); open: anyone; allow: these CIDRs; foreign: another route service. */
export type Exposure = {kind: 'closed'} | {kind: 'open'} | {kind: 'allow'; cidrs: string[]} | {kind: 'foreign'; url: string}

const PROXY_LABEL = ['cgx.cloud.gov/role', 'allowlist-proxy'] as const

export function exposureText(exposure: Exposure): string {
  if (exposure.kind === 'allow') return `allow ${exposure.cidrs.join(',') || 'nobody'}`
  return exposure.kind === 'foreign' ? `foreign ${exposure.url}` : exposure.kind
}

/** What one route's visitors face now. */
export function exposureOf(sim: Simulator, routeGuid: string): Exposure {
  const entry = sim.router.get(routeGuid)
  if (entry === undefined || entry.destinations === 0) return {kind: 'closed'}
  if (entry.routeServiceUrl === null) return {kind: 'open'}
  const proxy = proxyOf(sim)
  if (proxy === undefined || entry.routeServiceUrl !== proxy.url) return {kind: 'foreign', url: entry.routeServiceUrl}
  if (proxy.policies.length === 0) return {kind: 'closed'}
  const spec = parseRouteSpec(entry.url)
  if ('error' in spec) throw new Error(spec.error)
  const cidrs = new Set(
    proxy.policies.flatMap((text) => {
      const rule = findRule(parsePolicy(text, {allowWholeSpace: true}).policy ?? {hops: [], routes: []}, spec.spec)
      return (rule?.allow ?? []).map(formatCidr)
    }),
  )
  return {kind: 'allow', cidrs: [...cidrs].sort()}
}

/** The proxy app's URL and the policy of each of its running instances. */
function proxyOf(sim: Simulator): {url: string; policies: string[]} | undefined {
  const {apps, routes, processes, domains} = sim.store.tables
  const app = apps.all().find((a) => a.metadata.labels[PROXY_LABEL[0]] === PROXY_LABEL[1])
  if (app === undefined) return undefined
  const route = routes.by('app', app.guid)[0]
  if (route === undefined) return undefined
  const url = `https://${route.host}.${domains.get(route.domain_guid)?.name ?? ''}${route.path}`
  const policies = processes
    .by('app', app.guid)
    .filter((p) => p.type === 'web')
    .flatMap((p) => p.running.map((i) => i.environment.CGX_ALLOWLIST ?? ''))
  return {url, policies}
}

export interface RouteWatch {
  /** Distinct consecutive exposures of the route since the watch began (the first is the state at that moment). */
  timeline(routeGuid: string): Exposure[]
  stop(): void
}

export function watchRoutes(sim: Simulator, routeGuids: readonly string[]): RouteWatch {
  const timelines = new Map(routeGuids.map((guid) => [guid, [exposureOf(sim, guid)]]))
  const record = () => {
    for (const [guid, timeline] of timelines) {
      const now = exposureOf(sim, guid)
      if (exposureText(now) !== exposureText(timeline.at(-1)!)) timeline.push(now)
    }
  }
  const stop = sim.observe(record)
  return {timeline: (guid) => [...(timelines.get(guid) ?? [])], stop}
}

/**
 * Every moment of the timeline is no more open than `before` or `after`: open only if one of them is open,
 * behind a foreign route service only if one of them is, allowing only ranges one of them allows.
 */
export function assertNeverMoreOpen(timeline: readonly Exposure[], before: Exposure, after: Exposure): void {
  const ends = [before, after]
  const allowed = new Set(ends.flatMap((e) => (e.kind === 'allow' ? e.cidrs : [])))
  for (const moment of timeline) {
    const text = `${exposureText(moment)} (between ${exposureText(before)} and ${exposureText(after)}; timeline: ${timeline.map(exposureText).join(' → ')})`
    if (moment.kind === 'open')
      assert.ok(
        ends.some((e) => e.kind === 'open'),
        `the route was open: ${text}`,
      )
    if (moment.kind === 'foreign')
      assert.ok(
        ends.some((e) => e.kind === 'foreign' && e.url === moment.url),
        `unexpected route service: ${text}`,
      )
    if (moment.kind === 'allow' && !ends.some((e) => e.kind === 'open')) {
      const extra = moment.cidrs.filter((cidr) => !allowed.has(cidr))
      assert.deepEqual(extra, [], `more open than asked: ${text}`)
    }
  }
}
