// Entitlements the file implies: an org whose default, or one of whose spaces, is on a segment must be entitled
// to it (CF refuses the assignment otherwise), so the plan adds those entitlements even where `orgs` is left out.
import type {LiveIndex} from './live-index.js'
import {segmentKey, type SetupFile} from './model.js'
import {addressOf} from './plan.js'

/** Per lower-cased segment name: its name and, per org, the first address that needs the entitlement. */
export type NeededEntitlements = Map<string, {name: string; orgs: Map<string, string>}>

export function neededEntitlements(file: SetupFile, live: LiveIndex): NeededEntitlements {
  const needed: NeededEntitlements = new Map()
  const need = (segment: string | null | undefined, org: string, by: string) => {
    if (!segment) return
    const key = segmentKey(segment)
    const entry = needed.get(key) ?? {name: live.segment(segment)?.name ?? segment, orgs: new Map<string, string>()}
    if (!entry.orgs.has(org)) entry.orgs.set(org, by)
    needed.set(key, entry)
  }
  for (const org of file.orgs) {
    need(org.defaultSegment, org.name, `${addressOf('org', {name: org.name})} default_segment`)
    for (const space of org.spaces) need(space.segment, org.name, `${addressOf('space', {org: org.name, name: space.name})} segment`)
  }
  return needed
}
