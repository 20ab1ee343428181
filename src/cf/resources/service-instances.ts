// /v3/service_instances. cgx manages user-provided instances only (the allowlist route service), which
// CC creates, updates and deletes synchronously; a managed instance's job is still awaited if one comes.
import {path} from '../query.js'
import {resourceVerbs, sendAndAwait, type ResourceContext} from '../resource.js'
import type {PollOptions} from '../poll.js'
import type {ListOptions, Metadata, MetadataUpdate, Resource, ToOneRelationship} from '../types.js'

export interface LastOperation {
  type: string
  /** `in progress` while a managed instance's broker works, then `succeeded` or `failed`. */
  state: string
  /** Null while a broker operation is in progress. */
  description: string | null
  created_at: string
  updated_at: string
}

export interface ServiceInstance extends Resource {
  name: string
  type: 'user-provided' | 'managed'
  tags: string[]
  last_operation: LastOperation
  /** User-provided only: a managed instance has no such field (its broker's URL is on each route binding). */
  syslog_drain_url?: string | null
  route_service_url?: string | null
  /** Managed only. */
  maintenance_info?: {version?: string; description?: string}
  upgrade_available?: boolean
  dashboard_url?: string | null
  relationships: {space: ToOneRelationship; service_plan?: ToOneRelationship}
  metadata: Metadata
}

export interface UserProvidedServiceInstanceCreate {
  type: 'user-provided'
  name: string
  relationships: {space: ToOneRelationship}
  tags?: string[]
  credentials?: Record<string, unknown>
  syslog_drain_url?: string
  /** Must be https (CC answers 422 otherwise). */
  route_service_url?: string
  metadata?: MetadataUpdate
}

export interface UserProvidedServiceInstanceUpdate {
  name?: string
  tags?: string[]
  credentials?: Record<string, unknown>
  syslog_drain_url?: string
  route_service_url?: string
  metadata?: MetadataUpdate
}

export interface ServiceInstanceListOptions extends ListOptions {
  names?: string[]
  type?: 'user-provided' | 'managed'
  space_guids?: string[]
  organization_guids?: string[]
  service_plan_guids?: string[]
  service_plan_names?: string[]
}

export function createServiceInstancesClient(ctx: ResourceContext) {
  const verbs = resourceVerbs<
    ServiceInstance,
    UserProvidedServiceInstanceCreate,
    UserProvidedServiceInstanceUpdate,
    ServiceInstanceListOptions
  >(ctx, '/v3/service_instances', 'service instance')
  return {
    ...verbs,
    /** Update; if the API answers with a job (managed instances), wait for it and return the fresh object. */
    update: async (guid: string, body: UserProvidedServiceInstanceUpdate, options?: PollOptions): Promise<ServiceInstance> => {
      const response = await sendAndAwait<ServiceInstance>(
        ctx,
        {method: 'PATCH', path: path`/v3/service_instances/${guid}`, json: body},
        options,
      )
      return response.status === 202 ? verbs.get(guid) : response.data
    },
    /** A user-provided instance's credentials ({} when none). Kept out of CF_TRACE. */
    getCredentials: (guid: string) =>
      ctx.http
        .send<Record<string, unknown>>({method: 'GET', path: path`/v3/service_instances/${guid}/credentials`, secretResponse: true})
        .then((response) => response.data ?? {}),
  }
}

export type ServiceInstancesClient = ReturnType<typeof createServiceInstancesClient>
