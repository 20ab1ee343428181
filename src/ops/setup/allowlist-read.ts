// The live allowlists a setup file is compared with, in a number of requests that does not grow with routes: the
// domains the file's routes could be on (one listing), their routes (one), the routes bound to any cgx route
// service instance (two), the bindings of all of them (one), and the proxy of each org involved (three per org).
import {mapConcurrent, type CfClient, type Included, type Route, type Space} from '../../cf/index.js'
import {findRule, parseRouteSpec, routeKey, type RouteSpec} from '../../domain/allowlist/index.js'
import {suggestNames} from '../../domain/names/suggest.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {normalizeNetworks} from '../../domain/segments/networks.js'
import {allowlistKey} from '../../domain/setup/allowlists.js'
import type {AllowlistBlocker, LiveAllowlist} from '../../domain/setup/model.js'
import {LOOKUP_CONCURRENCY} from '../foundation/index.js'
import {
  bindingsByRoute,
  type Bound,
  domainCandidates,
  findProxy,
  type Proxy,
  proxyRouteProblem,
  ROUTE_SERVICE_NAME,
  routeSpecOf,
  staleness,
} from '../allowlist-proxy/index.js'

/** A route apply may change: the platform's route, how the policy names it, and where it is. */
export interface KnownRoute {
  readonly route: Route
  readonly spec: RouteSpec
  readonly space: {readonly guid: string; readonly name: string}
  readonly org: {readonly guid: string; readonly name: string}
}

export interface AllowlistReading {
  readonly entries: LiveAllowlist[]
  /** The routes found, by allowlistKey of their entry's route. */
  readonly routes: Map<string, KnownRoute>
}

/** Every route `named` (as the file writes them) and every route behind cgx's route service. */
export async function readAllowlists(cf: CfClient, named: readonly string[]): Promise<AllowlistReading> {
  const specs = named.flatMap((text) => {
    const parsed = parseRouteSpec(text.trim())
    return 'error' in parsed ? [] : [{text, spec: parsed.spec}]
  })
  const [found, behindCgx] = await Promise.all([findNamedRoutes(cf, specs), routesBehindCgx(cf)])
  const all = [...new Map([...found.routes.values(), ...behindCgx].map((r) => [r.route.guid, r])).values()]
  const [bindings, proxies] = await Promise.all([
    bindingsByRoute(
      cf,
      all.map((r) => r.route.guid),
    ),
    proxiesOf(cf, all),
  ])
  const entry = (text: string, known: KnownRoute) => liveEntry(text, known, bindings.get(known.route.guid), proxies.get(known.org.guid))
  const namedGuids = new Set([...found.routes.values()].map((r) => r.route.guid))
  const routes = new Map<string, KnownRoute>()
  const entries = [
    ...specs.map(({text}) => {
      const known = found.routes.get(text)
      if (known === undefined) return {route: text, suggestions: suggestNames(text.toLowerCase(), found.nearby)}
      routes.set(allowlistKey(text), known)
      return entry(text, known)
    }),
    ...behindCgx
      .filter((r) => !namedGuids.has(r.route.guid))
      .map((known) => {
        routes.set(allowlistKey(known.route.url), known)
        return entry(known.route.url, known)
      }),
  ]
  return {entries, routes}
}

/** The file's routes by their text, from one listing of domains and one of routes; `nearby`: the routes listed. */
async function findNamedRoutes(
  cf: CfClient,
  specs: readonly {text: string; spec: RouteSpec}[],
): Promise<{routes: Map<string, KnownRoute>; nearby: string[]}> {
  const routes = new Map<string, KnownRoute>()
  const candidates = specs.map((s) => ({...s, candidates: domainCandidates(s.spec.host)}))
  const names = [...new Set(candidates.flatMap((c) => c.candidates.map((x) => x.domain)))]
  const domains = names.length === 0 ? [] : await cf.domains.listAll({names})
  const domainGuid = new Map(domains.map((d) => [d.name.toLowerCase(), d.guid]))
  const usable = candidates.flatMap((c) => c.candidates).filter((x) => domainGuid.has(x.domain))
  if (usable.length === 0) return {routes, nearby: []}
  // An empty host cannot be filtered on reliably, so with an apex candidate the whole domains are listed.
  const hosts = usable.some((x) => x.host === '') ? {} : {hosts: [...new Set(usable.map((x) => x.host))]}
  const listed = await cf.routes.listAllWithIncluded({
    domain_guids: [...new Set(usable.map((x) => domainGuid.get(x.domain)!))],
    ...hosts,
    include: ['space.organization'],
  })
  for (const {text, spec, candidates: options} of candidates) {
    const route = options.flatMap((x) =>
      listed.resources.filter(
        (r) =>
          r.relationships.domain.data?.guid === domainGuid.get(x.domain) &&
          r.host.toLowerCase() === x.host &&
          routeKey({host: spec.host, pathPrefix: r.path}) === routeKey(spec),
      ),
    )[0]
    if (route !== undefined) routes.set(text, known(route, listed.included))
  }
  return {routes, nearby: listed.resources.map((r) => r.url)}
}

/** Routes bound to a cgx route service instance, in any space the user can see. */
async function routesBehindCgx(cf: CfClient): Promise<KnownRoute[]> {
  const instances = await cf.serviceInstances.listAll({names: [ROUTE_SERVICE_NAME]})
  if (instances.length === 0) return []
  const {resources, included} = await cf.routes.listAllWithIncluded({
    service_instance_guids: instances.map((i) => i.guid),
    include: ['space.organization'],
  })
  return resources.map((route) => known(route, included))
}

function known(route: Route, included: Included): KnownRoute {
  const space = (included.spaces ?? []).find((s) => s.guid === route.relationships.space.data?.guid) as Space | undefined
  const orgGuid = space?.relationships.organization.data?.guid ?? ''
  const org = (included.organizations ?? []).find((o) => o.guid === orgGuid) as {name?: string} | undefined
  return {
    route,
    spec: routeSpecOf(route),
    space: {guid: space?.guid ?? '', name: space?.name ?? ''},
    org: {guid: orgGuid, name: org?.name ?? orgGuid},
  }
}

async function proxiesOf(cf: CfClient, routes: readonly KnownRoute[]): Promise<Map<string, Proxy | undefined>> {
  const orgs = [...new Map(routes.map((r) => [r.org.guid, r.org])).values()]
  const proxies = await mapConcurrent(orgs, LOOKUP_CONCURRENCY, (org) => findProxy(cf, org))
  return new Map(orgs.map((org, i) => [org.guid, proxies[i]]))
}

function liveEntry(text: string, route: KnownRoute, bound: Bound | undefined, proxy: Proxy | undefined): LiveAllowlist {
  const rule = bound?.ours && proxy !== undefined ? findRule(proxy.policy, route.spec) : undefined
  const blocker = blockerOf(route, bound, proxy)
  const stale = bound?.ours && proxy?.url !== undefined ? staleness(bound, proxy.url) : undefined
  return {
    route: text,
    org: route.org.name,
    ...(bound?.ours ? {allow: normalizeNetworks(rule?.allow ?? []).map(formatCidr)} : {}),
    ...(blocker === undefined ? {} : {blocker}),
    ...(stale === undefined ? {} : {stale: stale.reason}),
  }
}

function blockerOf({route, org}: KnownRoute, bound: Bound | undefined, proxy: Proxy | undefined): AllowlistBlocker | undefined {
  const deploy = `Run \`cgx route-service deploy --org ${org.name} --space SPACE\` first (a space of its own, with public and DNS egress).`
  if (proxy === undefined) return {code: 'PROXY_NOT_DEPLOYED', message: `org '${org.name}' has no allowlist route service yet`, fix: deploy}
  if (proxy.url === undefined) {
    return {
      code: 'PROXY_INCOMPLETE',
      message: `the allowlist route service of org '${org.name}' has no route: its deploy did not finish`,
      fix: deploy,
    }
  }
  const loop = proxyRouteProblem(route, proxy)
  if (loop !== undefined) {
    return {
      code: 'ROUTE_IS_PROXY',
      message: `${route.url} ${loop}: behind the allowlist, the proxy would send requests to itself`,
      fix: `Take ${route.url} out of route_allowlists.`,
    }
  }
  if (bound === undefined || bound.ours) return undefined
  return {
    code: 'ROUTE_BOUND_ELSEWHERE',
    message: `${route.url} is bound to another route service, '${bound.instance.name}'`,
    fix: `Run \`cgx route-allow add ${route.url} --allow CIDR --replace\` to put it behind the cgx allowlist (it answers 404 for a moment), or take it out of route_allowlists.`,
  }
}
