// Routes and their destinations. Options changes, destination changes and deletion re-send the route to the
// router (behaviour 27), which is what makes a changed route-service URL reach gorouter.
import {canReadSpace} from '../access.js'
import {deleteRoute} from '../cascade.js'
import type {Dispatcher} from '../dispatch.js'
import {resourceNotFound, unprocessable} from '../errors.js'
import {isObject, ok, readBody, relationshipGuid, type Body, type Ctx} from '../http.js'
import {startJob} from '../jobs.js'
import {fieldIn, type Inclusion, LIST_KEYS, listResponse, type ListSpec, showResponse} from '../listing.js'
import {updateMetadata, validateMetadata} from '../metadata.js'
import type {RouteRecord, SpaceRecord} from '../model.js'
import {link, metadataOf, stamps, toOne} from '../present.js'
import {routeUrl} from '../router-view.js'
import {domainUsableBy, presentDomain} from './domains.js'
import {presentOrg} from './organizations.js'
import {presentSpace, rowsInVisibleSpaces} from './spaces.js'
import {destinationRoutes, presentDestinations} from './destinations.js'

export function presentRoute(ctx: Ctx, route: RouteRecord): unknown {
  const self = `/v3/routes/${route.guid}`
  return {
    ...stamps(route),
    protocol: 'http',
    host: route.host,
    path: route.path,
    port: null,
    url: routeUrl(ctx.store, route),
    destinations: presentDestinations(ctx.store, route),
    options: {...route.options},
    metadata: metadataOf(route),
    relationships: {space: toOne(route.space_guid), domain: toOne(route.domain_guid)},
    links: {
      self: link(ctx, self),
      space: link(ctx, `/v3/spaces/${route.space_guid}`),
      destinations: link(ctx, `${self}/destinations`),
      domain: link(ctx, `/v3/domains/${route.domain_guid}`),
    },
  }
}

export function findRoute(ctx: Ctx, guid: string): RouteRecord {
  const route = ctx.store.tables.routes.get(guid)
  if (!route || !canReadSpace(ctx, route.space_guid)) throw resourceNotFound('Route')
  return route
}

const spacesOf = (ctx: Ctx, routes: RouteRecord[]): SpaceRecord[] => routes.flatMap((r) => ctx.store.tables.spaces.get(r.space_guid) ?? [])

const spaceInclusion: Inclusion<RouteRecord> = {key: 'spaces', parents: spacesOf, present: presentSpace as never}
const includes: Record<string, Array<Inclusion<RouteRecord>>> = {
  domain: [
    {
      key: 'domains',
      parents: (ctx, routes) => routes.flatMap((r) => ctx.store.tables.domains.get(r.domain_guid) ?? []),
      present: presentDomain as never,
    },
  ],
  space: [spaceInclusion],
  'space.organization': [
    spaceInclusion,
    {
      key: 'organizations',
      present: presentOrg as never,
      parents: (ctx, routes) => spacesOf(ctx, routes).flatMap((s) => ctx.store.tables.orgs.get(s.organization_guid) ?? []),
    },
  ],
}

export const routeListSpec: ListSpec<RouteRecord> = {
  allowed: [
    ...LIST_KEYS,
    'hosts',
    'space_guids',
    'organization_guids',
    'domain_guids',
    'paths',
    'app_guids',
    'include',
    'label_selector',
    'ports',
    'service_instance_guids',
  ],
  filters: {
    hosts: fieldIn((r) => r.host),
    paths: fieldIn((r) => r.path),
    domain_guids: fieldIn((r) => r.domain_guid),
    space_guids: fieldIn((r) => r.space_guid),
    organization_guids: (values, ctx) => (r) => values.includes(ctx.store.tables.spaces.get(r.space_guid)?.organization_guid ?? ''),
    app_guids: (values) => (r) => r.destinations.some((d) => values.includes(d.app_guid)),
    ports: () => () => false,
    service_instance_guids: (values, ctx) => (r) =>
      ctx.store.tables.routeBindings.by('route', r.guid).some((b) => values.includes(b.service_instance_guid)),
  },
  includes,
  present: presentRoute,
}

const LOADBALANCING = ['round-robin', 'least-connection']

function readOptions(value: unknown): Record<string, unknown> {
  if (!isObject(value)) throw unprocessable("Options 'options' is not a valid object")
  const unknown = Object.keys(value).filter((k) => k !== 'loadbalancing')
  if (unknown.length > 0) throw unprocessable(`Options Unknown field(s): ${unknown.map((k) => `'${k}'`).join(', ')}`)
  if (value.loadbalancing !== undefined && value.loadbalancing !== null && !LOADBALANCING.includes(String(value.loadbalancing))) {
    throw unprocessable(`Options Loadbalancing must be one of '${LOADBALANCING.join(', ')}' if present`)
  }
  return value
}

function duplicateMessage(host: string, path: string, domainName: string): string {
  const parts = [host ? `host '${host}'` : '', path ? `path '${path}'` : ''].filter(Boolean).join(' and ')
  return `Route already exists${parts ? ` with ${parts}` : ''} for domain '${domainName}'.`
}

function create(ctx: Ctx) {
  const body = readBody(ctx, ['host', 'path', 'port', 'relationships', 'options', 'metadata'])
  validateMetadata(body.metadata)
  const spaceGuid = relationshipGuid(body, 'space') ?? ''
  const space = ctx.store.tables.spaces.get(spaceGuid)
  if (!space || !canReadSpace(ctx, spaceGuid)) {
    throw unprocessable('Invalid space. Ensure that the space exists and you have access to it.')
  }
  const domainGuid = relationshipGuid(body, 'domain') ?? ''
  const domain = ctx.store.tables.domains.get(domainGuid)
  if (!domain) throw unprocessable('Invalid domain. Ensure that the domain exists and you have access to it.')
  if (!domainUsableBy(domain, space.organization_guid)) {
    const org = ctx.store.tables.orgs.get(space.organization_guid)
    throw unprocessable(`Invalid domain. Domain '${domain.name}' is not available in organization '${org?.name}'.`)
  }
  const host = typeof body.host === 'string' ? body.host.toLowerCase() : ''
  const path = typeof body.path === 'string' ? body.path : ''
  if (path !== '' && !path.startsWith('/')) throw unprocessable('Path must begin with /')
  if (ctx.store.tables.routes.first('address', `${host}|${domain.guid}|${path}`)) {
    throw unprocessable(duplicateMessage(host, path, domain.name))
  }
  const route: RouteRecord = {
    ...ctx.store.base('route'),
    host,
    path,
    domain_guid: domain.guid,
    space_guid: space.guid,
    options: body.options === undefined ? {} : readOptions(body.options),
    destinations: [],
  }
  route.metadata = updateMetadata(route.metadata, body.metadata)
  ctx.store.tables.routes.insert(route)
  ctx.services.router.resend(route, ctx.journalIndex)
  return ok(presentRoute(ctx, route), 201)
}

function mergeOptions(current: Record<string, unknown>, update: Body): Record<string, unknown> {
  const next = {...current}
  for (const [key, value] of Object.entries(update)) {
    if (value === null) delete next[key]
    else next[key] = value
  }
  return next
}

function update(ctx: Ctx) {
  const route = findRoute(ctx, ctx.params.guid)
  const body = readBody(ctx, ['options', 'metadata'])
  const options = body.options === undefined ? route.options : mergeOptions(route.options, readOptions(body.options))
  ctx.store.touch('routes', route, {options, metadata: updateMetadata(route.metadata, body.metadata)})
  // route_update.rb notifies the backend whenever the body has an `options` key, even `{}`.
  if (body.options !== undefined) ctx.services.router.resend(route, ctx.journalIndex)
  return ok(presentRoute(ctx, route))
}

function remove(ctx: Ctx) {
  const route = findRoute(ctx, ctx.params.guid)
  return startJob(ctx, 'route.delete', {type: 'route', guid: route.guid}, () => deleteRoute(ctx.store, ctx.services.router, route.guid))
}

function appRoutes(ctx: Ctx) {
  const app = ctx.store.tables.apps.get(ctx.params.guid)
  if (!app || !canReadSpace(ctx, app.space_guid)) throw resourceNotFound('App')
  return listResponse(ctx, ctx.store.tables.routes.by('app', app.guid), routeListSpec)
}

export function registerRoutes(d: Dispatcher): void {
  d.add('GET', '/v3/routes', (ctx) => listResponse(ctx, rowsInVisibleSpaces(ctx, ctx.store.tables.routes), routeListSpec))
    .add('POST', '/v3/routes', create)
    .add('GET', '/v3/routes/:guid', (ctx) => showResponse(ctx, findRoute(ctx, ctx.params.guid), routeListSpec))
    .add('PATCH', '/v3/routes/:guid', update)
    .add('DELETE', '/v3/routes/:guid', remove)
    .add('GET', '/v3/apps/:guid/routes', appRoutes)
  destinationRoutes(d, findRoute)
}
