// What --prune deletes: objects that carry the cgx managed label (apply sets it on what it creates), that the file
// does not name, and that nothing in the file refers to. Without --prune the same objects are only mentioned.
// Security groups have no metadata in the v3 API, so they can carry no label and are never pruned.
import type {LiveIndex} from './live-index.js'
import {isManaged, MANAGED_LABEL, segmentKey, type SetupFile} from './model.js'
import type {NeededEntitlements} from './needs.js'
import {addressOf, type Change} from './plan.js'
import {actionOf} from './fields.js'

const REASON = `not in the file, and created by cgx (label ${MANAGED_LABEL.key}=${MANAGED_LABEL.value})`

export function pruneChanges(
  file: SetupFile,
  live: LiveIndex,
  needed: NeededEntitlements,
  prune: boolean,
): {changes: Change[]; warnings: string[]} {
  const fileOrgs = new Map(file.orgs.map((org) => [org.name, org]))
  const orgs = live.state.orgs.filter((org) => isManaged(org.labels) && !fileOrgs.has(org.name))
  const goneOrgGuids = new Set(orgs.map((org) => org.guid))
  const spaces = live.state.spaces.filter((space) => {
    if (!isManaged(space.labels) || goneOrgGuids.has(space.orgGuid)) return false
    return !fileOrgs.get(live.orgName(space.orgGuid))?.spaces.some((s) => s.name === space.name)
  })
  const referenced = new Set([...file.segments.map((s) => segmentKey(s.name)), ...needed.keys()])
  const segments = live.state.segments.filter((segment) => isManaged(segment.labels) && !referenced.has(segmentKey(segment.name)))
  const changes: Change[] = [
    ...spaces.map((space) => deletion('space', {org: live.orgName(space.orgGuid), name: space.name}, {})),
    ...orgs.map((org) => deletion('org', {name: org.name}, {})),
    ...segments.map((segment) => deletion('segment', {name: segment.name}, {orgs: live.entitledOrgs(segment)})),
  ]
  if (prune || changes.length === 0) return {changes: prune ? changes : [], warnings: []}
  const list = changes.map((c) => c.address).join(', ')
  return {
    changes: [],
    warnings: [`${changes.length} object(s) created by cgx are not in the file: ${list}. \`--prune\` would delete them.`],
  }
}

function deletion(type: Change['type'], name: Change['name'], before: Record<string, unknown>): Change {
  return {action: actionOf(before, null), address: addressOf(type, name), type, name, before, after: null, reason: REASON}
}
