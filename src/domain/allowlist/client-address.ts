// The client address by position from the right (research/route-service.md §3). The chain is the
// socket peer followed by the X-Forwarded-For entries read right to left; the hop profile checks its
// first K positions and the entry at position K is the client. Nothing else is ever trusted: not
// the left-most entry, not "any private address", not a fallback when the chain is short.

import {parseIp, type IpAddress} from '../net/ip.js'
import type {AddressSet} from './address-set.js'

export type ClientLocation =
  | {readonly ok: true; readonly client: IpAddress}
  | {readonly ok: false; readonly reason: 'chain-short' | 'client-invalid'; readonly text?: string}
  | {readonly ok: false; readonly reason: 'hop-mismatch'; readonly position: number; readonly text: string}

/** Longest entry text worth keeping for a log line; longer ones are not addresses anyway. */
const MAX_ENTRY_TEXT = 64

/**
 * @param peer the socket's remote address
 * @param forwardedFor the X-Forwarded-For header lines in wire order (several lines join with commas)
 * @param hops one address set per platform hop, the socket peer first
 */
export function locateClient(peer: string | undefined, forwardedFor: readonly string[], hops: readonly AddressSet[]): ClientLocation {
  const chain = chainFromRight(peer, forwardedFor, hops.length + 1)
  if (chain.length <= hops.length) return {ok: false, reason: 'chain-short'}
  for (let position = 0; position < hops.length; position++) {
    const ip = parseIp(chain[position])
    if (ip === undefined || !hops[position].has(ip)) {
      return {ok: false, reason: 'hop-mismatch', position, text: clip(chain[position])}
    }
  }
  const clientText = chain[hops.length]
  const client = parseIp(clientText)
  return client === undefined ? {ok: false, reason: 'client-invalid', text: clip(clientText)} : {ok: true, client}
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
