// /v3/spaces, with the space's isolation segment and its effective security groups.
import {path} from '../query.js'
import {includedLister, resourceVerbs, type ResourceContext} from '../resource.js'
import {fetchAll} from '../pagination.js'
import type {ListOptions, Metadata, MetadataUpdate, Resource, ToOneRelationship} from '../types.js'
import {getToOne, setToOne} from './relationships.js'
import type {SecurityGroup, SpaceSecurityGroupListOptions} from './security-groups.js'

export interface Space extends Resource {
  name: string
  suspended: boolean
  relationships: {organization: ToOneRelationship; quota: ToOneRelationship}
  metadata: Metadata
}

export interface SpaceCreate {
  name: string
  relationships: {organization: ToOneRelationship}
  suspended?: boolean
  metadata?: MetadataUpdate
}

export interface SpaceUpdate {
  name?: string
  suspended?: boolean
  metadata?: MetadataUpdate
}

export interface SpaceListOptions extends ListOptions {
  names?: string[]
  organization_guids?: string[]
  include?: ('organization' | 'org')[]
}

export function createSpacesClient(ctx: ResourceContext) {
  const segmentPath = (spaceGuid: string) => path`/v3/spaces/${spaceGuid}/relationships/isolation_segment`
  const securityGroups = (lifecycle: 'running' | 'staging') => async (spaceGuid: string, options?: SpaceSecurityGroupListOptions) =>
    (await fetchAll<SecurityGroup>(ctx.http, `${path`/v3/spaces/${spaceGuid}`}/${lifecycle}_security_groups`, options)).resources
  return {
    ...resourceVerbs<Space, SpaceCreate, SpaceUpdate, SpaceListOptions>(ctx, '/v3/spaces', 'space'),
    listAllWithIncluded: includedLister<Space, SpaceListOptions>(ctx, '/v3/spaces'),
    /** The segment assigned to the space itself, or null (then the org default applies). */
    getIsolationSegment: (spaceGuid: string) => getToOne(ctx, segmentPath(spaceGuid)),
    /** Assign (or with null, unassign); the segment must be entitled to the space's org. */
    setIsolationSegment: (spaceGuid: string, segmentGuid: string | null) => setToOne(ctx, segmentPath(spaceGuid), segmentGuid),
    /** Groups that apply to running apps: bound to the space or globally enabled. */
    listRunningSecurityGroups: securityGroups('running'),
    /** Groups that apply while staging: bound to the space or globally enabled. */
    listStagingSecurityGroups: securityGroups('staging'),
  }
}

export type SpacesClient = ReturnType<typeof createSpacesClient>
