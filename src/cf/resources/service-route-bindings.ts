// /v3/service_route_bindings: a route service bound to a route. With a user-provided instance CC binds at
// once (201); with a managed one it answers 202 and a job, after which the binding is looked up.
import {resourceVerbs, includedLister, sendAndAwait, type ResourceContext} from '../resource.js'
import type {PollOptions} from '../poll.js'
import type {ListOptions, Metadata, MetadataUpdate, Resource, ToOneRelationship} from '../types.js'
import type {LastOperation} from './service-instances.js'

export interface ServiceRouteBinding extends Resource {
  /** The URL the router sends the route's requests through: a user-provided instance's own, or the one a managed
   * instance's broker answered on bind (null until that bind has finished). */
  route_service_url: string | null
  last_operation: LastOperation
  relationships: {service_instance: ToOneRelationship; route: ToOneRelationship}
  metadata: Metadata
}

export interface ServiceRouteBindingCreate {
  relationships: {route: ToOneRelationship; service_instance: ToOneRelationship}
  parameters?: Record<string, unknown>
  metadata?: MetadataUpdate
}

export interface ServiceRouteBindingUpdate {
  metadata?: MetadataUpdate
}

export interface ServiceRouteBindingListOptions extends ListOptions {
  route_guids?: string[]
  service_instance_guids?: string[]
  service_instance_names?: string[]
  include?: ('route' | 'service_instance')[]
}

const BASE = '/v3/service_route_bindings'

export function createServiceRouteBindingsClient(ctx: ResourceContext) {
  const verbs = resourceVerbs<ServiceRouteBinding, ServiceRouteBindingCreate, ServiceRouteBindingUpdate, ServiceRouteBindingListOptions>(
    ctx,
    BASE,
    'service route binding',
  )
  return {
    ...verbs,
    listAllWithIncluded: includedLister<ServiceRouteBinding, ServiceRouteBindingListOptions>(ctx, BASE),
    create: async (body: ServiceRouteBindingCreate, options?: PollOptions): Promise<ServiceRouteBinding> => {
      const response = await sendAndAwait<ServiceRouteBinding>(ctx, {method: 'POST', path: BASE, json: body}, options)
      if (response.status !== 202) return response.data
      return verbs.single({
        route_guids: [body.relationships.route.data?.guid ?? ''],
        service_instance_guids: [body.relationships.service_instance.data?.guid ?? ''],
      })
    },
  }
}

export type ServiceRouteBindingsClient = ReturnType<typeof createServiceRouteBindingsClient>
