// /v3/organizations, with the default isolation segment and the default domain.
import {resourceVerbs, type ResourceContext} from '../resource.js'
import {path} from '../query.js'
import type {ListOptions, Metadata, MetadataUpdate, Resource, ToOneRelationship} from '../types.js'
import type {Domain} from './domains.js'
import {getToOne, setToOne} from './relationships.js'

export interface Organization extends Resource {
  name: string
  suspended: boolean
  relationships: {quota: ToOneRelationship}
  metadata: Metadata
}

export interface OrganizationCreate {
  name: string
  suspended?: boolean
  metadata?: MetadataUpdate
}

export interface OrganizationUpdate {
  name?: string
  suspended?: boolean
  metadata?: MetadataUpdate
}

export interface OrganizationListOptions extends ListOptions {
  names?: string[]
}

export function createOrganizationsClient(ctx: ResourceContext) {
  const defaultSegmentPath = (orgGuid: string) => path`/v3/organizations/${orgGuid}/relationships/default_isolation_segment`
  return {
    ...resourceVerbs<Organization, OrganizationCreate, OrganizationUpdate, OrganizationListOptions>(
      ctx,
      '/v3/organizations',
      'organization',
    ),
    /** The org's default isolation segment GUID, or null (apps then run on the shared segment). */
    getDefaultIsolationSegment: (orgGuid: string) => getToOne(ctx, defaultSegmentPath(orgGuid)),
    /** Set (or with null, clear) the default; the segment must be entitled to the org. */
    setDefaultIsolationSegment: (orgGuid: string, segmentGuid: string | null) => setToOne(ctx, defaultSegmentPath(orgGuid), segmentGuid),
    getDefaultDomain: (orgGuid: string) => ctx.http.get<Domain>(path`/v3/organizations/${orgGuid}/domains/default`),
  }
}

export type OrganizationsClient = ReturnType<typeof createOrganizationsClient>
