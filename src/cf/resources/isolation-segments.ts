// /v3/isolation_segments, with org entitlements and the spaces assigned to a segment.
import {fetchAll} from '../pagination.js'
import {path} from '../query.js'
import {resourceVerbs, type ResourceContext} from '../resource.js'
import type {ListOptions, Metadata, MetadataUpdate, Resource} from '../types.js'
import type {Organization, OrganizationListOptions} from './organizations.js'
import {addToMany, getToMany, removeFromMany} from './relationships.js'

export interface IsolationSegment extends Resource {
  name: string
  metadata: Metadata
}

export interface IsolationSegmentCreate {
  name: string
  metadata?: MetadataUpdate
}

export interface IsolationSegmentUpdate {
  name?: string
  metadata?: MetadataUpdate
}

export interface IsolationSegmentListOptions extends ListOptions {
  names?: string[]
  organization_guids?: string[]
}

/** The platform's built-in shared segment (capi/README.md behaviour 14). */
export const SHARED_ISOLATION_SEGMENT_GUID = '933b4c58-120b-499a-b85d-4b6fc9e2903b'

export function createIsolationSegmentsClient(ctx: ResourceContext) {
  const orgsPath = (guid: string) => path`/v3/isolation_segments/${guid}/relationships/organizations`
  return {
    ...resourceVerbs<IsolationSegment, IsolationSegmentCreate, IsolationSegmentUpdate, IsolationSegmentListOptions>(
      ctx,
      '/v3/isolation_segments',
      'isolation segment',
    ),
    /** The entitled organizations as full objects (paginated endpoint). */
    listOrganizations: async (guid: string, options?: OrganizationListOptions): Promise<Organization[]> =>
      (await fetchAll<Organization>(ctx.http, path`/v3/isolation_segments/${guid}/organizations`, options)).resources,
    listEntitledOrganizationGuids: (guid: string) => getToMany(ctx, orgsPath(guid)),
    listSpaceGuids: (guid: string) => getToMany(ctx, path`/v3/isolation_segments/${guid}/relationships/spaces`),
    /** Entitle orgs (idempotent); returns every entitled org GUID. */
    entitleOrganizations: (guid: string, orgGuids: readonly string[]) => addToMany(ctx, orgsPath(guid), orgGuids),
    revokeOrganization: (guid: string, orgGuid: string) =>
      removeFromMany(ctx, path`/v3/isolation_segments/${guid}/relationships/organizations/${orgGuid}`),
  }
}

export type IsolationSegmentsClient = ReturnType<typeof createIsolationSegmentsClient>
