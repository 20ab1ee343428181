// The addresses a foundation's apps connect out from, which the owners of external services allowlist.

import {cidrContains, parseCidr, type Cidr} from '../net/cidr.js'
import {unmapIpv4, type IpAddress} from '../net/ip.js'

export interface EgressFoundation {
  readonly name: string
  /** API hosts that identify the foundation. */
  readonly apiHosts: readonly string[]
  readonly ranges: readonly Cidr[]
  /** Where the ranges are published. */
  readonly source: string
}

export const KNOWN_FOUNDATIONS: readonly EgressFoundation[] = [
  {
    name: 'cloud.gov',
    apiHosts: ['api.fr.cloud.gov'],
    ranges: ['52.222.122.97/32', '52.222.123.172/32'].map(parseCidr),
    source: 'https://cloud.gov/docs/management/static-egress/',
  },
]

/** The known foundation behind an API URL (or bare host), if any. */
export function foundationFor(api: string, foundations: readonly EgressFoundation[] = KNOWN_FOUNDATIONS): EgressFoundation | undefined {
  const host = hostOf(api)
  return host === undefined ? undefined : foundations.find((f) => f.apiHosts.includes(host))
}

function hostOf(api: string): string | undefined {
  try {
    return new URL(api.includes('://') ? api : `https://${api}`).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

export interface EgressCheck {
  readonly inside: boolean
  /** The first range holding the address. */
  readonly range?: Cidr
}

/** Whether traffic from the address could come from the foundation's egress (IPv4-mapped IPv6 is read as IPv4). */
export function checkEgress(ip: IpAddress, ranges: readonly Cidr[]): EgressCheck {
  const address = unmapIpv4(ip)
  const range = ranges.find((r) => cidrContains(r, address))
  return range === undefined ? {inside: false} : {inside: true, range}
}
