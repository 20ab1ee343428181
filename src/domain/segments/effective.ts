// Which isolation segment a space's apps run on, and why.

export interface SegmentRef {
  readonly guid: string
  readonly name: string
}

/** The platform's built-in segment (capi/README.md behaviour 14 gives its fixed GUID). */
export const SHARED_SEGMENT: SegmentRef = {guid: '933b4c58-120b-499a-b85d-4b6fc9e2903b', name: 'shared'}

export type SegmentSource = 'space' | 'org-default' | 'shared'

export interface EffectiveSegment extends SegmentRef {
  readonly source: SegmentSource
}

/** The space's own assignment, else its org's default, else the shared segment. */
export function effectiveSegment(spaceSegment: SegmentRef | undefined, orgDefault: SegmentRef | undefined): EffectiveSegment {
  if (spaceSegment !== undefined) return {...spaceSegment, source: 'space'}
  if (orgDefault !== undefined) return {...orgDefault, source: 'org-default'}
  return {...SHARED_SEGMENT, source: 'shared'}
}

/** Whether two references name the same segment (GUIDs are authoritative; names compare case-insensitively as CF does). */
export function sameSegment(a: SegmentRef, b: SegmentRef): boolean {
  return a.guid === b.guid || a.name.toLowerCase() === b.name.toLowerCase()
}

export function isShared(segment: SegmentRef): boolean {
  return sameSegment(segment, SHARED_SEGMENT)
}
