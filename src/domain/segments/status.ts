// `segment status` as data: each org's entitlements, default and warnings; each space's segments, networks and restarts.

import {formatCidr} from '../net/cidr.js'
import {effectiveSegment, type SegmentSource} from './effective.js'
import type {SourcedNetwork} from './networks.js'
import {groupBy, type AppPlacement, type OrgSegmentState, type SpaceSegmentState} from './state.js'
import {orgWarnings, restartsNeeded, type RestartNeeded, type SegmentWarning} from './warnings.js'

export interface SpaceSegmentStatus {
  readonly space: string
  readonly spaceGuid: string
  readonly explicitSegment: string | null
  readonly effectiveSegment: string
  readonly source: SegmentSource
  /** The private networks the space's effective segment sits in front of. */
  readonly networks: readonly string[]
  readonly restartNeeded: readonly RestartNeeded[]
}

export interface OrgSegmentStatus {
  readonly org: string
  readonly orgGuid: string
  readonly entitled: readonly string[]
  readonly defaultSegment: string | null
  readonly warnings: readonly SegmentWarning[]
  readonly spaces: readonly SpaceSegmentStatus[]
}

export interface SegmentStatusInput {
  readonly orgs: readonly OrgSegmentState[]
  readonly spaces: readonly SpaceSegmentState[]
  readonly apps: readonly AppPlacement[]
  /** Networks per lower-cased segment name, as mergeNetworks returns them. */
  readonly networks: ReadonlyMap<string, readonly SourcedNetwork[]>
}

export function segmentStatus(input: SegmentStatusInput): OrgSegmentStatus[] {
  const spacesByOrg = groupBy(input.spaces, (s) => s.orgGuid)
  const appsBySpace = groupBy(input.apps, (a) => a.spaceGuid)
  // Formatted once per segment, not once per space (10,000 spaces share a handful of segments).
  const formatted = new Map<string, readonly string[]>()
  const networksOf = (segment: string): readonly string[] => {
    const key = segment.toLowerCase()
    if (!formatted.has(key))
      formatted.set(
        key,
        (input.networks.get(key) ?? []).map((n) => formatCidr(n.cidr)),
      )
    return formatted.get(key)!
  }
  return input.orgs.map((org) => {
    const spaces = spacesByOrg.get(org.guid) ?? []
    return {
      org: org.name,
      orgGuid: org.guid,
      entitled: org.entitled.map((s) => s.name),
      defaultSegment: org.defaultSegment?.name ?? null,
      warnings: orgWarnings(org, spaces),
      spaces: spaces.map((space) => {
        const effective = effectiveSegment(space.segment, org.defaultSegment)
        return {
          space: space.name,
          spaceGuid: space.guid,
          explicitSegment: space.segment?.name ?? null,
          effectiveSegment: effective.name,
          source: effective.source,
          networks: networksOf(effective.name),
          restartNeeded: restartsNeeded(effective, appsBySpace.get(space.guid) ?? []),
        }
      }),
    }
  })
}
