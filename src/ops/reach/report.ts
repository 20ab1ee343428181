// `reach`: which spaces reach which private networks, in which lifecycle, on which protocols and ports, and why,
// rule by rule. Reads the foundation once (no request per space) and judges everything in memory; the restart check
// (segment status's: one process-stats read per started app) tells where running instances are now.
import type {CfClient} from '../../cf/index.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {reachViolations, type Violation} from '../../domain/reach/policy.js'
import {reach, type ReachResult, type ReachSpace} from '../../domain/reach/reach.js'
import type {Lifecycle} from '../../domain/reach/rule.js'
import {effectiveSegment, type SegmentSource} from '../../domain/segments/effective.js'
import {groupBy, type AppPlacement} from '../../domain/segments/state.js'
import {restartsNeeded} from '../../domain/segments/warnings.js'
import {formatPorts} from '../../domain/net/ports.js'
import {OpError} from '../errors.js'
import {
  loadAppPlacements,
  loadFoundation,
  resolveScope,
  type FoundationSnapshot,
  resolveNetworkSources,
  type NetworkSources,
  type ScopeNames,
} from '../foundation/index.js'
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
export interface ReachEntry extends Pick<
  ReachResult,
  | 'org'
  | 'space'
  | 'spaceGuid'
  | 'network'
  | 'public'
  | 'lifecycle'
  | 'segment'
  | 'segmentSource'
  | 'reachable'
  | 'dnsOnly'
  | 'protocols'
  | 'covered'
  | 'reason'
  | 'rules'
  | 'pending'
> {
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
  /** Whether process stats were read (never for staging alone); without them, running verdicts assume every app has moved. */
  readonly restartChecked: boolean
  readonly segments: readonly {readonly name: string; readonly networks: readonly string[]}[]
  readonly spaces: readonly ReachSpaceSummary[]
  readonly results: readonly ReachEntry[]
  /** Only with --fail-if-reachable: the spaces (outside --allow-space) that reach the network; empty when none do. */
  readonly violations?: readonly Violation[]
}

export interface ReachOptions extends ScopeNames, ReachFlags {
  /** Read where started apps run now (default true); false skips the per-app stats reads. */
  readonly restartCheck?: boolean
  readonly networks?: NetworkSources
  readonly reporter: Reporter
}

export async function reportReach(cf: CfClient, options: ReachOptions): Promise<ReachReport> {
  const query = parseReachFlags(options)
  // Only running instances can be elsewhere: staging alone needs no stats.
  const running = query.lifecycles.includes('running')
  const restartChecked = (options.restartCheck ?? true) && running
  const networks = await resolveNetworkSources(cf.target.api, options.networks)
  const scope = await resolveScope(cf, options)
  options.reporter.progress(`Reading segments, spaces and security groups${restartChecked ? ', and where apps run' : ''}...`)
  const [foundation, placements] = await Promise.all([
    loadFoundation(cf, {scope: scope.exact, securityGroups: true, networks}),
    restartChecked ? loadAppPlacements(cf, scope.exact) : [],
  ])
  for (const warning of foundation.warnings) options.reporter.warn(warning)
  if (!restartChecked && running) options.reporter.warn(NOT_CHECKED)
  const spaces = reachSpaces(foundation, placements)
  const judged = judge(foundation, spaces, query)
  const report: ReachReport = {
    scope: scope.names,
    query: {
      network: query.network ? formatCidr(query.network) : null,
      ports: query.ports ? formatPorts(query.ports) : null,
      lifecycles: query.lifecycles,
    },
    restartChecked,
    segments: foundation.segments.map((s) => ({
      name: s.name,
      networks: (foundation.networks.get(s.name.toLowerCase()) ?? []).map((n) => formatCidr(n.cidr)),
    })),
    spaces: spaces.map((s) => ({org: s.org, name: s.name, guid: s.guid, segment: s.segment.name, source: s.segment.source})),
    results: judged.map((result) => toEntry(result, restartChecked)),
  }
  if (query.policy === undefined) return report
  const violations = reachViolations(judged, query.policy.allowed)
  if (violations.length > 0) throw policyViolation(formatCidr(query.policy.cidr), violations)
  return {...report, violations}
}

const NOT_CHECKED =
  "--no-restart-check: running verdicts assume every started app already runs on its space's segment; " +
  'an app started before a segment change runs on its old segment until restarted (`cgx segment status` lists them).'

function reachSpaces(foundation: FoundationSnapshot, placements: readonly AppPlacement[]): ReachSpace[] {
  const orgs = new Map(foundation.orgs.map((org) => [org.guid, org]))
  const appsBySpace = groupBy(placements, (app) => app.spaceGuid)
  return foundation.spaces.map((space) => {
    const org = orgs.get(space.orgGuid)
    const segment = effectiveSegment(space.segment, org?.defaultSegment)
    const pending = restartsNeeded(segment, appsBySpace.get(space.guid) ?? [])
    return {guid: space.guid, name: space.name, org: org?.name ?? space.orgGuid, segment, ...(pending.length > 0 ? {pending} : {})}
  })
}

/**
 * With a network asked about, every space against it. Otherwise each space against the networks behind its own
 * segment and behind the segments its apps still run on: a network behind another segment is out of reach by
 * construction, and listing it for every space would multiply the report by the number of segments.
 */
function judge(foundation: FoundationSnapshot, spaces: readonly ReachSpace[], query: ReachQueryInput): ReachResult[] {
  const groups = foundation.securityGroups
  const domainQuery = {
    lifecycles: query.lifecycles,
    ...(query.ports ? {ports: query.ports} : {}),
    ...(query.network ? {network: query.network} : {}),
  }
  if (query.network !== undefined) return reach({spaces, groups, networks: foundation.networks}, domainQuery)
  const order = new Map(spaces.map((s, i) => [s.guid, i]))
  const results: ReachResult[] = []
  for (const members of groupBy(spaces, (s) => segmentsOf(s).join('\n')).values()) {
    const fronted = segmentsOf(members[0]).flatMap((segment) => {
      const networks = foundation.networks.get(segment) ?? []
      return networks.length === 0 ? [] : [[segment, networks] as const]
    })
    if (fronted.length === 0) continue
    results.push(...reach({spaces: members, groups, networks: new Map(fronted)}, domainQuery))
  }
  // Stable: each space's rows keep the domain's network-then-lifecycle order.
  return results.sort((a, b) => order.get(a.spaceGuid)! - order.get(b.spaceGuid)!)
}

/** The lower-cased segments a space's instances run on or will: its effective one first, then where apps still are. */
function segmentsOf(space: ReachSpace): string[] {
  const elsewhere = (space.pending ?? []).flatMap((app) => app.runningOn.map((segment) => segment.toLowerCase()))
  return [...new Set([space.segment.name.toLowerCase(), ...elsewhere.sort()])]
}

function toEntry(result: ReachResult, restartChecked: boolean): ReachEntry {
  const {org, space, spaceGuid, network, lifecycle, segment, segmentSource, reachable, dnsOnly, protocols, covered, rules, pending} = result
  const ports = result.ports.map((p) => ({protocol: p.protocol, ports: p.ports, fullPorts: p.fullPorts, covered: p.covered}))
  const assumed = !restartChecked && lifecycle === 'running' ? `; assumes every app runs on '${segment}' (restart check skipped)` : ''
  return {
    org,
    space,
    spaceGuid,
    network,
    public: result.public,
    lifecycle,
    segment,
    segmentSource,
    reachable,
    dnsOnly,
    protocols,
    ports,
    covered,
    reason: result.reason + assumed,
    rules,
    pending,
  }
}

function policyViolation(cidr: string, violations: readonly Violation[]): OpError {
  const names = violations.map((v) => `${v.org}/${v.space}`)
  const shown = names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ')
  return new OpError('REACH_POLICY_VIOLATION', `${violations.length} space(s) can reach ${cidr}: ${shown}.`, {
    exitCode: 3,
    suggestions: [
      ...violations.slice(0, 10).flatMap((v) => v.reasons.map((r) => `${v.org}/${v.space}: ${r}`)),
      'Allow a space with --allow-space ORG/SPACE (or ORG/*), or remove the ASG rule that opens the path.',
    ],
  })
}
