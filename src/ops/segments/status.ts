// `segment status`: per org, its entitlements, default and misconfigurations; per space, its explicit and effective
// segment, the private networks in front of it and the apps still running elsewhere. Requests do not grow with the
// number of spaces, except the optional restart check (one stats request per started app).
import type {CfClient} from '../../cf/index.js'
import {segmentStatus, type OrgSegmentStatus} from '../../domain/segments/status.js'
import type {SegmentSource} from '../../domain/segments/effective.js'
import type {RestartNeeded, SegmentWarning} from '../../domain/segments/warnings.js'
import {
  loadAppPlacements,
  loadFoundation,
  resolveScope,
  resolveNetworkSources,
  type NetworkSources,
  type ScopeNames,
} from '../foundation/index.js'
import type {Reporter} from '../reporter.js'

export interface OrgStatus {
  readonly name: string
  readonly guid: string
  readonly entitled: readonly string[]
  readonly default: string | null
  readonly warnings: readonly SegmentWarning[]
}

export interface SpaceStatus {
  readonly org: string
  readonly name: string
  readonly guid: string
  /** The segment assigned to the space itself. */
  readonly assigned: string | null
  readonly effective: string
  readonly source: SegmentSource
  readonly networks: readonly string[]
  /** Empty when nothing needs a restart, or when the check was skipped (see `restartChecked`). */
  readonly restartNeeded: readonly RestartNeeded[]
}

export interface SegmentStatus {
  readonly scope: {readonly org?: string; readonly space?: string}
  readonly restartChecked: boolean
  readonly orgs: readonly OrgStatus[]
  readonly spaces: readonly SpaceStatus[]
}

export interface SegmentStatusOptions extends ScopeNames {
  readonly restartCheck: boolean
  readonly networks?: NetworkSources
  readonly reporter: Reporter
}

export async function reportSegmentStatus(cf: CfClient, options: SegmentStatusOptions): Promise<SegmentStatus> {
  const networks = await resolveNetworkSources(cf.target.api, options.networks)
  const scope = await resolveScope(cf, options)
  options.reporter.progress('Reading segments, orgs and spaces...')
  const [foundation, apps] = await Promise.all([
    loadFoundation(cf, {scope: scope.org, networks}),
    options.restartCheck ? loadAppPlacements(cf, scope.exact) : [],
  ])
  for (const warning of foundation.warnings) options.reporter.warn(warning)
  const statuses = segmentStatus({orgs: foundation.orgs, spaces: foundation.spaces, apps, networks: foundation.networks})
  const wanted = scope.exact.spaceGuids
  return {
    scope: scope.names,
    restartChecked: options.restartCheck,
    orgs: statuses.map(toOrgStatus),
    spaces: statuses.flatMap(toSpaceStatuses).filter((space) => wanted === undefined || wanted.includes(space.guid)),
  }
}

function toOrgStatus(org: OrgSegmentStatus): OrgStatus {
  return {name: org.org, guid: org.orgGuid, entitled: org.entitled, default: org.defaultSegment, warnings: org.warnings}
}

function toSpaceStatuses(org: OrgSegmentStatus): SpaceStatus[] {
  return org.spaces.map((space) => ({
    org: org.org,
    name: space.space,
    guid: space.spaceGuid,
    assigned: space.explicitSegment,
    effective: space.effectiveSegment,
    source: space.source,
    networks: space.networks,
    restartNeeded: space.restartNeeded,
  }))
}
