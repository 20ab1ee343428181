// ROUTE as users type it ("host.domain[/path]") → the platform's route, its space and org. A host has no dots in
// Cloud Foundry, so the domain is either the whole name or the name without its first label: two candidates,
// one domain lookup and one route lookup per candidate that exists.
import type {CfClient, Domain, Route, Space} from '../../cf/index.js'
import {parseRouteSpec, routeKey, type RouteSpec} from '../../domain/allowlist/index.js'
import {suggestNames} from '../../domain/names/suggest.js'
import {InvalidInputError, NotFoundError} from '../errors.js'

export interface ResolvedRoute {
  route: Route
  /** "host.domain/path", as the platform writes it. */
  url: string
  /** The route as a policy names it. */
  spec: RouteSpec
  space: {guid: string; name: string}
  org: {guid: string; name: string}
}

export const ROUTE_HINT = 'Write the route as host.domain[/path], e.g. api.agency.gov/v1 (see `cf routes`).'

export function parseRouteInput(text: string): RouteSpec {
  const parsed = parseRouteSpec(text.trim())
  if ('error' in parsed) throw new InvalidInputError('ROUTE_INVALID', `${capitalize(parsed.error)}.`, [ROUTE_HINT])
  if (parsed.spec.port !== undefined)
    throw new InvalidInputError('ROUTE_INVALID', `"${text}" has a port: allowlists protect http routes, which have none.`, [ROUTE_HINT])
  return parsed.spec
}

/** Where a route's name can split into host and domain: the whole name is the domain, or all but its first label. */
export function domainCandidates(name: string): {domain: string; host: string}[] {
  const dot = name.indexOf('.')
  return [{domain: name, host: ''}, ...(dot > 0 ? [{domain: name.slice(dot + 1), host: name.slice(0, dot)}] : [])]
}

/** The route as a policy names it, from the platform's route. */
export function routeSpecOf(route: Route): RouteSpec {
  const host = route.url.slice(0, route.path === '' ? undefined : route.url.length - route.path.length).toLowerCase()
  return {host, pathPrefix: route.path}
}

export async function resolveRoute(cf: CfClient, text: string, spec = parseRouteInput(text)): Promise<ResolvedRoute> {
  const candidates = domainCandidates(spec.host)
  const domains = await cf.domains.listAll({names: candidates.map((c) => c.domain)})
  for (const candidate of candidates) {
    const domain = domains.find((d) => d.name.toLowerCase() === candidate.domain)
    if (domain === undefined) continue
    const found = await findOnDomain(cf, domain, candidate.host, spec)
    if (found !== undefined) return found
  }
  throw new NotFoundError('route', text, await closeRoutes(cf, text, domains, cf.target.organization?.guid), ROUTE_HINT)
}

async function findOnDomain(cf: CfClient, domain: Domain, host: string, spec: RouteSpec): Promise<ResolvedRoute | undefined> {
  const {resources, included} = await cf.routes.listAllWithIncluded({
    domain_guids: [domain.guid],
    ...(host === '' ? {} : {hosts: [host]}),
    include: ['space.organization'],
  })
  const route = resources.find((r) => r.host.toLowerCase() === host && routeKey({host: spec.host, pathPrefix: r.path}) === routeKey(spec))
  if (route === undefined) return undefined
  const spaceGuid = route.relationships.space.data?.guid
  const space = (included.spaces ?? []).find((s) => s.guid === spaceGuid) as Space | undefined
  const org = named(included.organizations, space?.relationships.organization.data?.guid)
  return {route, url: route.url, spec: {host: spec.host, pathPrefix: route.path}, space: named(space ? [space] : [], spaceGuid), org}
}

/** Route URLs close to what was typed, from the targeted org (or the domains typed) for "did you mean". */
async function closeRoutes(cf: CfClient, text: string, domains: Domain[], orgGuid: string | undefined): Promise<string[]> {
  if (orgGuid === undefined && domains.length === 0) return []
  const routes = await cf.routes.listAll(
    orgGuid === undefined ? {domain_guids: domains.map((d) => d.guid)} : {organization_guids: [orgGuid]},
  )
  return suggestNames(
    text.toLowerCase(),
    routes.map((r) => r.url),
  )
}

function named(list: readonly {guid: string}[] | undefined, guid: string | undefined): {guid: string; name: string} {
  const found = (list ?? []).find((item) => item.guid === guid) as {guid: string; name?: string} | undefined
  return {guid: guid ?? '', name: found?.name ?? guid ?? ''}
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
