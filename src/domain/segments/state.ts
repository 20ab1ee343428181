// The plain facts segment reports are computed from (the ops layer fills them from the Cloud Controller).

import type {SegmentRef} from './effective.js'

export interface OrgSegmentState {
  readonly guid: string
  readonly name: string
  readonly entitled: readonly SegmentRef[]
  readonly defaultSegment?: SegmentRef
}

export interface SpaceSegmentState {
  readonly guid: string
  readonly name: string
  readonly orgGuid: string
  /** The space's own assignment, if any. */
  readonly segment?: SegmentRef
}

export interface AppPlacement {
  readonly guid: string
  readonly name: string
  readonly spaceGuid: string
  /** Per running instance, the segment name from process stats (`isolation_segment`); null means shared. */
  readonly instanceSegments: readonly (string | null)[]
}

/** Group items by a key, keeping input order within each group. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group === undefined) groups.set(k, [item])
    else group.push(item)
  }
  return groups
}
