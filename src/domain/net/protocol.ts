// ASG protocols. CF accepts exactly tcp, udp, icmp and all: cloud_controller_ng
// app/messages/validators/security_group_rule_validator.rb (valid_protocol); there is no icmpv6 value,
// and IPv6 destinations are accepted only when the foundation sets enable_ipv6.

import {diagnostic, type Parsed} from './diagnostic.js'
import {suggestNames} from '../names/suggest.js'

export type Protocol = 'tcp' | 'udp' | 'icmp' | 'all'

/** The protocols a rule can name; `all` also covers protocols with no name of their own here. */
export const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'icmp', 'all']

/** The concrete protocols reach is reported on; an `all` rule opens each of them. */
export type ConcreteProtocol = Exclude<Protocol, 'all'>
export const CONCRETE_PROTOCOLS: readonly ConcreteProtocol[] = ['tcp', 'udp', 'icmp']

/** Whether the protocol carries ports (tcp and udp do; icmp has types and codes instead). */
export function hasPorts(protocol: Protocol): boolean {
  return protocol === 'tcp' || protocol === 'udp'
}

export function parseProtocol(text: string): Parsed<Protocol> {
  const lower = text.trim().toLowerCase()
  if ((PROTOCOLS as readonly string[]).includes(lower)) return {value: lower as Protocol, diagnostics: []}
  const [close] = suggestNames(text, PROTOCOLS)
  const hint = close === undefined ? '' : ` (did you mean ${close}?)`
  return {
    diagnostics: [diagnostic('error', 'PROTOCOL_INVALID', text, `"${text}" is not a protocol: use tcp, udp, icmp or all${hint}`, close)],
  }
}
