// Private networks behind a segment: comma-separated CIDRs in an annotation, plus a local file's overrides.

import {CidrParseError, formatCidr, parseCidr, type Cidr} from '../net/cidr.js'
import {diagnostic, type Diagnostic, type Parsed} from '../net/diagnostic.js'

export const DEFAULT_NETWORKS_ANNOTATION = 'cgx.cloud.gov/private-networks'

/** CF's limit on an annotation value (capi/README.md behaviour 25). */
export const MAX_ANNOTATION_VALUE = 5000

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i
const KEY_NAME = /^[a-z0-9]([a-z0-9_.-]{0,61}[a-z0-9])?$/i

/** Check a configured annotation key against CF's rules, so a bad key fails before the first PATCH. */
export function checkAnnotationKey(key: string): Diagnostic | undefined {
  const parts = key.split('/')
  const fail = (why: string) => diagnostic('error', 'ANNOTATION_KEY_INVALID', key, `annotation key "${key}" ${why}`)
  if (parts.length > 2) return fail("has more than one '/'")
  const name = parts.at(-1)!
  if (!KEY_NAME.test(name)) return fail('needs a name of 1-63 letters, digits, "_", "." or "-", starting and ending with a letter or digit')
  if (parts.length === 1) return undefined
  const prefix = parts[0]
  const labels = prefix.split('.')
  if (prefix.length > 253 || labels.length < 2 || !labels.every((l) => DNS_LABEL.test(l))) {
    return fail('needs a DNS-style prefix with at least one dot, like "cgx.cloud.gov/"')
  }
  if (prefix.toLowerCase() === 'cloudfoundry.org') return fail('uses the reserved prefix "cloudfoundry.org"')
  return undefined
}

/**
 * Read an annotation value. Hand edits happen, so a bad item is skipped with a warning rather than
 * losing the good ones; host bits are masked with a warning.
 */
export function parseNetworksAnnotation(value: string): Parsed<Cidr[]> {
  const cidrs: Cidr[] = []
  const diagnostics: Diagnostic[] = []
  for (const item of value.split(',').filter((i) => i.trim() !== '')) {
    try {
      cidrs.push(parseCidr(item.trim()))
    } catch (error) {
      if (!(error instanceof CidrParseError)) throw error
      const fix = error.suggestion
      diagnostics.push(
        diagnostic('warning', 'NETWORK_INVALID', item, `${error.message}; ${fix === undefined ? 'ignored' : `using ${fix}`}`, fix),
      )
      if (fix !== undefined) cidrs.push(parseCidr(fix))
    }
  }
  return {value: normalizeNetworks(cidrs), diagnostics}
}

/** Sorted (IPv4 first, then by address and prefix), without duplicates. */
export function normalizeNetworks(cidrs: readonly Cidr[]): Cidr[] {
  const unique = new Map(cidrs.map((c) => [formatCidr(c), c]))
  return [...unique.values()].sort((a, b) => a.family - b.family || compare(a.network, b.network) || a.prefix - b.prefix)
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The annotation value for a list of networks; refused when CF would reject its length. */
export function formatNetworksAnnotation(cidrs: readonly Cidr[]): Parsed<string> {
  const value = normalizeNetworks(cidrs).map(formatCidr).join(',')
  if (value.length <= MAX_ANNOTATION_VALUE) return {value, diagnostics: []}
  const message = `the network list is ${value.length} characters; a CF annotation holds at most ${MAX_ANNOTATION_VALUE}`
  return {diagnostics: [diagnostic('error', 'NETWORKS_TOO_LONG', value.slice(0, 40), message)]}
}

export type NetworkSource = 'annotation' | 'local'

export interface SourcedNetwork {
  readonly cidr: Cidr
  readonly source: NetworkSource
}

/** A local file's word on one segment: add to what the annotation says, or replace it. */
export interface NetworkOverride {
  readonly segment: string
  readonly mode: 'add' | 'replace'
  readonly networks: readonly Cidr[]
}

/** Networks per segment name (lower-cased), annotation first, then the local overrides in file order. */
export function mergeNetworks(
  annotated: ReadonlyMap<string, readonly Cidr[]>,
  overrides: readonly NetworkOverride[],
): Map<string, SourcedNetwork[]> {
  const merged = new Map<string, SourcedNetwork[]>()
  for (const [segment, cidrs] of annotated) merged.set(segment.toLowerCase(), tagged(cidrs, 'annotation'))
  for (const override of overrides) {
    const key = override.segment.toLowerCase()
    const kept = override.mode === 'add' ? (merged.get(key) ?? []) : []
    const local = tagged(override.networks, 'local')
    const localKeys = new Set(local.map((n) => formatCidr(n.cidr)))
    merged.set(key, [...kept.filter((n) => !localKeys.has(formatCidr(n.cidr))), ...local])
  }
  return merged
}

function tagged(cidrs: readonly Cidr[], source: NetworkSource): SourcedNetwork[] {
  return normalizeNetworks(cidrs).map((cidr) => ({cidr, source}))
}
