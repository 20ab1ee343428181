// Sets of addresses as normalised ranges: what ASG destinations, private networks and allowlists denote.

import {CidrParseError, parseCidr, type Cidr, formatCidr, hostMask} from './cidr.js'
import {diagnostic, hasErrors, type Diagnostic, type Parsed} from './diagnostic.js'
import {familyBits, formatIp, parseIp, type IpAddress, type IpFamily} from './ip.js'
import {
  intersectIntervals,
  intervalsContain,
  intervalsOverlap,
  intervalsSize,
  normalizeIntervals,
  subtractIntervals,
  type Interval,
} from './intervals.js'

export interface IpRange {
  readonly family: IpFamily
  readonly first: bigint
  readonly last: bigint
}

/** Sorted (IPv4 before IPv6, then by first address), merged, no two ranges touching. */
export type AddressSet = readonly IpRange[]

const FAMILIES: readonly IpFamily[] = [4, 6]

export function rangeOfCidr(cidr: Cidr): IpRange {
  return {family: cidr.family, first: cidr.network, last: cidr.network | hostMask(cidr.family, cidr.prefix)}
}

export function addressSetOf(ranges: readonly IpRange[]): AddressSet {
  return FAMILIES.flatMap((family) => tag(family, normalizeIntervals(ranges.filter((r) => r.family === family))))
}

export function addressSetOfCidrs(cidrs: readonly Cidr[]): AddressSet {
  return addressSetOf(cidrs.map(rangeOfCidr))
}

function tag(family: IpFamily, intervals: readonly Interval[]): IpRange[] {
  return intervals.map(({first, last}) => ({family, first, last}))
}

function perFamily(a: AddressSet, b: AddressSet, op: (x: Interval[], y: Interval[]) => Interval[]): AddressSet {
  return FAMILIES.flatMap((family) =>
    tag(
      family,
      op(
        a.filter((r) => r.family === family),
        b.filter((r) => r.family === family),
      ),
    ),
  )
}

export function unionSets(a: AddressSet, b: AddressSet): AddressSet {
  return addressSetOf([...a, ...b])
}

export function intersectSets(a: AddressSet, b: AddressSet): AddressSet {
  return perFamily(a, b, intersectIntervals)
}

export function subtractSets(a: AddressSet, b: AddressSet): AddressSet {
  return perFamily(a, b, subtractIntervals)
}

export function setsOverlap(a: AddressSet, b: AddressSet): boolean {
  return FAMILIES.some((family) =>
    intervalsOverlap(
      a.filter((r) => r.family === family),
      b.filter((r) => r.family === family),
    ),
  )
}

/** Whether every address of inner is in outer. */
export function setCovers(outer: AddressSet, inner: AddressSet): boolean {
  return subtractSets(inner, outer).length === 0
}

export function setContainsIp(set: AddressSet, ip: IpAddress): boolean {
  return intervalsContain(
    set.filter((r) => r.family === ip.family),
    ip.value,
  )
}

/** How many addresses the set holds (a bigint: an IPv6 set can hold 2^128). */
export function setSize(set: AddressSet): bigint {
  return intervalsSize(set)
}

/** The fewest CIDR blocks that cover exactly the range. */
export function rangeToCidrs(range: IpRange): Cidr[] {
  const bits = familyBits(range.family)
  const cidrs: Cidr[] = []
  let first = range.first
  while (first <= range.last) {
    let size = first === 0n ? 1n << BigInt(bits) : first & -first
    while (size > range.last - first + 1n) size >>= 1n
    cidrs.push({family: range.family, network: first, prefix: bits - (size.toString(2).length - 1)})
    first += size
  }
  return cidrs
}

export function setToCidrs(set: AddressSet): Cidr[] {
  return set.flatMap(rangeToCidrs)
}

/** One CIDR when the range is exactly one block, else "first-last" as CF writes ranges. */
export function formatRange(range: IpRange): string {
  const cidrs = rangeToCidrs(range)
  if (cidrs.length === 1) return formatCidr(cidrs[0])
  return `${formatIp({family: range.family, value: range.first})}-${formatIp({family: range.family, value: range.last})}`
}

/** The set as canonical CIDR strings, for output. */
export function formatAddressSet(set: AddressSet): string[] {
  return setToCidrs(set).map(formatCidr)
}

export interface AddressListOptions {
  /**
   * Strict (user input): host bits set or stray spaces are errors that carry the corrected form.
   * Lenient (data already accepted by CF, which masks host bits): the corrected form is used and a warning kept.
   */
  readonly strict: boolean
}

/** A CIDR, an address, an `a-b` range, or a comma list of those, in either family (CF ASG destination syntax). */
export function parseAddressList(text: string, options: AddressListOptions): Parsed<AddressSet> {
  const ranges: IpRange[] = []
  const diagnostics: Diagnostic[] = []
  for (const item of text.split(',')) {
    if (item.trim() === '') {
      diagnostics.push(
        diagnostic(
          options.strict ? 'error' : 'warning',
          'DESTINATION_EMPTY_ITEM',
          text,
          `"${text}" has an empty item in its comma-separated list`,
        ),
      )
      continue
    }
    const parsed = item.includes('-') ? parseRangeItem(item) : parseCidrItem(item, options.strict)
    diagnostics.push(...parsed.diagnostics)
    if (parsed.value !== undefined) ranges.push(parsed.value)
  }
  if (hasErrors(diagnostics)) return {diagnostics}
  return {value: addressSetOf(ranges), diagnostics}
}

function parseCidrItem(item: string, strict: boolean): Parsed<IpRange> {
  try {
    return {value: rangeOfCidr(parseCidr(item)), diagnostics: []}
  } catch (error) {
    if (!(error instanceof CidrParseError)) throw error
    const {suggestion} = error
    if (strict || suggestion === undefined) {
      return {diagnostics: [diagnostic('error', 'DESTINATION_INVALID', item, error.message, suggestion)]}
    }
    const message = `${error.message}; using ${suggestion}`
    return {
      value: rangeOfCidr(parseCidr(suggestion)),
      diagnostics: [diagnostic('warning', 'DESTINATION_NORMALISED', item, message, suggestion)],
    }
  }
}

function parseRangeItem(item: string): Parsed<IpRange> {
  const parts = item.split('-')
  const [first, last] = parts.map(parseIp)
  const fail = (message: string, suggestion?: string) => ({
    diagnostics: [diagnostic('error', 'DESTINATION_INVALID', item, message, suggestion)],
  })
  if (parts.length !== 2 || first === undefined || last === undefined) {
    return fail(`"${item}" is not a range: expected two addresses joined by "-", like 10.0.0.1-10.0.0.99`)
  }
  if (first.family !== last.family) return fail(`"${item}" mixes an IPv4 and an IPv6 address`)
  if (first.value > last.value) {
    return fail(`"${item}" starts after it ends`, `${parts[1]}-${parts[0]}`)
  }
  return {value: {family: first.family, first: first.value, last: last.value}, diagnostics: []}
}
