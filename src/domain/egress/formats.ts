// Egress ranges in the forms firewall owners paste: plain, JSON, CSV, nginx, iptables, an AWS security group.

import {renderCsv, type CsvColumn} from '../csv.js'
import {rangeOfCidr} from '../net/address-set.js'
import {formatCidr, type Cidr} from '../net/cidr.js'
import {formatIp} from '../net/ip.js'
import {formatPorts, type PortSet} from '../net/ports.js'

/** `json-document` is the paste document: `json` is the --json envelope in every command. */
export type EgressFormat = 'plain' | 'json-document' | 'csv' | 'nginx' | 'iptables' | 'aws-sg'
export const EGRESS_FORMATS: readonly EgressFormat[] = ['plain', 'json-document', 'csv', 'nginx', 'iptables', 'aws-sg']

/** The forms that are firewall rules and so open ports; the others list ranges only. */
export const FORMATS_WITH_PORTS: readonly EgressFormat[] = ['iptables', 'aws-sg']

export interface EgressFormatOptions {
  /** A label for comments and descriptions, e.g. "cloud.gov egress". */
  readonly label: string
  /** tcp ports to open; all traffic when absent (iptables, aws-sg). */
  readonly ports?: PortSet
}

const formatters: Record<EgressFormat, (ranges: readonly Cidr[], options: EgressFormatOptions) => string> = {
  plain: (ranges) => lines(ranges.map(formatCidr)),
  'json-document': (ranges, {label}) => `${JSON.stringify({label, ranges: ranges.map(formatCidr)}, null, 2)}\n`,
  csv: (ranges) => renderCsv(ranges, CSV_COLUMNS),
  nginx: (ranges, {label}) => lines([`# ${label}`, ...ranges.map((r) => `allow ${formatCidr(r)};`), 'deny all;']),
  iptables: (ranges, options) => lines([`# ${options.label}`, ...ranges.flatMap((r) => iptablesRules(r, options))]),
  'aws-sg': (ranges, options) => `${JSON.stringify(awsPermissions(ranges, options), null, 2)}\n`,
}

export function formatEgressRanges(ranges: readonly Cidr[], format: EgressFormat, options: EgressFormatOptions): string {
  return formatters[format](ranges, options)
}

function lines(items: readonly string[]): string {
  return items.map((line) => `${line}\n`).join('')
}

const CSV_COLUMNS: readonly CsvColumn<Cidr>[] = [
  {header: 'cidr', value: formatCidr},
  {header: 'family', value: (cidr) => `ipv${cidr.family}`},
  {header: 'first', value: (cidr) => formatIp({family: cidr.family, value: rangeOfCidr(cidr).first})},
  {header: 'last', value: (cidr) => formatIp({family: cidr.family, value: rangeOfCidr(cidr).last})},
]

function iptablesRules(cidr: Cidr, {ports}: EgressFormatOptions): string[] {
  const command = cidr.family === 4 ? 'iptables' : 'ip6tables'
  const source = `${command} -A INPUT -s ${formatCidr(cidr)}`
  if (ports === undefined) return [`${source} -j ACCEPT`]
  // multiport takes "a:b" ranges and at most 15 entries per rule; one rule per range stays within both.
  return ports.map((p) => `${source} -p tcp --dport ${p.first === p.last ? p.first : `${p.first}:${p.last}`} -j ACCEPT`)
}

/** The --ip-permissions document for `aws ec2 authorize-security-group-ingress`. */
function awsPermissions(ranges: readonly Cidr[], {label, ports}: EgressFormatOptions): object[] {
  const v4 = ranges.filter((r) => r.family === 4).map((r) => ({CidrIp: formatCidr(r), Description: label}))
  const v6 = ranges.filter((r) => r.family === 6).map((r) => ({CidrIpv6: formatCidr(r), Description: label}))
  const addresses = {IpRanges: v4, Ipv6Ranges: v6}
  if (ports === undefined) return [{IpProtocol: '-1', ...addresses}]
  return ports.map((p) => ({IpProtocol: 'tcp', FromPort: p.first, ToPort: p.last, ...addresses}))
}

/** For a heading or a hint: "tcp 443" or "all traffic". */
export function describeEgressPorts(ports: PortSet | undefined): string {
  return ports === undefined ? 'all traffic' : `tcp ${formatPorts(ports)}`
}
