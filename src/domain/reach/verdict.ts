// One rule judged against one network: does it open a path, and if not, why not.

import {formatAddressSet, intersectSets, setCovers, type AddressSet} from '../net/address-set.js'
import {formatPorts, intersectPorts, type PortSet} from '../net/ports.js'
import {CONCRETE_PROTOCOLS, hasPorts, type ConcreteProtocol} from '../net/protocol.js'
import {describeOpening, type AsgRule, type SecurityGroup} from './rule.js'

export type Binding = 'global' | 'space'

export type RuleOutcome = 'opens' | 'wrong-destination' | 'wrong-port' | 'wrong-protocol' | 'no-segment-route'

export interface RuleVerdict {
  readonly group: string
  readonly groupGuid: string
  readonly binding: Binding
  readonly rule: string
  readonly outcome: RuleOutcome
  /** For 'opens': the part of the network it opens (canonical CIDRs) and whether that is all of it. */
  readonly covered: readonly string[]
  readonly partial: boolean
  readonly reason: string
}

/** What got through: traffic of these protocols on these ports to these addresses. */
export interface Grant {
  readonly protocols: readonly ConcreteProtocol[]
  readonly ports: PortSet
  readonly addresses: AddressSet
}

/** The question a rule is judged against. */
export interface Target {
  readonly network: AddressSet
  readonly networkText: string
  /** The part of the network behind the space's effective segment. */
  readonly reachable: AddressSet
  readonly segmentName: string
  /** Ports asked about; undefined means any. */
  readonly ports?: PortSet
}

export function judgeRule(group: SecurityGroup, binding: Binding, rule: AsgRule, target: Target): {verdict: RuleVerdict; grant?: Grant} {
  const base = {group: group.name, groupGuid: group.guid, binding, rule: rule.text}
  const fail = (outcome: RuleOutcome, reason: string) => ({verdict: {...base, outcome, covered: [], partial: false, reason}})
  if (target.ports !== undefined && rule.protocol === 'icmp') {
    return fail('wrong-protocol', `icmp has no ports; asked about ${formatPorts(target.ports)}`)
  }
  const inNetwork = intersectSets(rule.destination, target.network)
  if (inNetwork.length === 0) return fail('wrong-destination', `its destination does not include ${target.networkText}`)
  const ports = target.ports === undefined ? rule.ports : intersectPorts(rule.ports, target.ports)
  if (hasPorts(rule.protocol) && ports.length === 0) {
    return fail('wrong-port', `it opens ports ${formatPorts(rule.ports)}, not ${formatPorts(target.ports ?? [])}`)
  }
  const addresses = intersectSets(inNetwork, target.reachable)
  if (addresses.length === 0) {
    return fail('no-segment-route', `segment '${target.segmentName}' has no route to ${formatAddressSet(inNetwork).join(', ')}`)
  }
  const covered = formatAddressSet(addresses)
  const partial = !setCovers(addresses, target.network)
  const where = partial ? `${covered.join(', ')} of ${target.networkText}` : target.networkText
  const protocols = rule.protocol === 'all' ? CONCRETE_PROTOCOLS : [rule.protocol]
  return {
    verdict: {...base, outcome: 'opens', covered, partial, reason: `opens ${describeOpening(rule.protocol, ports)} to ${where}`},
    grant: {protocols, ports, addresses},
  }
}
