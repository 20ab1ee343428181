// Isolation segments with their org entitlements and assigned spaces: one listing, then two relationship reads per
// segment. A foundation has a handful of segments, so this is a small, fixed number of requests however many
// orgs and spaces there are.
import {mapConcurrent, type CfClient} from '../../cf/index.js'
import {isShared, type SegmentRef} from '../../domain/segments/effective.js'

/** Relationship reads in flight at once: small GET requests, enough to hide latency without crowding the API. */
export const LOOKUP_CONCURRENCY = 32

export interface SegmentSnapshot extends SegmentRef {
  readonly annotations: Readonly<Record<string, string>>
  /** Orgs entitled to the segment (those the user can see). */
  readonly orgGuids: readonly string[]
  /** Spaces assigned to the segment itself (those the user can see); org defaults are not counted here. */
  readonly spaceGuids: readonly string[]
}

/** Every segment the user can see, or with `orgGuids`, those entitled to one of these orgs. */
export async function loadSegments(cf: CfClient, orgGuids?: readonly string[]): Promise<SegmentSnapshot[]> {
  const segments = await cf.isolationSegments.listAll(orgGuids === undefined ? {} : {organization_guids: [...orgGuids]})
  return mapConcurrent(segments, LOOKUP_CONCURRENCY / 2, async (segment) => {
    const [entitled, assigned] = await Promise.all([
      cf.isolationSegments.listEntitledOrganizationGuids(segment.guid),
      cf.isolationSegments.listSpaceGuids(segment.guid),
    ])
    return {guid: segment.guid, name: segment.name, annotations: segment.metadata.annotations, orgGuids: entitled, spaceGuids: assigned}
  })
}

/**
 * The default segment of each org that is entitled to an isolation segment other than shared (one request per such org:
 * the API has no bulk read of org defaults). An org entitled to nothing else runs on shared whatever its default says,
 * so its default is not read.
 */
export async function loadOrgDefaults(
  cf: CfClient,
  segments: readonly SegmentSnapshot[],
  inScope: (orgGuid: string) => boolean,
): Promise<Map<string, SegmentRef>> {
  const orgGuids = [...new Set(segments.filter((s) => !isShared(s)).flatMap((s) => s.orgGuids))].filter(inScope)
  const byGuid = new Map(segments.map((s) => [s.guid, s]))
  const defaults = await mapConcurrent(orgGuids, LOOKUP_CONCURRENCY, (guid) => cf.organizations.getDefaultIsolationSegment(guid))
  const found = new Map<string, SegmentRef>()
  orgGuids.forEach((orgGuid, i) => {
    const segmentGuid = defaults[i]
    if (segmentGuid === null) return
    const segment = byGuid.get(segmentGuid)
    // A default the user cannot list (or outside the scoped listing) is still named, by its GUID.
    found.set(orgGuid, {guid: segmentGuid, name: segment?.name ?? segmentGuid})
  })
  return found
}

/** Per org GUID, the segments it is entitled to, in segment listing order. */
export function entitlementsByOrg(segments: readonly SegmentSnapshot[]): Map<string, SegmentRef[]> {
  const entitled = new Map<string, SegmentRef[]>()
  for (const segment of segments) {
    const ref = {guid: segment.guid, name: segment.name}
    for (const orgGuid of segment.orgGuids) entitled.set(orgGuid, [...(entitled.get(orgGuid) ?? []), ref])
  }
  return entitled
}

/** Per space GUID, the segment assigned to the space itself. */
export function assignmentsBySpace(segments: readonly SegmentSnapshot[]): Map<string, SegmentRef> {
  const assigned = new Map<string, SegmentRef>()
  for (const segment of segments) {
    for (const spaceGuid of segment.spaceGuids) assigned.set(spaceGuid, {guid: segment.guid, name: segment.name})
  }
  return assigned
}
