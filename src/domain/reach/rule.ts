// ASG rules and groups as domain objects: destinations and ports parsed once, the original text kept for the report.

import {parseAddressList, type AddressSet} from '../net/address-set.js'
import {diagnostic, hasErrors, type Diagnostic, type Parsed} from '../net/diagnostic.js'
import {ALL_PORTS, formatPorts, parsePorts, type PortSet} from '../net/ports.js'
import {hasPorts, parseProtocol, type Protocol} from '../net/protocol.js'

export type Lifecycle = 'running' | 'staging'
export const LIFECYCLES: readonly Lifecycle[] = ['running', 'staging']

export interface AsgRule {
  readonly protocol: Protocol
  readonly destination: AddressSet
  /** tcp/udp: the rule's ports; all: every port; icmp: none. */
  readonly ports: PortSet
  readonly icmp?: {readonly type: number; readonly code: number}
  readonly description?: string
  /** The rule as CF holds it, e.g. "tcp 10.0.0.0/8 443" or "icmp 10.0.0.0/8 type 8 code 0". */
  readonly text: string
}

export interface SecurityGroup {
  readonly guid: string
  readonly name: string
  readonly rules: readonly AsgRule[]
  readonly globallyEnabled: {readonly running: boolean; readonly staging: boolean}
  readonly runningSpaces: readonly string[]
  readonly stagingSpaces: readonly string[]
}

/** A rule's fields as CF returns them (already validated by CF, so host bits are masked rather than refused). */
export interface RuleFields {
  readonly protocol: string
  readonly destination: string
  readonly ports?: string
  readonly type?: number
  readonly code?: number
  readonly description?: string
}

export function parseRule(fields: RuleFields): Parsed<AsgRule> {
  const protocol = parseProtocol(fields.protocol)
  const destination = parseAddressList(fields.destination, {strict: false})
  const ports = protocol.value !== undefined && hasPorts(protocol.value) ? portsOf(fields.ports) : {value: undefined, diagnostics: []}
  const diagnostics = [...protocol.diagnostics, ...destination.diagnostics, ...ports.diagnostics]
  if (hasErrors(diagnostics) || protocol.value === undefined || destination.value === undefined) return {diagnostics}
  const rule: AsgRule = {
    protocol: protocol.value,
    destination: destination.value,
    ports: protocol.value === 'all' ? ALL_PORTS : (ports.value ?? []),
    ...(protocol.value === 'icmp' ? {icmp: {type: fields.type ?? -1, code: fields.code ?? -1}} : {}),
    ...(fields.description === undefined ? {} : {description: fields.description}),
    text: ruleText(fields),
  }
  return {value: rule, diagnostics}
}

function portsOf(text: string | undefined): Parsed<PortSet> {
  if (text === undefined) return {diagnostics: [diagnostic('error', 'PORTS_MISSING', '', 'tcp and udp rules need ports')]}
  return parsePorts(text)
}

function ruleText(fields: RuleFields): string {
  const parts = [fields.protocol, fields.destination]
  if (fields.ports !== undefined) parts.push(fields.ports)
  if (fields.protocol === 'icmp') parts.push(`type ${fields.type ?? -1} code ${fields.code ?? -1}`)
  return parts.join(' ')
}

/** What a rule opens, in words: "tcp 443,8080" / "icmp" / "all protocols". */
export function describeOpening(protocol: Protocol, ports: PortSet): string {
  if (protocol === 'all') return 'all protocols'
  return hasPorts(protocol) ? `${protocol} ${formatPorts(ports)}` : protocol
}

/** Parse every rule of a group, keeping the good ones and saying which failed (never silently dropping one). */
export function parseRules(groupName: string, rules: readonly RuleFields[]): Parsed<AsgRule[]> {
  const parsed: AsgRule[] = []
  const diagnostics: Diagnostic[] = []
  rules.forEach((fields, index) => {
    const rule = parseRule(fields)
    const where = `group '${groupName}' rule ${index + 1}`
    diagnostics.push(...rule.diagnostics.map((d) => ({...d, severity: 'warning' as const, message: `${where}: ${d.message}`})))
    if (rule.value !== undefined) parsed.push(rule.value)
  })
  return {value: parsed, diagnostics}
}
