// Whether a set of CIDRs is an allowlist at all, judged on its union: 0.0.0.0/1 plus 128.0.0.0/1 lets in every
// IPv4 client as surely as 0.0.0.0/0 does, so each place that refuses /0 (or wants --force for it) asks this instead.
//
// The rule: a set is "as open as /0" when its union covers
//   - 1/16 or more of IPv4 (2^28 addresses, a /4's worth), or
//   - 1/16 or more of IPv6 global unicast 2000::/3 (2^121 addresses, a /7's worth),
// which includes covering a whole family. No legitimate allowlist holds 268 million addresses.
import {addressSetOf, intersectSets, rangeOfCidr, setSize, type AddressSet} from './address-set.js'
import {formatCidr, parseCidr, type Cidr} from './cidr.js'
import type {IpFamily} from './ip.js'

/** How many addresses make a set as open as /0: 1/16 of IPv4, and 1/16 of IPv6 global unicast. */
const WIDE_IPV4_ADDRESSES = 1n << 28n
const WIDE_IPV6_ADDRESSES = 1n << 121n

/** The fix every refusal states, in one wording. */
export const OPENNESS_LIMIT = 'a list may cover less than 1/16 of IPv4 and of IPv6 2000::/3'

/** Where IPv6 clients on the internet come from: the share of IPv6 is measured against it. */
const GLOBAL_UNICAST = addressSetOf([rangeOfCidr(parseCidr('2000::/3'))])
const MAX_NAMED = 4

export interface WideOpening {
  readonly family: IpFamily
  /** Every address of the family (0.0.0.0/0 or ::/0 in effect). */
  readonly whole: boolean
  /** The CIDRs of the set in that family, widest first, then by address. */
  readonly cidrs: readonly Cidr[]
  /** What the set covers, e.g. "0.0.0.0/1 and 128.0.0.0/1 together cover all of IPv4". */
  readonly summary: string
}

/** The families the set opens as wide as /0, IPv4 first; empty when it is a real allowlist. */
export function wideOpenings(cidrs: readonly Cidr[]): WideOpening[] {
  return ([4, 6] as const).flatMap((family) => {
    const mine = cidrs.filter((cidr) => cidr.family === family).sort(widestFirst)
    const union = addressSetOf(mine.map(rangeOfCidr))
    const whole = setSize(union) === 1n << (family === 4 ? 32n : 128n)
    const {covered, space, wide, name} = measure(family, union)
    if (!whole && covered < wide) return []
    return [{family, whole, cidrs: mine, summary: `${named(mine)} ${coverage(whole, covered, space, name, family)}`}]
  })
}

/** The summaries joined, for one message: "… cover all of IPv4; … covers 12.5% of IPv6 global unicast (2000::/3)". */
export function describeOpenings(openings: readonly WideOpening[]): string {
  return openings.map((opening) => opening.summary).join('; ')
}

function widestFirst(a: Cidr, b: Cidr): number {
  return a.prefix - b.prefix || (a.network < b.network ? -1 : a.network > b.network ? 1 : 0)
}

function measure(family: IpFamily, union: AddressSet): {covered: bigint; space: bigint; wide: bigint; name: string} {
  if (family === 4) return {covered: setSize(union), space: 1n << 32n, wide: WIDE_IPV4_ADDRESSES, name: 'IPv4'}
  const covered = setSize(intersectSets(union, GLOBAL_UNICAST))
  return {covered, space: 1n << 125n, wide: WIDE_IPV6_ADDRESSES, name: 'IPv6 global unicast (2000::/3)'}
}

function coverage(whole: boolean, covered: bigint, space: bigint, name: string, family: IpFamily): string {
  if (whole) return `all of ${family === 4 ? 'IPv4' : 'IPv6'}`
  return covered === space ? `all of ${name}` : `${percent(covered, space)} of ${name}`
}

/** "0.0.0.0/1 covers", "0.0.0.0/1 and 128.0.0.0/1 together cover", "… and 3 more together cover". */
function named(cidrs: readonly Cidr[]): string {
  const texts = cidrs.map(formatCidr)
  if (texts.length === 1) return `${texts[0]} covers`
  const shown = texts.length <= MAX_NAMED ? texts.slice(0, -1) : texts.slice(0, MAX_NAMED - 1)
  const last = texts.length <= MAX_NAMED ? texts.at(-1) : `${texts.length - shown.length} more`
  return `${shown.join(', ')} and ${last} together cover`
}

/** Rounded down to two decimals, so only a full family reads 100%. */
function percent(covered: bigint, space: bigint): string {
  const hundredths = Number((covered * 10000n) / space)
  return `${(hundredths / 100).toString()}%`
}
