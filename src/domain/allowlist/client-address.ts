// The client address by position from the right (research/route-service.md §3). The chain is the
// socket peer followed by the X-Forwarded-For entries read right to left; the hop profile checks its
// first K positions and the entry at position K is the client. Nothing else is ever trusted: not
// the left-most entry, not "any private address", not a fallback when the chain is short.

import {parseIp, type IpAddress} from '../net/ip.js'
import type {AddressMatcher} from './address-matcher.js'

export type ClientLocation =
  | {readonly ok: true; readonly client: IpAddress; readonly text: string}
  | {readonly ok: false; readonly reason: 'chain-short' | 'client-invalid'; readonly text?: string}
  | {readonly ok: false; readonly reason: 'hop-mismatch'; readonly position: number; readonly text: string}

/** Longest entry text worth keeping for a log line; longer ones are not addresses anyway. */
const MAX_ENTRY_TEXT = 64
const MEMO_ENTRIES = 4096
/** The longest IPv6 text form (with an embedded IPv4 address); anything longer is not an address. */
const MAX_ADDRESS_TEXT = 45

export type IpParser = (text: string) => IpAddress | undefined

/**
 * parseIp with a bounded memo: the same few platform hops and clients repeat on every request, and
 * parsing is the costliest step of the decision. The memo is dropped whole when it fills up, and
 * holds no text longer than an address, so its memory stays bounded whatever clients send.
 */
export function createIpParser(maxEntries = MEMO_ENTRIES): IpParser {
  const memo = new Map<string, IpAddress | undefined>()
  return (text) => {
    if (text.length > MAX_ADDRESS_TEXT) return undefined
    if (memo.has(text)) return memo.get(text)
    if (memo.size >= maxEntries) memo.clear()
    const ip = parseIp(text)
    memo.set(text, ip)
    return ip
  }
}

/**
 * @param peer the socket's remote address
 * @param forwardedFor the X-Forwarded-For header lines in wire order (several lines join with commas)
 * @param hops one address set per platform hop, the socket peer first
 * @param parse the strict address parser (a memoized one on the hot path)
 */
export function locateClient(
  peer: string | undefined,
  forwardedFor: readonly string[],
  hops: readonly AddressMatcher[],
  parse: IpParser = parseIp,
): ClientLocation {
  const chain = chainFromRight(peer, forwardedFor, hops.length + 1)
  if (chain.length <= hops.length) return {ok: false, reason: 'chain-short'}
  for (let position = 0; position < hops.length; position++) {
    const ip = parse(chain[position])
    if (ip === undefined || !hops[position].has(ip)) {
      return {ok: false, reason: 'hop-mismatch', position, text: clip(chain[position])}
    }
  }
  const clientText = chain[hops.length]
  const client = parse(clientText)
  return client === undefined ? {ok: false, reason: 'client-invalid', text: clip(clientText)} : {ok: true, client, text: clientText}
}

/**
 * The first `count` positions of the chain, right to left, with spaces around entries removed.
 * Only the right end of the header is split, so a huge X-Forwarded-For costs no more than a short one.
 * An empty entry ("a, , b" or a trailing comma) is a position of its own and never an address.
 */
export function chainFromRight(peer: string | undefined, forwardedFor: readonly string[], count: number): string[] {
  if (peer === undefined) return []
  const chain = [peer]
  for (let line = forwardedFor.length - 1; line >= 0 && chain.length < count; line--) {
    const text = forwardedFor[line]
    let end = text.length
    for (;;) {
      const comma = end === 0 ? -1 : text.lastIndexOf(',', end - 1)
      chain.push(trimOws(text, comma + 1, end))
      if (comma < 0 || chain.length >= count) break
      end = comma
    }
  }
  return chain
}

/** text[start, end) without the spaces and tabs HTTP allows around list elements (nothing else). */
function trimOws(text: string, start: number, end: number): string {
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--
  return text.slice(start, end)
}

function clip(text: string): string {
  return text.length > MAX_ENTRY_TEXT ? `${text.slice(0, MAX_ENTRY_TEXT)}…` : text
}
