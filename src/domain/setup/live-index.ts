// Lookups over the live state by name and by GUID, shared by the differ, the reference check and export.
import {segmentKey, type LiveGroup, type LiveOrg, type LiveSegment, type LiveSpace, type LiveState, type Lifecycle} from './model.js'

export class LiveIndex {
  private readonly segmentsByName: Map<string, LiveSegment>
  private readonly segmentsByGuid: Map<string, LiveSegment>
  private readonly orgsByName: Map<string, LiveOrg>
  private readonly orgsByGuid: Map<string, LiveOrg>
  private readonly spacesByKey: Map<string, LiveSpace>
  private readonly groupsByName: Map<string, LiveGroup>

  constructor(readonly state: LiveState) {
    this.segmentsByName = new Map(state.segments.map((s) => [segmentKey(s.name), s]))
    this.segmentsByGuid = new Map(state.segments.map((s) => [s.guid, s]))
    this.orgsByName = new Map(state.orgs.map((o) => [o.name, o]))
    this.orgsByGuid = new Map(state.orgs.map((o) => [o.guid, o]))
    this.spacesByKey = new Map(state.spaces.map((s) => [`${s.orgGuid}/${s.name}`, s]))
    this.groupsByName = new Map(state.securityGroups.map((g) => [g.name, g]))
  }

  segment(name: string): LiveSegment | undefined {
    return this.segmentsByName.get(segmentKey(name))
  }

  org(name: string): LiveOrg | undefined {
    return this.orgsByName.get(name)
  }

  space(orgName: string, spaceName: string): LiveSpace | undefined {
    const org = this.org(orgName)
    return org === undefined ? undefined : this.spacesByKey.get(`${org.guid}/${spaceName}`)
  }

  group(name: string): LiveGroup | undefined {
    return this.groupsByName.get(name)
  }

  /** A segment GUID as a name (the GUID itself when the segment is not visible). */
  segmentName(guid: string | null): string | null {
    return guid === null ? null : (this.segmentsByGuid.get(guid)?.name ?? guid)
  }

  orgName(guid: string): string {
    return this.orgsByGuid.get(guid)?.name ?? guid
  }

  /** Names of the orgs entitled to a segment, sorted. */
  entitledOrgs(segment: LiveSegment): string[] {
    return sortNames(segment.orgGuids.map((guid) => this.orgName(guid)))
  }

  /** Names of the groups bound to a space for a lifecycle (globally enabled groups are not bindings), sorted. */
  boundGroups(spaceGuid: string, lifecycle: Lifecycle): string[] {
    const bound = this.state.securityGroups.filter((g) =>
      (lifecycle === 'running' ? g.runningSpaceGuids : g.stagingSpaceGuids).includes(spaceGuid),
    )
    return sortNames(bound.map((g) => g.name))
  }

  spacesOf(org: LiveOrg): LiveSpace[] {
    return this.state.spaces.filter((s) => s.orgGuid === org.guid)
  }
}

export function sortNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}
