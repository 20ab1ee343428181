// The private networks behind each segment: its annotation (key configurable), merged with local overrides.
import type {Cidr} from '../../domain/net/cidr.js'
import {
  DEFAULT_NETWORKS_ANNOTATION,
  mergeNetworks,
  parseNetworksAnnotation,
  type NetworkOverride,
  type SourcedNetwork,
} from '../../domain/segments/networks.js'
import type {SegmentSnapshot} from './segments.js'

export interface NetworkOptions {
  /** The annotation holding a segment's comma-separated CIDRs; default `cgx.cloud.gov/private-networks`. */
  readonly annotationKey?: string
  /** Networks from a local file or the cgx config, applied over the annotations in order. */
  readonly local?: readonly NetworkOverride[]
}

export interface SegmentNetworks {
  /** Per lower-cased segment name, as mergeNetworks returns them. */
  readonly networks: Map<string, SourcedNetwork[]>
  /** Annotation items that were skipped or corrected, naming the segment. */
  readonly warnings: readonly string[]
}

export function segmentNetworks(segments: readonly SegmentSnapshot[], options: NetworkOptions = {}): SegmentNetworks {
  const key = options.annotationKey ?? DEFAULT_NETWORKS_ANNOTATION
  const annotated = new Map<string, readonly Cidr[]>()
  const warnings: string[] = []
  for (const segment of segments) {
    const value = segment.annotations[key]
    if (value === undefined) continue
    const parsed = parseNetworksAnnotation(value)
    warnings.push(...parsed.diagnostics.map((d) => `segment '${segment.name}', annotation ${key}: ${d.message}`))
    annotated.set(segment.name, parsed.value ?? [])
  }
  return {networks: mergeNetworks(annotated, options.local ?? []), warnings}
}
