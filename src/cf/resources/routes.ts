// /v3/routes and their destinations. `update` with `options` (even `{}`) makes CC re-send the route to
// Diego, which is how a changed route-service URL reaches the router (capi/README.md behaviour 27).
import {path} from '../query.js'
import {includedLister, resourceVerbs, type ResourceContext} from '../resource.js'
import type {Link, ListOptions, Metadata, MetadataUpdate, Resource, ToOneRelationship} from '../types.js'

export interface RouteDestination {
  guid: string
  app: {guid: string; process: {type: string}}
  weight: number | null
  port: number
  protocol: string | null
  created_at?: string
  updated_at?: string
}

/** A destination to add: the app, optionally its process type, port and protocol. */
export interface RouteDestinationCreate {
  app: {guid: string; process?: {type: string}}
  port?: number
  protocol?: 'http1' | 'http2' | 'tcp'
  weight?: number
}

export interface RouteOptions {
  loadbalancing?: string
  [option: string]: unknown
}

export interface Route extends Resource {
  protocol: string
  host: string
  path: string
  port: number | null
  url: string
  destinations: RouteDestination[]
  options: RouteOptions
  relationships: {space: ToOneRelationship; domain: ToOneRelationship}
  metadata: Metadata
}

export interface RouteCreate {
  relationships: {space: ToOneRelationship; domain: ToOneRelationship}
  host?: string
  path?: string
  port?: number
  options?: RouteOptions
  metadata?: MetadataUpdate
}

export interface RouteUpdate {
  options?: RouteOptions
  metadata?: MetadataUpdate
}

export interface RouteListOptions extends ListOptions {
  app_guids?: string[]
  domain_guids?: string[]
  hosts?: string[]
  organization_guids?: string[]
  paths?: string[]
  ports?: string[]
  space_guids?: string[]
  service_instance_guids?: string[]
  include?: ('domain' | 'space' | 'space.organization')[]
}

export interface RouteDestinations {
  destinations: RouteDestination[]
  links: Record<string, Link>
}

export function createRoutesClient(ctx: ResourceContext) {
  const destinationsPath = (routeGuid: string) => path`/v3/routes/${routeGuid}/destinations`
  const sendDestinations = async (method: 'POST' | 'PATCH', routeGuid: string, destinations: readonly RouteDestinationCreate[]) =>
    (await ctx.http.send<RouteDestinations>({method, path: destinationsPath(routeGuid), json: {destinations}})).data.destinations
  return {
    ...resourceVerbs<Route, RouteCreate, RouteUpdate, RouteListOptions>(ctx, '/v3/routes', 'route'),
    listAllWithIncluded: includedLister<Route, RouteListOptions>(ctx, '/v3/routes'),
    listDestinations: async (routeGuid: string) => (await ctx.http.get<RouteDestinations>(destinationsPath(routeGuid))).destinations,
    /** Add destinations (existing ones stay); returns all of the route's destinations. */
    insertDestinations: (routeGuid: string, destinations: readonly RouteDestinationCreate[]) =>
      sendDestinations('POST', routeGuid, destinations),
    /** Replace all destinations with these; returns the new list. */
    replaceDestinations: (routeGuid: string, destinations: readonly RouteDestinationCreate[]) =>
      sendDestinations('PATCH', routeGuid, destinations),
    removeDestination: async (routeGuid: string, destinationGuid: string): Promise<void> => {
      await ctx.http.send({method: 'DELETE', path: path`/v3/routes/${routeGuid}/destinations/${destinationGuid}`})
    },
  }
}

export type RoutesClient = ReturnType<typeof createRoutesClient>
