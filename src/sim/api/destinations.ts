// Route destinations: which app processes a route sends traffic to. Real changes re-send the route.
// A destination written without a port is stored without one and shown with the app's default port.
import type {Dispatcher} from '../dispatch.js'
import {resourceNotFound, unprocessable} from '../errors.js'
import {isObject, noContent, ok, readBody, type Ctx} from '../http.js'
import {defaultPort} from '../lifecycle.js'
import type {DestinationRecord, RouteRecord} from '../model.js'
import {link} from '../present.js'
import type {Store} from '../store.js'

export function presentDestinations(store: Store, route: RouteRecord): unknown[] {
  return route.destinations.map((d) => ({
    guid: d.guid,
    app: {guid: d.app_guid, process: {type: d.process_type}},
    weight: d.weight,
    port: d.port ?? defaultPort(store, d.app_guid),
    protocol: d.protocol,
    created_at: d.created_at,
    updated_at: d.updated_at,
  }))
}

function destinationsBody(ctx: Ctx, route: RouteRecord) {
  return ok({
    destinations: presentDestinations(ctx.store, route),
    links: {self: link(ctx, `/v3/routes/${route.guid}/destinations`), route: link(ctx, `/v3/routes/${route.guid}`)},
  })
}

const sameTarget = (a: DestinationRecord, b: DestinationRecord): boolean =>
  a.app_guid === b.app_guid && a.process_type === b.process_type && a.port === b.port

/** A written port: none, or 1024-65535. The 422 text is taken from a real CC answer (not in the reference data). */
function writtenPort(value: unknown): number | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1024 || value > 65535) {
    throw unprocessable('Port must be a positive integer between 1024 and 65535')
  }
  return value
}

/** The body's destinations as records; 422 when an app is unknown or in another space, or a port is out of range. */
function readDestinations(ctx: Ctx, route: RouteRecord): DestinationRecord[] {
  const body = readBody(ctx, ['destinations'])
  if (!Array.isArray(body.destinations)) throw unprocessable('Destinations must be an array')
  const now = ctx.store.now()
  // The message (ports included) is validated before any app is looked up.
  const ports = body.destinations.map((item: unknown) => writtenPort(isObject(item) ? item.port : undefined))
  return body.destinations.map((item: unknown, i) => {
    const d = isObject(item) ? item : {}
    const app = isObject(d.app) ? d.app : {}
    const process = isObject(app.process) ? app.process : {}
    const found = typeof app.guid === 'string' ? ctx.store.tables.apps.get(app.guid) : undefined
    if (!found || found.space_guid !== route.space_guid) {
      throw unprocessable(`App(s) with guid(s) "${String(app.guid)}" do not exist or you do not have access.`)
    }
    return {
      guid: ctx.store.newGuid('destination'),
      app_guid: found.guid,
      process_type: typeof process.type === 'string' ? process.type : 'web',
      port: ports[i],
      protocol: typeof d.protocol === 'string' ? d.protocol : 'http1',
      weight: typeof d.weight === 'number' ? d.weight : null,
      created_at: now,
      updated_at: now,
    }
  })
}

function setDestinations(ctx: Ctx, route: RouteRecord, next: DestinationRecord[]) {
  const changed = next.length !== route.destinations.length || next.some((d) => !route.destinations.some((e) => sameTarget(d, e)))
  ctx.store.touch('routes', route, {destinations: next})
  if (changed) ctx.services.router.resend(route, ctx.journalIndex)
  return destinationsBody(ctx, route)
}

export function destinationRoutes(d: Dispatcher, findRoute: (ctx: Ctx, guid: string) => RouteRecord): void {
  const path = '/v3/routes/:guid/destinations'
  d.add('GET', path, (ctx) => destinationsBody(ctx, findRoute(ctx, ctx.params.guid)))
    .add('POST', path, (ctx) => {
      const route = findRoute(ctx, ctx.params.guid)
      const added = readDestinations(ctx, route).filter((n) => !route.destinations.some((e) => sameTarget(n, e)))
      return setDestinations(ctx, route, [...route.destinations, ...added])
    })
    .add('PATCH', path, (ctx) => {
      const route = findRoute(ctx, ctx.params.guid)
      const wanted = readDestinations(ctx, route)
      return setDestinations(
        ctx,
        route,
        wanted.map((n) => route.destinations.find((e) => sameTarget(n, e)) ?? n),
      )
    })
    .add('DELETE', `${path}/:destination_guid`, (ctx) => {
      const route = findRoute(ctx, ctx.params.guid)
      if (!route.destinations.some((e) => e.guid === ctx.params.destination_guid)) throw resourceNotFound('Destination')
      setDestinations(
        ctx,
        route,
        route.destinations.filter((e) => e.guid !== ctx.params.destination_guid),
      )
      return noContent()
    })
}
