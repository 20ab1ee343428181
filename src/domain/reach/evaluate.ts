// One (segment, lifecycle, applicable groups, network) judged: every rule's verdict, the coverage, and a one-line reason.

import {formatAddressSet, intersectSets, setCovers, type AddressSet} from '../net/address-set.js'
import {formatPorts, type PortSet} from '../net/ports.js'
import {coverage, type Coverage, type ProtocolAccess, type Reachable} from './coverage.js'
import type {Lifecycle} from './rule.js'
import type {Grant, RuleVerdict} from './verdict.js'

export interface Evaluation {
  readonly reachable: Reachable
  /** "partly" because nothing but DNS (tcp/udp 53) gets through (no ports asked). */
  readonly dnsOnly: boolean
  readonly protocols: readonly string[]
  readonly ports: readonly ProtocolAccess[]
  /** The part of the network something reaches, as canonical CIDRs. */
  readonly covered: readonly string[]
  readonly reason: string
  readonly rules: readonly RuleVerdict[]
}

export interface EvaluationContext {
  readonly network: AddressSet
  readonly networkText: string
  readonly behindSegment: AddressSet
  readonly segmentName: string
  /** Behind no segment: every segment reaches it (the reason says so). */
  readonly public: boolean
  readonly lifecycle: Lifecycle
  readonly groupCount: number
  readonly ports?: PortSet
}

/** The part of an evaluation that depends only on the grants, so spaces whose opening rules agree can share it. */
export interface Access {
  readonly coverage: Coverage
  readonly protocols: readonly string[]
  readonly covered: readonly string[]
}

export function access(grants: readonly Grant[], network: AddressSet, ports: PortSet | undefined): Access {
  const result = coverage(grants, network, ports)
  return {coverage: result, protocols: result.access.map((a) => a.protocol), covered: formatAddressSet(result.covered)}
}

export function evaluate(context: EvaluationContext, rules: readonly RuleVerdict[], reached: Access): Evaluation {
  const {reachable} = reached.coverage
  return {
    reachable,
    dnsOnly: reached.coverage.dnsOnly,
    protocols: reached.protocols,
    ports: reached.coverage.access,
    covered: reached.covered,
    reason: (context.public ? `${context.networkText} ${PUBLIC}; ` : '') + summarise(context, reached.coverage, rules),
    rules,
  }
}

const PUBLIC = "is behind no isolation segment: a public network, reached through the platform's egress"

function summarise(context: EvaluationContext, coverage: Coverage, rules: readonly RuleVerdict[]): string {
  const {networkText, segmentName, lifecycle} = context
  const {reachable} = coverage
  const onPorts = context.ports === undefined ? '' : ` on ${formatPorts(context.ports)}`
  if (context.behindSegment.length === 0) return `segment '${segmentName}' has no route to ${networkText}`
  if (context.groupCount === 0) return `no security group applies to the space for ${lifecycle}`
  const openers = [...new Set(rules.filter((r) => r.outcome === 'opens').map((r) => `'${r.group}' (${r.binding})`))]
  if (reachable === 'no') {
    const blocked = rules.some((r) => r.outcome === 'no-segment-route') ? `; segment '${segmentName}' has no route where they point` : ''
    return `no rule of the ${context.groupCount} ${lifecycle} group(s) opens ${networkText}${onPorts}${blocked}`
  }
  const via = `via ${openers.join(', ')}`
  if (reachable === 'yes') return `open${onPorts} ${via}`
  return `partly open ${via}: ${partlyBecause(context, coverage)}`
}

function partlyBecause(context: EvaluationContext, {covered, dnsOnly}: Coverage): string {
  if (dnsOnly) return 'only DNS (53) gets through'
  if (!setCovers(context.behindSegment, context.network)) {
    return `segment '${context.segmentName}' has a route to only ${formatAddressSet(context.behindSegment).join(', ')}`
  }
  const reached = intersectSets(covered, context.network)
  if (!setCovers(reached, context.network)) return `the rules reach only ${formatAddressSet(reached).join(', ')}`
  return context.ports === undefined
    ? 'no tcp port other than DNS (53) is open to all of it'
    : `not every port of ${formatPorts(context.ports)} is open to all of it`
}
