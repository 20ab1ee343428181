// Which route service a route goes through, and changing it without ever leaving the route open: a route with
// destinations always has a route service; while one is swapped for another the route has no destinations (the
// router answers 404: closed), and the destinations wait in an annotation so that a run that stopped half way
// is finished by the next one.
import {
  CfApiError,
  type CfClient,
  type Route,
  type RouteDestination,
  type RouteDestinationCreate,
  type ServiceInstance,
  type ServiceRouteBinding,
} from '../../cf/index.js'
import {OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {ROUTE_SERVICE_NAME} from './proxy.js'
import {RESEND_ANNOTATION} from './instance.js'

export const PARKED_ANNOTATION = 'cgx.cloud.gov/parked-destinations'
const ALREADY_BOUND_TO_SAME_ROUTE = 130008

export interface Bound {
  binding: ServiceRouteBinding
  instance: ServiceInstance
  /** The space's cgx instance (by its name), whatever URL it has. */
  ours: boolean
  /**
   * The URL the route is sent through: the binding's, which a managed route service's broker sets (managed instances
   * have no route_service_url), else the user-provided instance's.
   */
  url: string | null
}

/** A route bound to cgx's instance that does not go through the org's proxy (now, or once the router is told). */
export interface Stale {
  routeServiceUrl: string | null
  proxyUrl: string | null
  reason: string
}

export function boundOf(binding: ServiceRouteBinding, instance: ServiceInstance): Bound {
  return {
    binding,
    instance,
    ours: instance.name === ROUTE_SERVICE_NAME,
    url: binding.route_service_url ?? instance.route_service_url ?? null,
  }
}

/** The route service bound to each of these routes (without a list: to every route), in one listing with the instances. */
export async function bindingsByRoute(cf: CfClient, routeGuids?: readonly string[]): Promise<Map<string, Bound>> {
  if (routeGuids?.length === 0) return new Map()
  const routes = routeGuids === undefined ? {} : {route_guids: [...routeGuids]}
  const {resources, included} = await cf.serviceRouteBindings.listAllWithIncluded({...routes, include: ['service_instance']})
  const instances = new Map((included.service_instances ?? []).map((i) => [i.guid, i as ServiceInstance]))
  const byRoute = new Map<string, Bound>()
  for (const binding of resources) {
    const instance = instances.get(binding.relationships.service_instance.data?.guid ?? '')
    if (instance !== undefined) byRoute.set(binding.relationships.route.data?.guid ?? '', boundOf(binding, instance))
  }
  return byRoute
}

export async function currentBinding(cf: CfClient, routeGuid: string): Promise<Bound | undefined> {
  const {resources, included} = await cf.serviceRouteBindings.listAllWithIncluded({route_guids: [routeGuid], include: ['service_instance']})
  const [binding] = resources
  if (binding === undefined) return undefined
  const instance = (included.service_instances ?? []).find((i) => i.guid === binding.relationships.service_instance.data?.guid) as
    ServiceInstance | undefined
  return instance === undefined ? undefined : boundOf(binding, instance)
}

/**
 * Whether a route behind cgx's instance really goes through the org's proxy. It does not when the instance names
 * another URL (the proxy's route changed, or the instance was edited by hand: traffic goes to whoever holds that
 * host), or when a repoint has not reached the router yet (it still sends the route through the old URL).
 */
export function staleness(bound: Bound, proxyUrl: string | undefined): Stale | undefined {
  const expected = proxyUrl ?? null
  const urls = {routeServiceUrl: bound.url, proxyUrl: expected}
  if (expected === null)
    return {...urls, reason: `the org's allowlist proxy has no route, so ${bound.url ?? 'its URL'} reaches no cgx proxy`}
  if (bound.url !== expected)
    return {...urls, reason: `${bound.instance.name} points at ${bound.url ?? 'no URL'}, not at the proxy's ${expected}`}
  if (bound.instance.metadata.annotations[RESEND_ANNOTATION] === 'true') {
    return {
      ...urls,
      reason: `${bound.instance.name} was repointed at ${expected}, but the router may still use the old URL (the repoint stopped half way)`,
    }
  }
  return undefined
}

export async function bindRoute(cf: CfClient, routeGuid: string, instanceGuid: string): Promise<void> {
  try {
    await cf.serviceRouteBindings.create({
      relationships: {route: {data: {guid: routeGuid}}, service_instance: {data: {guid: instanceGuid}}},
    })
  } catch (error) {
    if (!(error instanceof CfApiError && error.code === ALREADY_BOUND_TO_SAME_ROUTE)) throw error
  }
}

export function isParked(route: Route): boolean {
  return route.metadata.annotations[PARKED_ANNOTATION] !== undefined
}

/**
 * Swap a foreign route service for ours: park the destinations (404, closed), unbind the foreign instance,
 * bind ours, put the destinations back. The route is never reachable without a route service. Returns the changes.
 */
export async function replaceRouteService(
  cf: CfClient,
  route: Route,
  foreign: Bound,
  ours: ServiceInstance,
  context: {reporter: Reporter; rerun: string},
): Promise<string[]> {
  const {reporter} = context
  reporter.progress(
    `Replacing route service ${foreign.instance.name} on ${route.url} with ${ours.name}: the route answers 404 ` +
      'for a moment while the bindings change (it is never open).',
  )
  await park(cf, route)
  await cf.serviceRouteBindings.delete(foreign.binding.guid)
  const unbound = `unbound ${foreign.instance.name} from ${route.url} (no destinations meanwhile)`
  await bindRoute(cf, route.guid, ours.guid)
  const bound = `bound ${ours.name} to ${route.url}`
  return [unbound, bound, ...(await restoreParked(cf, await cf.routes.get(route.guid), context.rerun))]
}

/** Take the destinations off, after writing them down; a route already parked keeps what was written. */
async function park(cf: CfClient, route: Route): Promise<void> {
  if (!isParked(route)) await writeDown(cf, route)
  if (route.destinations.length > 0) await cf.routes.replaceDestinations(route.guid, [])
}

async function writeDown(cf: CfClient, route: Route): Promise<void> {
  const saved = route.destinations.map(asCreated)
  await cf.routes.update(route.guid, {metadata: {annotations: {[PARKED_ANNOTATION]: JSON.stringify(saved)}}})
}

/** Destination writes accept these ports only; CC displays a default port (80 for a Docker image) it would refuse back. */
const WRITABLE_PORTS = {min: 1024, max: 65535}

/**
 * A destination as it can be written back: without the port where CC must have chosen it (a port no write accepts),
 * so that CC chooses it again, and without weight, which destination inserts do not take.
 */
function asCreated(d: RouteDestination | RouteDestinationCreate): RouteDestinationCreate {
  const writable = d.port !== undefined && d.port >= WRITABLE_PORTS.min && d.port <= WRITABLE_PORTS.max
  return {
    app: {guid: d.app.guid, process: {type: d.app.process?.type ?? 'web'}},
    ...(writable ? {port: d.port} : {}),
    ...(d.protocol === 'http1' || d.protocol === 'http2' ? {protocol: d.protocol} : {}),
  }
}

/**
 * Put back destinations a replace parked (once our route service is bound). Saved ones are cleaned as they are
 * written now, so that a route parked by an older cgx (which saved the displayed port) comes back too. If the
 * platform refuses them the route stays parked (404, closed), and the error says so and how to finish. Returns the
 * change made, none when the route was not parked.
 */
export async function restoreParked(cf: CfClient, route: Route, rerun: string): Promise<string[]> {
  const text = route.metadata.annotations[PARKED_ANNOTATION]
  if (text === undefined) return []
  const saved = (JSON.parse(text) as RouteDestinationCreate[]).map(asCreated)
  try {
    if (saved.length > 0) await cf.routes.insertDestinations(route.guid, saved)
  } catch (error) {
    if (!(error instanceof CfApiError)) throw error
    throw new OpError(
      'ROUTE_PARKED',
      `${route.url} stays parked: it has no destinations (it answers 404) because the platform refused ` +
        `to restore its ${saved.length} saved destination(s): ${error.message}`,
      {
        suggestions: [
          `Once that is fixed, run \`${rerun}\` again: it restores them. They are saved in the route's annotation ${PARKED_ANNOTATION}.`,
        ],
      },
    )
  }
  await cf.routes.update(route.guid, {metadata: {annotations: {[PARKED_ANNOTATION]: null}}})
  return [`restored ${saved.length} destination(s) of ${route.url}`]
}
