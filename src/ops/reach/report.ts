// `reach`: which spaces reach which private networks, in which lifecycle, on which protocols and ports, and why,
// rule by rule. Reads the foundation once (no request per space) and judges everything in memory.
import type {CfClient} from '../../cf/index.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {reachViolations, type Violation} from '../../domain/reach/policy.js'
import {reach, type ReachResult, type ReachSpace} from '../../domain/reach/reach.js'
import type {Lifecycle} from '../../domain/reach/rule.js'
import {effectiveSegment, type SegmentSource} from '../../domain/segments/effective.js'
import {groupBy} from '../../domain/segments/state.js'
import {formatPorts} from '../../domain/net/ports.js'
import {OpError} from '../errors.js'
import {loadFoundation, resolveScope, type FoundationSnapshot, resolveNetworkSources, type NetworkSources, type ScopeNames} from '../foundation/index.js'
import type {Reporter} from '../reporter.js'
import {parseReachFlags, type ReachFlags, type ReachQueryInput} from './query.js'

export interface ReachPorts {
  readonly protocol: string
  /** "80-90,443"; empty for icmp. */
  readonly ports: string
  /** The ports on which the whole network is open. */
  readonly fullPorts: string
  readonly covered: readonly string[]
}

/** One verdict as JSON shows it: the domain's result with its ports reduced to their printable fields. */
export interface ReachEntry
  extends Pick<ReachResult,
    'org' | 'space' | 'spaceGuid' | 'network' | 'public' | 'lifecycle' | 'segment' | 'segmentSource' | 'reachable' | 'dnsOnly' | 'protocols' | 'covered' | 'reason' | 'rules'> {
  readonly ports: readonly ReachPorts[]
}

export interface ReachSpaceSummary {
  readonly org: string
  readonly name: string
  readonly guid: string
  readonly segment: string
  readonly source: SegmentSource
}

export interface ReachReport {
  readonly scope: {readonly org?: string; readonly space?: string}
  readonly query: {readonly network: string | null; readonly ports: string | null; readonly lifecycles: readonly Lifecycle[]}
  readonly segments: readonly {readonly name: string; readonly networks: readonly string[]}[]
  readonly spaces: readonly ReachSpaceSummary[]
  readonly results: readonly ReachEntry[]
  /** Only with --fail-if-reachable: the spaces (outside --allow-space) that reach the network; empty when none do. */
  readonly violations?: readonly Violation[]
}

export interface ReachOptions extends ScopeNames, ReachFlags {
  readonly networks?: NetworkSources
  readonly reporter: Reporter
}

export async function reportReach(cf: CfClient, options: ReachOptions): Promise<ReachReport> {
  const query = parseReachFlags(options)
  const networks = await resolveNetworkSources(cf.target.api, options.networks)
  const scope = await resolveScope(cf, options)
  options.reporter.progress('Reading segments, spaces and security groups...')
  const foundation = await loadFoundation(cf, {scope: scope.exact, securityGroups: true, networks})
  for (const warning of foundation.warnings) options.reporter.warn(warning)
  const spaces = reachSpaces(foundation)
  const judged = judge(foundation, spaces, query)
  const report: ReachReport = {
    scope: scope.names,
    query: {network: query.network ? formatCidr(query.network) : null, ports: query.ports ? formatPorts(query.ports) : null, lifecycles: query.lifecycles},
    segments: foundation.segments.map((s) => ({name: s.name, networks: (foundation.networks.get(s.name.toLowerCase()) ?? []).map((n) => formatCidr(n.cidr))})),
    spaces: spaces.map((s) => ({org: s.org, name: s.name, guid: s.guid, segment: s.segment.name, source: s.segment.source})),
    results: judged.map(toEntry),
  }
  if (query.policy === undefined) return report
  const violations = reachViolations(judged, query.policy.allowed)
  if (violations.length > 0) throw policyViolation(formatCidr(query.policy.cidr), violations)
  return {...report, violations}
}

function reachSpaces(foundation: FoundationSnapshot): ReachSpace[] {
  const orgs = new Map(foundation.orgs.map((org) => [org.guid, org]))
  return foundation.spaces.map((space) => {
    const org = orgs.get(space.orgGuid)
    return {guid: space.guid, name: space.name, org: org?.name ?? space.orgGuid, segment: effectiveSegment(space.segment, org?.defaultSegment)}
  })
}

/**
 * With a network asked about, every space against it. Otherwise each space against the networks its own segment
 * fronts: a network behind another segment is out of reach by construction, and listing it for every space would
 * multiply the report by the number of segments.
 */
function judge(foundation: FoundationSnapshot, spaces: readonly ReachSpace[], query: ReachQueryInput): ReachResult[] {
  const groups = foundation.securityGroups
  const domainQuery = {lifecycles: query.lifecycles, ...(query.ports ? {ports: query.ports} : {}), ...(query.network ? {network: query.network} : {})}
  if (query.network !== undefined) return reach({spaces, groups, networks: foundation.networks}, domainQuery)
  const order = new Map(spaces.map((s, i) => [s.guid, i]))
  const results: ReachResult[] = []
  for (const [segment, members] of groupBy(spaces, (s) => s.segment.name.toLowerCase())) {
    const fronted = foundation.networks.get(segment)
    if (fronted === undefined || fronted.length === 0) continue
    results.push(...reach({spaces: members, groups, networks: new Map([[segment, fronted]])}, domainQuery))
  }
  // Stable: each space's rows keep the domain's network-then-lifecycle order.
  return results.sort((a, b) => order.get(a.spaceGuid)! - order.get(b.spaceGuid)!)
}

function toEntry(result: ReachResult): ReachEntry {
  const {org, space, spaceGuid, network, lifecycle, segment, segmentSource, reachable, dnsOnly, protocols, covered, reason, rules} = result
  const isPublic = result.public
  const ports = result.ports.map((p) => ({protocol: p.protocol, ports: p.ports, fullPorts: p.fullPorts, covered: p.covered}))
  return {org, space, spaceGuid, network, public: isPublic, lifecycle, segment, segmentSource, reachable, dnsOnly, protocols, ports, covered, reason, rules}
}

function policyViolation(cidr: string, violations: readonly Violation[]): OpError {
  const names = violations.map((v) => `${v.org}/${v.space}`)
  const shown = names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ')
  return new OpError('REACH_POLICY_VIOLATION', `${violations.length} space(s) can reach ${cidr}: ${shown}.`, {
    exitCode: 3,
    suggestions: [...violations.slice(0, 10).flatMap((v) => v.reasons.map((r) => `${v.org}/${v.space}: ${r}`)),
      'Allow a space with --allow-space ORG/SPACE (or ORG/*), or remove the ASG rule that opens the path.'],
  })
}
