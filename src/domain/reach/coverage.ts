// From the grants of every opening rule to the answer: which protocols and ports get through, to how much of the network.

import {formatAddressSet, setCovers, unionSets, type AddressSet} from '../net/address-set.js'
import {ALL_PORTS, formatPorts, intersectPorts, portSetOf, portsCover, subtractPorts, type PortRange, type PortSet} from '../net/ports.js'
import {CONCRETE_PROTOCOLS, hasPorts, type ConcreteProtocol} from '../net/protocol.js'
import type {Grant} from './verdict.js'

export type Reachable = 'yes' | 'partly' | 'no'

export interface ProtocolAccess {
  readonly protocol: ConcreteProtocol
  /** "80-90,443"; empty for icmp. */
  readonly ports: string
  readonly portRanges: readonly PortRange[]
  /** The ports on which the whole network is open (a subset of ports). */
  readonly fullPorts: string
  /** The part of the network reached on this protocol, as canonical CIDRs. */
  readonly covered: readonly string[]
}

/** DNS: a global rule opens it to 0.0.0.0/0 on most foundations, so on its own it says nothing about a network. */
export const DNS_PORTS: PortSet = [{first: 53, last: 53}]

export interface Coverage {
  readonly reachable: Reachable
  /** "partly" because nothing but DNS (tcp/udp 53) gets through; only when no ports were asked about. */
  readonly dnsOnly: boolean
  readonly access: readonly ProtocolAccess[]
  readonly covered: AddressSet
}

/**
 * "yes": on some protocol, the whole network is open on every port asked about; with no ports asked, on some tcp port
 * other than DNS (53), since a global DNS rule would otherwise make every space "yes" while hiding that DNS is all it
 * opens. "partly": something gets through, but not that. "no": nothing does.
 */
export function coverage(grants: readonly Grant[], network: AddressSet, asked: PortSet | undefined): Coverage {
  const access: ProtocolAccess[] = []
  let covered: AddressSet = []
  let whole = false
  for (const protocol of CONCRETE_PROTOCOLS) {
    const mine = grants.filter((g) => g.protocols.includes(protocol))
    // Asked about ports, icmp (portless) is beside the point even when an `all` rule opens it.
    if (mine.length === 0 || (asked !== undefined && !hasPorts(protocol))) continue
    const addresses = mine.reduce<AddressSet>((set, g) => unionSets(set, g.addresses), [])
    covered = unionSets(covered, addresses)
    const ports = hasPorts(protocol) ? portSetOf(mine.flatMap((g) => g.ports)) : []
    const full = hasPorts(protocol) ? fullyOpenPorts(mine, network) : []
    whole ||= asked === undefined ? protocol === 'tcp' && subtractPorts(full, DNS_PORTS).length > 0 : portsCover(full, asked)
    access.push({
      protocol,
      ports: formatPorts(ports),
      portRanges: ports,
      fullPorts: formatPorts(full),
      covered: formatAddressSet(addresses),
    })
  }
  const reachable: Reachable = access.length === 0 ? 'no' : whole ? 'yes' : 'partly'
  const dnsOnly =
    asked === undefined && access.length > 0 && access.every((a) => hasPorts(a.protocol) && a.ports === formatPorts(DNS_PORTS))
  return {reachable, dnsOnly, access, covered}
}

/** The ports on which the grants together open every address of the network (a sweep over port boundaries). */
function fullyOpenPorts(grants: readonly Grant[], network: AddressSet): PortSet {
  const bounds = [...new Set(grants.flatMap((g) => g.ports.flatMap((p) => [p.first, p.last + 1])))].sort((a, b) => a - b)
  const open: PortRange[] = []
  for (let i = 0; i + 1 < bounds.length; i++) {
    const port = bounds[i]
    const here = grants.filter((g) => intersectPorts(g.ports, [{first: port, last: port}]).length > 0)
    const addresses = here.reduce<AddressSet>((set, g) => unionSets(set, g.addresses), [])
    if (setCovers(addresses, network)) open.push({first: port, last: bounds[i + 1] - 1})
  }
  return intersectPorts(portSetOf(open), ALL_PORTS)
}
