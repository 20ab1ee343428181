// `cgx route-allow list --all-orgs`: the routes of every visible org from foundation-wide listings (routes with their
// spaces and orgs, route bindings with their instances, the apps labelled as allowlist proxies with their spaces),
// each as many requests as it has pages, plus one environment read per proxy for its policy: never a request per org,
// space or route. An org without a proxy costs nothing.
import {mapConcurrent, type App, type CfClient, type Route} from '../../cf/index.js'
import {compareNames} from '../../domain/names/order.js'
import {LOOKUP_CONCURRENCY} from '../foundation/index.js'
import {OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {bindingsByRoute, type Proxy, proxyAmbiguous, proxyOf, proxySelector} from '../allowlist-proxy/index.js'
import {describeRoute, proxySummary, type DescribedRoute} from './describe.js'
import type {OrgProxy, RouteListResult} from './list.js'

interface Named {
  readonly guid: string
  readonly name: string
}

export async function listAllOrgsAllowlists(cf: CfClient, allRoutes: boolean, reporter: Reporter): Promise<RouteListResult> {
  reporter.progress('Reading the routes, route bindings and allowlist proxies of every org...')
  const [routes, bindings, proxyApps] = await Promise.all([
    cf.routes.listAllWithIncluded({include: ['space.organization']}),
    bindingsByRoute(cf),
    cf.apps.listAllWithIncluded({label_selector: proxySelector, include: ['space.organization']}),
  ])
  const spaces = placeOf(routes.included, proxyApps.included)
  const proxies = await proxiesByOrg(cf, proxyApps.resources, spaces, routes.resources)
  const described = routes.resources.map((route) => {
    const place = spaces.get(route.relationships.space.data?.guid ?? '')
    return describeRoute(
      route,
      {org: place?.org.name ?? '', space: place?.name ?? ''},
      bindings.get(route.guid),
      proxies.get(place?.org.guid ?? ''),
    )
  })
  warnProxyless(described, proxies, spaces, reporter)
  return {
    org: null,
    space: null,
    proxy: null,
    proxies: [...proxies.values()].map((p) => orgProxy(p, spaces)).sort((a, b) => compareNames(a.org, b.org)),
    routes: (allRoutes ? described : described.filter((r) => r.routeService?.managedByCgx === true)).sort((a, b) =>
      compareNames(a.org, b.org),
    ),
  }
}

type Place = Named & {readonly org: Named}
type Included = {spaces?: unknown[]; organizations?: unknown[]}

/** Space GUID → the space and its org, from what the listings included. */
function placeOf(...included: Included[]): Map<string, Place> {
  const orgs = new Map(included.flatMap((i) => (i.organizations ?? []) as Named[]).map((o) => [o.guid, o]))
  type WireSpace = Named & {relationships: {organization: {data: {guid: string} | null}}}
  return new Map(
    included
      .flatMap((i) => (i.spaces ?? []) as WireSpace[])
      .map((s) => {
        const orgGuid = s.relationships.organization.data?.guid ?? ''
        return [s.guid, {guid: s.guid, name: s.name, org: {guid: orgGuid, name: orgs.get(orgGuid)?.name ?? orgGuid}}]
      }),
  )
}

/**
 * Each org's proxy as `findProxy` sees it (one labelled app per org, its route, the policy in its environment), with
 * the routes taken from the route listing and one environment read per proxy.
 */
async function proxiesByOrg(
  cf: CfClient,
  apps: readonly App[],
  spaces: Map<string, Place>,
  routes: readonly Route[],
): Promise<Map<string, Proxy>> {
  const byOrg = new Map<string, App[]>()
  for (const app of apps) {
    const org = spaces.get(app.relationships.space.data?.guid ?? '')?.org.guid ?? ''
    byOrg.set(org, [...(byOrg.get(org) ?? []), app])
  }
  for (const [org, orgApps] of byOrg) if (orgApps.length > 1) throw ambiguous(spaces, orgApps, org)
  const single = [...byOrg.values()].map(([app]) => app)
  const envs = await mapConcurrent(single, LOOKUP_CONCURRENCY, (app) => cf.apps.getEnvironmentVariables(app.guid))
  return new Map(
    single.map((app, i) => {
      const space = spaces.get(app.relationships.space.data?.guid ?? '')
      return [
        space?.org.guid ?? '',
        proxyOf(
          app,
          {guid: space?.guid ?? '', name: space?.name ?? ''},
          routes.filter((r) => r.destinations.some((d) => d.app.guid === app.guid)),
          envs[i],
        ),
      ]
    }),
  )
}

function ambiguous(spaces: Map<string, Place>, apps: readonly App[], orgGuid: string): OpError {
  return proxyAmbiguous(spaces.get(apps[0].relationships.space.data?.guid ?? '')?.org.name ?? orgGuid, apps.length)
}

/** Orgs with routes behind cgx's instance but no proxy: those routes are stale, and the org needs a deploy. */
function warnProxyless(
  routes: readonly DescribedRoute[],
  proxies: Map<string, Proxy>,
  spaces: Map<string, Place>,
  reporter: Reporter,
): void {
  const orgs = new Set([...spaces.values()].filter((s) => !proxies.has(s.org.guid)).map((s) => s.org.name))
  const proxyless = [...new Set(routes.filter((r) => r.routeService?.managedByCgx === true && orgs.has(r.org)).map((r) => r.org))]
  for (const org of proxyless.sort(compareNames)) {
    reporter.warn(`Org '${org}' has no allowlist route service: run \`cgx route-service deploy --org ${org} --space SPACE\`.`)
  }
}

function orgProxy(proxy: Proxy, spaces: Map<string, Place>): OrgProxy {
  return {org: spaces.get(proxy.space.guid)?.org.name ?? '', ...proxySummary(proxy)!}
}
