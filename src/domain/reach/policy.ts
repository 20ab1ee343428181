// `--fail-if-reachable CIDR [--allow-space org/space...]`: the spaces that reach what they must not.

import {diagnostic, type Parsed} from '../net/diagnostic.js'
import type {ReachResult} from './reach.js'
import type {Lifecycle} from './rule.js'

export interface SpacePattern {
  readonly org: string
  /** A space name, or '*' for every space of the org. */
  readonly space: string
}

/** "org/space" or "org/*"; names compare case-sensitively, as CF names do. */
export function parseSpacePattern(text: string): Parsed<SpacePattern> {
  const parts = text.split('/')
  if (parts.length !== 2 || parts.some((p) => p.trim() === '')) {
    return {diagnostics: [diagnostic('error', 'SPACE_PATTERN_INVALID', text, `"${text}" is not ORG/SPACE (or ORG/* for a whole org)`)]}
  }
  return {value: {org: parts[0], space: parts[1]}, diagnostics: []}
}

export interface Violation {
  readonly org: string
  readonly space: string
  readonly spaceGuid: string
  readonly lifecycles: readonly Lifecycle[]
  readonly networks: readonly string[]
  /** How, e.g. "running 10.0.0.0/8: open via 'vpn' (space)". */
  readonly reasons: readonly string[]
}

/** Spaces with any result other than 'no', except the allowed ones; one entry per space, in result order. */
export function reachViolations(results: readonly ReachResult[], allowed: readonly SpacePattern[]): Violation[] {
  const isAllowed = (r: ReachResult) => allowed.some((p) => p.org === r.org && (p.space === '*' || p.space === r.space))
  const bySpace = new Map<
    string,
    {org: string; space: string; spaceGuid: string; lifecycles: Set<Lifecycle>; networks: Set<string>; reasons: string[]}
  >()
  for (const result of results) {
    if (result.reachable === 'no' || isAllowed(result)) continue
    let entry = bySpace.get(result.spaceGuid)
    if (entry === undefined) {
      entry = {org: result.org, space: result.space, spaceGuid: result.spaceGuid, lifecycles: new Set(), networks: new Set(), reasons: []}
      bySpace.set(result.spaceGuid, entry)
    }
    entry.lifecycles.add(result.lifecycle)
    entry.networks.add(result.network)
    entry.reasons.push(`${result.lifecycle} ${result.network}: ${result.reason}`)
  }
  return [...bySpace.values()].map((e) => ({...e, lifecycles: [...e.lifecycles], networks: [...e.networks]}))
}
