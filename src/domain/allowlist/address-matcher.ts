// A set of CIDR blocks as a matcher for the per-request check: masks are computed once at policy load.
// (domain/net/address-set.ts is the other kind of set: address ranges to compute unions and overlaps with.)

import {hostMask, type Cidr} from '../net/cidr.js'
import {unmapIpv4, type IpAddress} from '../net/ip.js'

export interface AddressMatcher {
  /** IPv4-mapped IPv6 addresses are checked as the IPv4 address they carry. */
  has(ip: IpAddress): boolean
}

interface Block {
  readonly network: bigint
  readonly mask: bigint
}

const MAPPED_V4_NETWORK = 0xffffn << 32n

/** Blocks inside ::ffff:0:0/96 become the IPv4 blocks they stand for, so both spellings match alike. */
export function unmapCidr(cidr: Cidr): Cidr {
  if (cidr.family !== 6 || cidr.prefix < 96 || cidr.network >> 32n !== 0xffffn) return cidr
  return {family: 4, network: cidr.network - MAPPED_V4_NETWORK, prefix: cidr.prefix - 96}
}

export function createAddressMatcher(cidrs: readonly Cidr[]): AddressMatcher {
  const v4: Block[] = []
  const v6: Block[] = []
  for (const cidr of cidrs.map(unmapCidr)) {
    const block = {network: cidr.network, mask: ~hostMask(cidr.family, cidr.prefix)}
    ;(cidr.family === 4 ? v4 : v6).push(block)
  }
  return {
    has(ip) {
      const address = unmapIpv4(ip)
      const blocks = address.family === 4 ? v4 : v6
      for (const block of blocks) if ((address.value & block.mask) === block.network) return true
      return false
    },
  }
}
