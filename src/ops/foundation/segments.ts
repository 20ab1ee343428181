// Isolation segments with their org entitlements and assigned spaces: one listing, then two relationship reads per
// segment. A foundation has a handful of segments, so this is a small, fixed number of requests however many
// orgs and spaces there are. Plus the default segment of each org entitled to one (the API has no bulk read).
import type {CfClient} from '../../cf/index.js'
import {isShared, type SegmentRef} from '../../domain/segments/effective.js'
import {createLimiter, type Limiter} from './limiter.js'

/**
 * Relationship reads in flight at once: small GET requests, enough to hide latency without crowding the API. Measured
 * on the bench foundation (243 reads, 50 ms latency): 16 → 900 ms, 32 → 500 ms, 64 → 340 ms, 128 → 260 ms. Past 32
 * each doubling buys less than it doubles what one user asks of the Cloud Controller at once, so 32 it is.
 */
export const LOOKUP_CONCURRENCY = 32

export interface SegmentSnapshot extends SegmentRef {
  readonly annotations: Readonly<Record<string, string>>
  readonly labels: Readonly<Record<string, string>>
  /** Orgs entitled to the segment (those the user can see). */
  readonly orgGuids: readonly string[]
  /** Spaces assigned to the segment itself (those the user can see); org defaults are not counted here. */
  readonly spaceGuids: readonly string[]
}

export interface LoadSegmentsOptions {
  /** Only the segments entitled to one of these orgs. */
  readonly orgGuids?: readonly string[]
  /** The bound on reads in flight, when shared with other reads. */
  readonly lookups?: Limiter
  /** Called with each segment's entitled orgs as soon as they are read. */
  readonly onEntitled?: (segment: SegmentRef, orgGuids: readonly string[]) => void
}

/** Every segment the user can see (or those entitled to `orgGuids`): a listing, then two relationship reads each. */
export async function loadSegments(cf: CfClient, options: LoadSegmentsOptions = {}): Promise<SegmentSnapshot[]> {
  const {orgGuids, lookups = createLimiter(LOOKUP_CONCURRENCY), onEntitled} = options
  const segments = await cf.isolationSegments.listAll(orgGuids === undefined ? {} : {organization_guids: [...orgGuids]})
  // Entitlements are queued first: org defaults wait for them, space assignments are needed only at the end.
  const entitled = segments.map((segment) =>
    lookups(async () => {
      const guids = await cf.isolationSegments.listEntitledOrganizationGuids(segment.guid)
      onEntitled?.(segment, guids)
      return guids
    }),
  )
  const assigned = segments.map((segment) => lookups(() => cf.isolationSegments.listSpaceGuids(segment.guid)))
  const [orgs, spaces] = await Promise.all([Promise.all(entitled), Promise.all(assigned)])
  return segments.map((segment, i) => ({
    guid: segment.guid,
    name: segment.name,
    annotations: segment.metadata.annotations,
    labels: segment.metadata.labels,
    orgGuids: orgs[i],
    spaceGuids: spaces[i],
  }))
}

/**
 * The segments and the default segment of each org in scope entitled to an isolation segment other than shared. An
 * org's default is read as soon as one of its entitlements is known, alongside the remaining relationship reads.
 */
export async function loadSegmentsAndDefaults(
  cf: CfClient,
  orgGuids: readonly string[] | undefined,
  inScope: (orgGuid: string) => boolean,
): Promise<{segments: SegmentSnapshot[]; defaults: Map<string, SegmentRef>}> {
  const lookups = createLimiter(LOOKUP_CONCURRENCY)
  const defaults = orgDefaultReader(cf, lookups, inScope)
  const segments = await loadSegments(cf, {orgGuids, lookups, onEntitled: defaults.add})
  return {segments, defaults: await defaults.result(segments)}
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
  const defaults = orgDefaultReader(cf, createLimiter(LOOKUP_CONCURRENCY), inScope)
  for (const segment of segments) defaults.add(segment, segment.orgGuids)
  return defaults.result(segments)
}

/** Org-default reads started as entitlements become known, each org once. */
function orgDefaultReader(cf: CfClient, lookups: Limiter, inScope: (orgGuid: string) => boolean) {
  const reads = new Map<string, Promise<string | null>>()
  return {
    add(segment: SegmentRef, orgGuids: readonly string[]): void {
      if (isShared(segment)) return
      for (const orgGuid of orgGuids.filter((guid) => inScope(guid) && !reads.has(guid))) {
        const read = lookups(() => cf.organizations.getDefaultIsolationSegment(orgGuid))
        // Awaited in result(); until then a failure must not count as unhandled.
        read.catch(() => undefined)
        reads.set(orgGuid, read)
      }
    },
    /** Per org GUID (in segment then entitlement order, as the reads were asked for), its default segment. */
    async result(segments: readonly SegmentSnapshot[]): Promise<Map<string, SegmentRef>> {
      const byGuid = new Map(segments.map((s) => [s.guid, s]))
      const found = new Map<string, SegmentRef>()
      for (const orgGuid of segments.flatMap((s) => s.orgGuids).filter((guid) => reads.has(guid))) {
        const segmentGuid = await reads.get(orgGuid)!
        // A default the user cannot list (or outside the scoped listing) is still named, by its GUID.
        if (segmentGuid !== null && !found.has(orgGuid))
          found.set(orgGuid, {guid: segmentGuid, name: byGuid.get(segmentGuid)?.name ?? segmentGuid})
      }
      return found
    },
  }
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
