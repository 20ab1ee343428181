// Which spaces reach which private networks, in which lifecycle, on what, and why.
// A space reaches network N on port P in lifecycle L when its effective segment has N behind it and an ASG
// applying to it in L (globally enabled for L, or bound to the space for L) has a rule covering protocol, N and P.
// Work is shared: rules are judged once per (group, network, segment), evaluations once per distinct
// (segment, lifecycle, bound groups, network), so 10,000 spaces with the same few shapes cost a few evaluations.

import {addressSetOfCidrs, type AddressSet, intersectSets, rangeOfCidr, setToCidrs, subtractSets} from '../net/address-set.js'
import {cidrContains, formatCidr, type Cidr} from '../net/cidr.js'
import type {PortSet} from '../net/ports.js'
import type {EffectiveSegment, SegmentSource} from '../segments/effective.js'
import {normalizeNetworks} from '../segments/networks.js'
import type {RestartNeeded} from '../segments/warnings.js'
import {access, evaluate, type Access, type Evaluation} from './evaluate.js'
import {withPending} from './pending.js'
import {LIFECYCLES, type Lifecycle, type SecurityGroup} from './rule.js'
import {judgeRule, type Binding, type Grant, type RuleVerdict, type Target} from './verdict.js'

export interface ReachSpace {
  readonly guid: string
  readonly name: string
  readonly org: string
  readonly segment: EffectiveSegment
  /** Started apps with instances still on another segment (from process stats); they move when restarted. */
  readonly pending?: readonly RestartNeeded[]
}

export interface ReachInput {
  readonly spaces: readonly ReachSpace[]
  readonly groups: readonly SecurityGroup[]
  /** Private networks per lower-cased segment name (mergeNetworks' output fits). */
  readonly networks: ReadonlyMap<string, readonly {readonly cidr: Cidr}[]>
}

export interface ReachQuery {
  /** Only this network: the declared networks it overlaps, narrowed to it, and the part behind no segment (public). */
  readonly network?: Cidr
  readonly ports?: PortSet
  readonly lifecycles?: readonly Lifecycle[]
}

export interface ReachResult extends Evaluation {
  readonly org: string
  readonly space: string
  readonly spaceGuid: string
  readonly network: string
  readonly lifecycle: Lifecycle
  readonly segment: string
  readonly segmentSource: SegmentSource
  /** The network is behind no isolation segment: judged by the ASGs alone. */
  readonly public: boolean
  /** Running only: the space's apps still running on another segment, which the verdict accounts for. */
  readonly pending: readonly RestartNeeded[]
}

/** A network a report row is about. */
export interface SelectedNetwork {
  readonly cidr: Cidr
  readonly name: string
  /**
   * Behind no segment's private networks: reached through the platform's egress from any segment, so only the ASGs
   * decide. A private network is reached only from the segments that have it behind them.
   */
  readonly public: boolean
}

interface Judged {
  /** Group index and binding: what identifies the verdicts within one (network, segment). */
  readonly key: string
  readonly verdicts: readonly RuleVerdict[]
  readonly grants: readonly Grant[]
}

const NONE_PENDING: readonly RestartNeeded[] = []

export function reach(input: ReachInput, query: ReachQuery = {}): ReachResult[] {
  const networks = selectNetworks(input.networks, query.network)
  const index = indexGroups(input.groups)
  const evaluator = new Evaluator(input, networks, query.ports)
  const lifecycles = query.lifecycles ?? LIFECYCLES
  const results: ReachResult[] = []
  for (const space of input.spaces) {
    const bound = lifecycles.map((lifecycle) => index.bound[lifecycle].get(space.guid) ?? [])
    const boundKeys = bound.map((groups) => groups.join(','))
    for (const netIndex of networks.keys()) {
      for (const [l, lifecycle] of lifecycles.entries()) {
        const judgeOn = (segment: string) =>
          evaluator.evaluation(segment, lifecycle, netIndex, index.global[lifecycle], bound[l], boundKeys[l])
        // Staging starts a new container on the effective segment; only running instances can be elsewhere.
        const pending = lifecycle === 'running' && space.pending !== undefined ? space.pending : NONE_PENDING
        const here = judgeOn(space.segment.name)
        results.push({
          org: space.org,
          space: space.name,
          spaceGuid: space.guid,
          network: networks[netIndex].name,
          lifecycle,
          segment: space.segment.name,
          segmentSource: space.segment.source,
          public: networks[netIndex].public,
          ...(pending.length === 0 ? here : withPending(space.segment.name, here, pending, judgeOn)),
          pending,
        })
      }
    }
  }
  return results
}

/**
 * The networks to report on: every declared one; with a filter, the declared networks it overlaps, narrowed to it
 * (two CIDRs overlap only when one holds the other), and the rest of it, behind no segment, as public CIDRs.
 */
export function selectNetworks(declared: ReachInput['networks'], filter: Cidr | undefined): SelectedNetwork[] {
  const all = normalizeNetworks([...declared.values()].flatMap((list) => list.map((n) => n.cidr)))
  const selected = (cidr: Cidr, isPublic: boolean) => ({cidr, name: formatCidr(cidr), public: isPublic})
  if (filter === undefined) return all.map((cidr) => selected(cidr, false))
  const narrowed = all.flatMap((cidr) => {
    if (cidrContains(filter, {family: cidr.family, value: cidr.network}) && cidr.prefix >= filter.prefix) return [cidr]
    if (cidrContains(cidr, {family: filter.family, value: filter.network})) return [filter]
    return []
  })
  const outside = setToCidrs(subtractSets([rangeOfCidr(filter)], addressSetOfCidrs(all)))
  return [...normalizeNetworks(narrowed).map((cidr) => selected(cidr, false)), ...outside.map((cidr) => selected(cidr, true))]
}

interface GroupIndex {
  readonly global: Record<Lifecycle, number[]>
  /** Per lifecycle, space GUID → indexes of groups bound to it and not already global for that lifecycle. */
  readonly bound: Record<Lifecycle, Map<string, number[]>>
}

function indexGroups(groups: readonly SecurityGroup[]): GroupIndex {
  const index: GroupIndex = {global: {running: [], staging: []}, bound: {running: new Map(), staging: new Map()}}
  groups.forEach((group, g) => {
    for (const lifecycle of LIFECYCLES) {
      if (group.globallyEnabled[lifecycle]) {
        index.global[lifecycle].push(g)
        continue
      }
      const spaces = lifecycle === 'running' ? group.runningSpaces : group.stagingSpaces
      for (const guid of new Set(spaces)) {
        const list = index.bound[lifecycle].get(guid)
        if (list === undefined) index.bound[lifecycle].set(guid, [g])
        else list.push(g)
      }
    }
  })
  return index
}

/**
 * Memoises at three levels: a group's verdicts per (network, segment); the access that a set of opening
 * groups grants per (network, segment); and whole evaluations per (segment, lifecycle, network, bound groups).
 */
class Evaluator {
  private readonly judged = new Map<string, Judged>()
  private readonly accesses = new Map<string, Access>()
  private readonly evaluations = new Map<string, Evaluation>()
  private readonly targets = new Map<string, Target>()
  private readonly networkSets: AddressSet[]

  constructor(
    private readonly input: ReachInput,
    private readonly networks: readonly SelectedNetwork[],
    private readonly ports: PortSet | undefined,
  ) {
    this.networkSets = networks.map((n) => [rangeOfCidr(n.cidr)])
  }

  evaluation(
    segment: string,
    lifecycle: Lifecycle,
    netIndex: number,
    global: readonly number[],
    bound: readonly number[],
    boundKey: string,
  ): Evaluation {
    const place = `${segment.toLowerCase()}|${netIndex}`
    const key = `${place}|${lifecycle}|${boundKey}`
    let evaluation = this.evaluations.get(key)
    if (evaluation === undefined) {
      const target = this.target(segment, netIndex, place)
      const judged: Judged[] = []
      for (const g of global) judged.push(this.judge(g, 'global', target, place))
      for (const g of bound) judged.push(this.judge(g, 'space', target, place))
      const rules: RuleVerdict[] = []
      for (const j of judged) rules.push(...j.verdicts)
      const context = {
        ...target,
        lifecycle,
        groupCount: judged.length,
        behindSegment: target.reachable,
        public: this.networks[netIndex].public,
      }
      evaluation = evaluate(context, rules, this.access(judged, target, place))
      this.evaluations.set(key, evaluation)
    }
    return evaluation
  }

  private access(judged: readonly Judged[], target: Target, place: string): Access {
    const opening = judged.filter((j) => j.grants.length > 0)
    const key = `${place}|${opening.map((j) => j.key).join(',')}`
    let reached = this.accesses.get(key)
    if (reached === undefined) {
      reached = access(
        opening.flatMap((j) => j.grants),
        target.network,
        this.ports,
      )
      this.accesses.set(key, reached)
    }
    return reached
  }

  private target(segment: string, netIndex: number, place: string): Target {
    let target = this.targets.get(place)
    if (target === undefined) {
      const selected = this.networks[netIndex]
      const network = this.networkSets[netIndex]
      const declared = addressSetOfCidrs((this.input.networks.get(segment.toLowerCase()) ?? []).map((n) => n.cidr))
      const reachable = selected.public ? network : intersectSets(declared, network)
      const base = {network, networkText: selected.name, reachable, segmentName: segment}
      target = this.ports === undefined ? base : {...base, ports: this.ports}
      this.targets.set(place, target)
    }
    return target
  }

  private judge(groupIndex: number, binding: Binding, target: Target, place: string): Judged {
    const key = `${groupIndex}${binding === 'global' ? 'g' : 's'}`
    const cacheKey = `${place}|${key}`
    let judged = this.judged.get(cacheKey)
    if (judged === undefined) {
      const group = this.input.groups[groupIndex]
      const outcomes = group.rules.map((rule) => judgeRule(group, binding, rule, target))
      judged = {key, verdicts: outcomes.map((o) => o.verdict), grants: outcomes.flatMap((o) => (o.grant === undefined ? [] : [o.grant]))}
      this.judged.set(cacheKey, judged)
    }
    return judged
  }
}
