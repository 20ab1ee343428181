// `cgx route-allow list`: the protected routes of an org (or space) with their allow lists; with --all-routes
// also the open ones and those behind a route service cgx does not manage. A few list calls whatever the number
// of routes: the routes (with their spaces), their bindings (with the instances), the proxy and its environment.
// With --all-orgs, every visible org from foundation-wide listings (list-all-orgs.ts).
import type {CfClient} from '../../cf/index.js'
import type {Reporter} from '../reporter.js'
import {checkNameFlags, findSpace, orgFromFlagOrTarget} from '../resolve.js'
import {bindingsByRoute, findProxy} from '../allowlist-proxy/index.js'
import {describeRoute, proxySummary, type DescribedRoute} from './describe.js'
import {listAllOrgsAllowlists} from './list-all-orgs.js'

export interface ListRequest {
  org?: string
  space?: string
  allRoutes?: boolean
  /** Every visible org (exclusive with org and space, which the command enforces). */
  allOrgs?: boolean
}

export interface OrgProxy {
  org: string
  name: string
  guid: string
  url: string | null
}

export interface RouteListResult {
  /** The org listed; null with --all-orgs (each route names its org). */
  org: string | null
  space: string | null
  /** The org's proxy; null with --all-orgs (see proxies). */
  proxy: {name: string; guid: string; url: string | null} | null
  /** The proxy of every org listed that has one, by org name. */
  proxies: OrgProxy[]
  routes: DescribedRoute[]
}

export async function listAllowlists(cf: CfClient, request: ListRequest, reporter: Reporter): Promise<RouteListResult> {
  if (request.allOrgs) return listAllOrgsAllowlists(cf, request.allRoutes ?? false, reporter)
  checkNameFlags(request)
  const org = await orgFromFlagOrTarget(cf, request.org)
  const space = request.space === undefined ? undefined : await findSpace(cf, org, request.space)
  const scope = space === undefined ? {organization_guids: [org.guid]} : {space_guids: [space.guid]}
  const [{resources: routes, included}, proxy] = await Promise.all([
    cf.routes.listAllWithIncluded({...scope, include: ['space']}),
    findProxy(cf, org),
  ])
  if (proxy === undefined)
    reporter.warn(`Org '${org.name}' has no allowlist route service: run \`cgx route-service deploy --org ${org.name} --space SPACE\`.`)
  const bindings = await bindingsByRoute(
    cf,
    routes.map((r) => r.guid),
  )
  const spaceNames = new Map((included.spaces ?? []).map((s) => [s.guid, (s as unknown as {name: string}).name]))
  const described = routes.map((route) => {
    const spaceName = spaceNames.get(route.relationships.space.data?.guid ?? '') ?? ''
    return describeRoute(route, {org: org.name, space: spaceName}, bindings.get(route.guid), proxy)
  })
  return {
    org: org.name,
    space: space?.name ?? null,
    proxy: proxySummary(proxy),
    proxies: proxy === undefined ? [] : [{org: org.name, ...proxySummary(proxy)!}],
    routes: request.allRoutes ? described : described.filter((r) => r.routeService?.managedByCgx === true),
  }
}
