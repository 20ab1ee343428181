// IP addresses as (family, bigint) pairs: one representation for both families makes
// containment, ranges and set arithmetic plain integer comparisons.

export type IpFamily = 4 | 6

export interface IpAddress {
  readonly family: IpFamily
  readonly value: bigint
}

const IPV4_OCTET = /^(0|[1-9]\d{0,2})$/
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/
const IPV6_CHARS = /^[0-9a-fA-F:.]{2,45}$/
const MAPPED_PREFIX = 0xffffn

/** The number of bits in an address of the family. */
export function familyBits(family: IpFamily): number {
  return family === 4 ? 32 : 128
}

/** The largest address value of the family. */
export function familyMax(family: IpFamily): bigint {
  return (1n << BigInt(familyBits(family))) - 1n
}

/**
 * Strict: IPv4 dotted quad (no leading zeros, no octal/hex/short forms), IPv6 per RFC 4291 text
 * (with embedded IPv4 allowed); no brackets, no zone IDs (%eth0), no surrounding spaces.
 * Anything else → undefined. ::ffff:a.b.c.d stays family 6.
 */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseIpv6(text)
    return value === undefined ? undefined : {family: 6, value}
  }
  const value = parseIpv4(text)
  return value === undefined ? undefined : {family: 4, value}
}

function parseIpv4(text: string): bigint | undefined {
  const octets = text.split('.')
  if (octets.length !== 4) return undefined
  let value = 0n
  for (const octet of octets) {
    if (!IPV4_OCTET.test(octet)) return undefined
    const n = Number(octet)
    if (n > 255) return undefined
    value = (value << 8n) | BigInt(n)
  }
  return value
}

function parseIpv6(text: string): bigint | undefined {
  if (!IPV6_CHARS.test(text)) return undefined
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const compressed = halves.length === 2
  const head = parseIpv6Words(halves[0], !compressed)
  const tail = compressed ? parseIpv6Words(halves[1], true) : []
  if (head === undefined || tail === undefined) return undefined
  const explicit = head.length + tail.length
  // "::" stands for at least one zero group (RFC 4291 §2.2); without it all eight must be written.
  if (compressed ? explicit > 7 : explicit !== 8) return undefined
  const words = [...head, ...new Array<number>(8 - explicit).fill(0), ...tail]
  return words.reduce((value, word) => (value << 16n) | BigInt(word), 0n)
}

/** Colon-separated 16-bit groups; only the last group of the address may be an embedded IPv4 address. */
function parseIpv6Words(part: string, mayEndWithIpv4: boolean): number[] | undefined {
  if (part === '') return []
  const groups = part.split(':')
  const words: number[] = []
  for (const [index, group] of groups.entries()) {
    if (mayEndWithIpv4 && index === groups.length - 1 && group.includes('.')) {
      const v4 = parseIpv4(group)
      if (v4 === undefined) return undefined
      words.push(Number(v4 >> 16n), Number(v4 & 0xffffn))
    } else if (IPV6_GROUP.test(group)) {
      words.push(parseInt(group, 16))
    } else {
      return undefined
    }
  }
  return words
}

/** Canonical text: dotted quad for IPv4; RFC 5952 for IPv6, IPv4-mapped addresses as ::ffff:a.b.c.d. */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return formatIpv4(ip.value)
  if (ip.value >> 32n === MAPPED_PREFIX) return `::ffff:${formatIpv4(ip.value & 0xffffffffn)}`
  return formatIpv6(ip.value)
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.')
}

function formatIpv6(value: bigint): string {
  const words = Array.from({length: 8}, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn))
  const run = longestZeroRun(words)
  const hex = (ws: number[]) => ws.map((w) => w.toString(16)).join(':')
  if (run.length < 2) return hex(words)
  return `${hex(words.slice(0, run.start))}::${hex(words.slice(run.start + run.length))}`
}

/** The first longest run of zero words (RFC 5952 §4.2.3). */
function longestZeroRun(words: number[]): {start: number; length: number} {
  let best = {start: -1, length: 0}
  let start = -1
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && words[i] === 0) {
      if (start < 0) start = i
      continue
    }
    if (start >= 0 && i - start > best.length) best = {start, length: i - start}
    start = -1
  }
  return best
}

/** ::ffff:a.b.c.d → a.b.c.d; others unchanged. */
export function unmapIpv4(ip: IpAddress): IpAddress {
  if (ip.family === 6 && ip.value >> 32n === MAPPED_PREFIX) return {family: 4, value: ip.value & 0xffffffffn}
  return ip
}
