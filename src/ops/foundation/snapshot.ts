/**
 * The foundation as segment reports need it, read in a number of requests that does not grow with the number of
 * spaces: the segments (1 listing + 2 relationship reads each), the orgs and the spaces (listings of 5000 per page),
 * the default segment of each org entitled to an isolation segment (the API has no bulk read), and, when asked,
 * every ASG in one listing. Everything else (effective segments, networks, which groups apply to which space) is
 * computed from these by the domain functions.
 *
 * Usage: `const foundation = await loadFoundation(cf, {scope: {orgGuids: [org.guid]}, securityGroups: true})`.
 */
import type {CfClient} from '../../cf/index.js'
import type {SecurityGroup} from '../../domain/reach/rule.js'
import type {SourcedNetwork} from '../../domain/segments/networks.js'
import type {OrgSegmentState, SpaceSegmentState} from '../../domain/segments/state.js'
import {segmentNetworks, type NetworkOptions} from './networks.js'
import {assignmentsBySpace, entitlementsByOrg, loadSegmentsAndDefaults, type SegmentSnapshot} from './segments.js'
import {loadSecurityGroups} from './security-groups.js'

export interface FoundationScope {
  /** Only these orgs (GUIDs); every org the user can see when absent. */
  readonly orgGuids?: readonly string[]
  /** Only these spaces (GUIDs), within the orgs. */
  readonly spaceGuids?: readonly string[]
}

export interface LoadFoundationOptions {
  readonly scope?: FoundationScope
  /** Also list the ASGs (for reach); one more request. */
  readonly securityGroups?: boolean
  readonly networks?: NetworkOptions
}

export interface FoundationSnapshot {
  /** Every segment in scope, with its entitlements and assignments (not narrowed to the scope). */
  readonly segments: readonly SegmentSnapshot[]
  /** The orgs in scope, sorted by name, with their entitlements and default segment. */
  readonly orgs: readonly OrgSegmentState[]
  /** The spaces in scope, sorted by org name then space name. */
  readonly spaces: readonly SpaceSegmentState[]
  /** Networks per lower-cased segment name: annotations merged with the local overrides. */
  readonly networks: ReadonlyMap<string, readonly SourcedNetwork[]>
  /** Empty unless `securityGroups` was asked for. */
  readonly securityGroups: readonly SecurityGroup[]
  /** Things the report should say it left out or corrected (bad annotation items, unreadable ASG rules). */
  readonly warnings: readonly string[]
}

export async function loadFoundation(cf: CfClient, options: LoadFoundationOptions = {}): Promise<FoundationSnapshot> {
  const scope = options.scope ?? {}
  const orgFilter = scope.orgGuids === undefined ? {} : {organization_guids: [...scope.orgGuids]}
  const inScope = (orgGuid: string) => scope.orgGuids === undefined || scope.orgGuids.includes(orgGuid)
  const [segmentState, orgs, spaces, groups] = await Promise.all([
    loadSegmentsAndDefaults(cf, scope.orgGuids, inScope),
    cf.organizations.listAll(scope.orgGuids === undefined ? {} : {guids: [...scope.orgGuids]}),
    cf.spaces.listAll({...orgFilter, ...(scope.spaceGuids === undefined ? {} : {guids: [...scope.spaceGuids]})}),
    options.securityGroups ? loadSecurityGroups(cf) : {groups: [], warnings: []},
  ])
  const {segments, defaults} = segmentState
  const entitled = entitlementsByOrg(segments)
  const assigned = assignmentsBySpace(segments)
  const orgStates: OrgSegmentState[] = orgs
    .map((org) =>
      withOptional({guid: org.guid, name: org.name, entitled: entitled.get(org.guid) ?? []}, 'defaultSegment', defaults.get(org.guid)),
    )
    .sort((a, b) => compareNames(a.name, b.name))
  const orgOrder = new Map(orgStates.map((org, i) => [org.guid, i]))
  const spaceStates: SpaceSegmentState[] = spaces
    .map((space) => {
      const orgGuid = space.relationships.organization.data?.guid ?? ''
      return withOptional({guid: space.guid, name: space.name, orgGuid}, 'segment', assigned.get(space.guid))
    })
    .sort((a, b) => (orgOrder.get(a.orgGuid) ?? 0) - (orgOrder.get(b.orgGuid) ?? 0) || compareNames(a.name, b.name))
  const networks = segmentNetworks(segments, options.networks)
  return {
    segments,
    orgs: orgStates,
    spaces: spaceStates,
    networks: networks.networks,
    securityGroups: groups.groups,
    warnings: [...networks.warnings, ...groups.warnings],
  }
}

function withOptional<T extends object, K extends string, V>(base: T, key: K, value: V | undefined): T & Partial<Record<K, V>> {
  return value === undefined ? base : {...base, [key]: value}
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
