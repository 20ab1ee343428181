// `segment list`: every segment with how many orgs are entitled to it, how many spaces are assigned to it, and the
// private networks behind it. 1 + 2 requests per segment.
import type {CfClient} from '../../cf/index.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {loadSegments, resolveNetworkSources, segmentNetworks, type NetworkSources} from '../foundation/index.js'
import type {Reporter} from '../reporter.js'

export interface SegmentListEntry {
  readonly name: string
  readonly guid: string
  readonly entitledOrgs: number
  /** Spaces assigned to the segment itself (spaces that run on it through their org's default are not counted). */
  readonly assignedSpaces: number
  readonly networks: readonly string[]
}

export interface SegmentList {
  readonly segments: readonly SegmentListEntry[]
}

export async function listSegments(cf: CfClient, options: {networks?: NetworkSources; reporter: Reporter}): Promise<SegmentList> {
  const sources = await resolveNetworkSources(cf.target.api, options.networks)
  options.reporter.progress('Reading isolation segments...')
  const segments = await loadSegments(cf)
  const {networks, warnings} = segmentNetworks(segments, sources)
  for (const warning of warnings) options.reporter.warn(warning)
  return {
    segments: segments.map((segment) => ({
      name: segment.name,
      guid: segment.guid,
      entitledOrgs: segment.orgGuids.length,
      assignedSpaces: segment.spaceGuids.length,
      networks: (networks.get(segment.name.toLowerCase()) ?? []).map((n) => formatCidr(n.cidr)),
    })),
  }
}
