// /v3/domains.
import {resourceVerbs, type ResourceContext} from '../resource.js'
import type {ListOptions, Metadata, MetadataUpdate, Resource, ToManyRelationship, ToOneRelationship} from '../types.js'

export interface Domain extends Resource {
  name: string
  internal: boolean
  router_group: {guid: string} | null
  supported_protocols: string[]
  relationships: {organization: ToOneRelationship; shared_organizations: ToManyRelationship}
  metadata: Metadata
}

export interface DomainCreate {
  name: string
  internal?: boolean
  relationships?: {organization?: ToOneRelationship; shared_organizations?: ToManyRelationship}
  metadata?: MetadataUpdate
}

export interface DomainUpdate {
  metadata?: MetadataUpdate
}

export interface DomainListOptions extends ListOptions {
  names?: string[]
  organization_guids?: string[]
}

export function createDomainsClient(ctx: ResourceContext) {
  return resourceVerbs<Domain, DomainCreate, DomainUpdate, DomainListOptions>(ctx, '/v3/domains', 'domain')
}

export type DomainsClient = ReturnType<typeof createDomainsClient>
