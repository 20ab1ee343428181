// CIDR blocks: parsed strictly, because a typo in an allowlist or a network silently changes who gets in.

import {familyBits, formatIp, parseIp, type IpAddress, type IpFamily} from './ip.js'

export interface Cidr {
  readonly family: IpFamily
  readonly network: bigint
  readonly prefix: number
}

export class CidrParseError extends Error {
  readonly code = 'CIDR_INVALID'
  readonly input: string
  readonly suggestion?: string

  constructor(input: string, message: string, suggestion?: string) {
    super(message)
    this.name = 'CidrParseError'
    this.input = input
    if (suggestion !== undefined) this.suggestion = suggestion
  }
}

const PREFIX = /^(0|[1-9]\d{0,2})$/

/** The mask of the host bits of a prefix (the bits a network address must leave at zero). */
export function hostMask(family: IpFamily, prefix: number): bigint {
  return (1n << BigInt(familyBits(family) - prefix)) - 1n
}

/**
 * "10.0.0.0/8", "2001:db8::/32"; a bare address means /32 or /128. Host bits set → CidrParseError
 * whose message says so and whose suggestion is the corrected CIDR ("10.1.2.0/24" for "10.1.2.3/24").
 */
export function parseCidr(text: string): Cidr {
  const cleaned = text.trim().replace(/^\[([^\]]*)\]/, '$1')
  if (cleaned !== text) throw untidy(text, cleaned)
  const slash = text.indexOf('/')
  const addressText = slash < 0 ? text : text.slice(0, slash)
  const address = parseIp(addressText)
  if (address === undefined) {
    throw new CidrParseError(text, `"${text}" is not a CIDR: "${addressText}" is not an IPv4 or IPv6 address`)
  }
  const bits = familyBits(address.family)
  if (slash < 0) return {family: address.family, network: address.value, prefix: bits}
  const prefixText = text.slice(slash + 1)
  const prefix = PREFIX.test(prefixText) ? Number(prefixText) : NaN
  if (Number.isNaN(prefix) || prefix > bits) {
    throw new CidrParseError(text, `"${text}" has an invalid prefix length "${prefixText}": expected a number from 0 to ${bits}`)
  }
  const network = address.value & ~hostMask(address.family, prefix)
  if (network !== address.value) {
    const corrected = formatCidr({family: address.family, network, prefix})
    throw new CidrParseError(text, `"${text}" has host bits set: the network of ${formatIp(address)}/${prefix} is ${corrected}`, corrected)
  }
  return {family: address.family, network, prefix}
}

/** Spaces or URL-style brackets around an otherwise valid CIDR: refuse, but offer the clean form. */
function untidy(text: string, cleaned: string): CidrParseError {
  const suggestion = tryFormat(cleaned)
  const hint = suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`
  return new CidrParseError(text, `"${text}" is not a CIDR: remove spaces and brackets${hint}`, suggestion)
}

function tryFormat(text: string): string | undefined {
  try {
    return formatCidr(parseCidr(text))
  } catch (error) {
    return error instanceof CidrParseError ? error.suggestion : undefined
  }
}

/** Canonical text: the network address (RFC 5952 for IPv6) and the prefix length, always written. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIp({family: cidr.family, value: cidr.network})}/${cidr.prefix}`
}

/** Whether the address lies in the block; an address of the other family never does. */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  return cidr.family === ip.family && (ip.value & ~hostMask(cidr.family, cidr.prefix)) === cidr.network
}

/** Prefix 0: the whole address space of the family. Allow sets are judged on their union instead (openness.ts). */
export function isWholeSpace(cidr: Cidr): boolean {
  return cidr.prefix === 0
}
