// `segment list`: every segment with the orgs entitled to it, how many spaces are assigned to it, and the private
// networks behind it. 1 + 2 requests per segment, and one listing of the entitled orgs' names.
import type {CfClient} from '../../cf/index.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {isShared} from '../../domain/segments/effective.js'
import {loadSegments, resolveNetworkSources, segmentNetworks, type NetworkSources} from '../foundation/index.js'
import type {Reporter} from '../reporter.js'
import {ref, type NamedRef} from '../named.js'

export interface SegmentListEntry {
  readonly name: string
  readonly guid: string
  readonly entitledOrgs: number
  /** The orgs entitled to it that the user can see, by name. */
  readonly orgs: readonly NamedRef[]
  /** Spaces assigned to the segment itself (spaces that run on it through their org's default are not counted). */
  readonly assignedSpaces: number
  readonly networks: readonly string[]
  /** The platform's own segment: spaces with no segment of their own and no org default run on it. */
  readonly shared: boolean
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
  const guids = [...new Set(segments.flatMap((segment) => segment.orgGuids))]
  const orgs = new Map((guids.length === 0 ? [] : await cf.organizations.listAll({guids})).map((org) => [org.guid, ref(org)]))
  return {
    segments: segments.map((segment) => ({
      name: segment.name,
      guid: segment.guid,
      entitledOrgs: segment.orgGuids.length,
      orgs: segment.orgGuids.flatMap((guid) => orgs.get(guid) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
      shared: isShared(segment),
      assignedSpaces: segment.spaceGuids.length,
      networks: (networks.get(segment.name.toLowerCase()) ?? []).map((n) => formatCidr(n.cidr)),
    })),
  }
}
