// `cgx segment delete NAME`: remove an isolation segment nobody uses. The platform refuses while any org is entitled
// to it (capi behaviour 16); cgx checks first and names every org and space in the way with the commands that clear
// them, so nothing is half done. The shared segment is the platform's own and cannot be deleted.
import {SHARED_ISOLATION_SEGMENT_GUID, type CfClient} from '../../cf/index.js'
import {revokeBlockers} from '../../domain/segments/warnings.js'
import {OpError} from '../errors.js'
import {loadFoundation} from '../foundation/index.js'
import type {Reporter} from '../reporter.js'
import {findSegment} from '../resolve.js'
import {guardWrite, PLATFORM_ADMIN} from '../guard.js'
import {ref, type NamedRef} from '../named.js'
import {clearingCommands} from './revoke.js'

export interface DeleteSegmentResult {
  segment: NamedRef
  deleted: true
}

export async function deleteSegment(cf: CfClient, request: {segment: string}, reporter: Reporter): Promise<DeleteSegmentResult> {
  const segment = await findSegment(cf, request.segment)
  if (segment.guid === SHARED_ISOLATION_SEGMENT_GUID) {
    throw new OpError(
      'SEGMENT_IS_SHARED',
      `'${segment.name}' is the platform's own segment: spaces without a segment run on it. It cannot be deleted.`,
    )
  }
  await refuseIfUsed(cf, segment)
  reporter.progress(`Deleting isolation segment ${segment.name}...`)
  await guardWrite({action: `deleting isolation segment '${segment.name}'`, role: PLATFORM_ADMIN}, () =>
    cf.isolationSegments.delete(segment.guid),
  )
  return {segment: ref(segment), deleted: true}
}

async function refuseIfUsed(cf: CfClient, segment: NamedRef): Promise<void> {
  const entitled = await cf.isolationSegments.listEntitledOrganizationGuids(segment.guid)
  if (entitled.length === 0) return
  const foundation = await loadFoundation(cf, {scope: {orgGuids: entitled}})
  const orgs = foundation.orgs.map((org) => ({org, blockers: revokeBlockers(segment, org, foundation.spaces)}))
  const names = orgs.map(({org}) => org.name)
  const uses = orgs.flatMap(({blockers}) => blockers.map((b) => b.message))
  throw new OpError(
    'SEGMENT_IN_USE',
    `Cannot delete '${segment.name}': ${[`it is entitled to ${names.length === 1 ? 'org' : 'orgs'} ${names.map((n) => `'${n}'`).join(', ')}`, ...uses].join('; ')}.`,
    {
      suggestions: [
        'Move everything off it and revoke it first, then delete again:',
        ...orgs.flatMap(({org, blockers}) => blockers.flatMap((blocker) => clearingCommands(org.name, blocker))),
        `  cgx segment revoke ${segment.name} --org ${names.join(',')}`,
      ],
    },
  )
}
