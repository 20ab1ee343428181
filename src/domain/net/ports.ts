// Port sets: `443`, `80-90`, `80,443` (and, as a superset of CF's syntax, lists of ranges like `80-90,443`).

import {diagnostic, type Parsed} from './diagnostic.js'
import {intersectIntervals, normalizeIntervals, subtractIntervals, type Interval} from './intervals.js'

export interface PortRange {
  readonly first: number
  readonly last: number
}

/** Sorted, merged port ranges within 1-65535. */
export type PortSet = readonly PortRange[]

export const MIN_PORT = 1
export const MAX_PORT = 65535
export const ALL_PORTS: PortSet = [{first: MIN_PORT, last: MAX_PORT}]

const PORT = /^\d{1,5}$/

const toIntervals = (ports: PortSet): Interval[] => ports.map((p) => ({first: BigInt(p.first), last: BigInt(p.last)}))
const fromIntervals = (intervals: readonly Interval[]): PortSet => intervals.map((i) => ({first: Number(i.first), last: Number(i.last)}))

export function portSetOf(ranges: readonly PortRange[]): PortSet {
  return fromIntervals(normalizeIntervals(toIntervals(ranges)))
}

export function unionPorts(a: PortSet, b: PortSet): PortSet {
  return portSetOf([...a, ...b])
}

export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  return fromIntervals(intersectIntervals(toIntervals(a), toIntervals(b)))
}

export function subtractPorts(a: PortSet, b: PortSet): PortSet {
  return fromIntervals(subtractIntervals(toIntervals(a), toIntervals(b)))
}

export function portsCover(outer: PortSet, inner: PortSet): boolean {
  return subtractPorts(inner, outer).length === 0
}

/** "80-90,443"; the form CF and the flags both read back. */
export function formatPorts(ports: PortSet): string {
  return ports.map((p) => (p.first === p.last ? String(p.first) : `${p.first}-${p.last}`)).join(',')
}

/** Parse a port list; spaces around numbers are tolerated as CF does. A reversed range is refused with the fix. */
export function parsePorts(text: string): Parsed<PortSet> {
  const items = text.split(',').map((item) => parsePortItem(item.trim()))
  const problems = items.filter((item) => item.problem !== undefined)
  if (problems.length === 0) return {value: portSetOf(items.map((item) => item.range!)), diagnostics: []}
  const fixes = items.map((item) => item.fix)
  const suggestion = fixes.every((fix) => fix !== undefined) ? fixes.join(',') : undefined
  return {
    diagnostics: problems.map((item) =>
      diagnostic('error', 'PORTS_INVALID', text, `"${item.text}" in "${text}" ${item.problem}`, suggestion),
    ),
  }
}

interface PortItem {
  readonly text: string
  readonly range?: PortRange
  readonly problem?: string
  /** The item as it should have been written, when that is clear. */
  readonly fix?: string
}

function parsePortItem(text: string): PortItem {
  const bounds = text.split('-').map((part) => part.trim())
  if (bounds.length > 2 || !bounds.every((b) => PORT.test(b))) return {text, problem: 'is not a port (443) or a range (80-90)'}
  const [first, last = first] = bounds.map(Number)
  if ([first, last].some((p) => p < MIN_PORT || p > MAX_PORT)) return {text, problem: `is outside ${MIN_PORT}-${MAX_PORT}`}
  if (last < first) return {text, problem: 'starts after it ends', fix: `${last}-${first}`}
  return {text, range: {first, last}, fix: first === last ? String(first) : `${first}-${last}`}
}
