// Revokes CF will refuse (capi behaviour 17): said at plan time, from the state the plan leaves behind, so nobody
// finds out half-way through an apply.
import {revokeBlockers} from '../segments/warnings.js'
import type {SegmentRef} from '../segments/effective.js'
import type {LiveIndex} from './live-index.js'
import type {SetupFile} from './model.js'
import type {Change} from './plan.js'

export function revokeWarnings(file: SetupFile, live: LiveIndex, changes: readonly Change[]): string[] {
  return changes
    .filter((c) => c.type === 'segment' && c.before !== null)
    .flatMap((change) => {
      const before = (change.before!.orgs as string[] | undefined) ?? []
      const after = (change.after?.orgs as string[] | undefined) ?? []
      const segment = live.segment(change.name.name)
      if (segment === undefined) return []
      const ref: SegmentRef = {guid: segment.guid, name: segment.name}
      return before
        .filter((org) => !after.includes(org))
        .flatMap((orgName) => {
          const blockers = blockersAfterPlan(file, live, ref, orgName)
          return blockers.map(
            (b) => `${change.address}: revoking org '${orgName}' will fail: ${b}. Change that in the file (or on the foundation) first.`,
          )
        })
    })
}

function blockersAfterPlan(file: SetupFile, live: LiveIndex, segment: SegmentRef, orgName: string): string[] {
  const org = live.org(orgName)
  if (org === undefined) return []
  const spec = file.orgs.find((o) => o.name === orgName)
  const ref = (name: string | null | undefined): SegmentRef | undefined => {
    if (!name) return undefined
    return {guid: live.segment(name)?.guid ?? name, name}
  }
  const defaultName = spec?.defaultSegment !== undefined ? spec.defaultSegment : live.segmentName(org.defaultSegmentGuid)
  const spaces = live.spacesOf(org).map((space) => {
    const own = spec?.spaces.find((s) => s.name === space.name)
    const segmentName = own?.segment !== undefined ? own.segment : live.segmentName(space.segmentGuid)
    const segmentRef = ref(segmentName)
    return {guid: space.guid, name: space.name, orgGuid: org.guid, ...(segmentRef ? {segment: segmentRef} : {})}
  })
  const defaultRef = ref(defaultName)
  const state = {guid: org.guid, name: org.name, entitled: [], ...(defaultRef ? {defaultSegment: defaultRef} : {})}
  return revokeBlockers(segment, state, spaces).map((b) => b.message)
}
