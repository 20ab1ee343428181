// `cgx segment revoke SEGMENT --org ORG...`: take a segment away from orgs. The platform refuses while the segment is
// an org's default or assigned to one of its spaces (capi behaviour 17); cgx checks first, for every org, and names
// the spaces and the commands that clear the way, so nothing is half done.
import type {CfClient, Organization} from '../../cf/index.js'
import {revokeBlockers, type RevokeBlocker} from '../../domain/segments/warnings.js'
import {OpError} from '../errors.js'
import {loadFoundation} from '../foundation/index.js'
import {checkNameFlags, findOrganizations, findSegment} from '../resolve.js'
import {guardWrite, PLATFORM_ADMIN} from '../guard.js'
import {ref, type NamedRef} from '../named.js'

export interface RevokeRequest {
  segment: string
  orgs: string[]
}

export interface RevokedOrg extends NamedRef {
  /** 'revoked' now, or 'not-entitled' (nothing written). */
  entitlement: 'revoked' | 'not-entitled'
}

export interface RevokeResult {
  segment: NamedRef
  orgs: RevokedOrg[]
  changed: boolean
}

export async function revokeSegment(cf: CfClient, request: RevokeRequest): Promise<RevokeResult> {
  checkNameFlags(request)
  const segment = await findSegment(cf, request.segment)
  const orgs = await findOrganizations(cf, request.orgs)
  const entitled = new Set(await cf.isolationSegments.listEntitledOrganizationGuids(segment.guid))
  const toRevoke = orgs.filter((org) => entitled.has(org.guid))
  await refuseIfBlocked(cf, segment, toRevoke)
  for (const org of toRevoke) {
    const guard = {
      action: `revoking org '${org.name}' from segment '${segment.name}'`,
      role: PLATFORM_ADMIN,
      unprocessable: (error: {detail: string}) =>
        new OpError('REVOKE_BLOCKED', `The platform refused to revoke '${segment.name}' from org '${org.name}': ${error.detail}`),
    }
    await guardWrite(guard, () => cf.isolationSegments.revokeOrganization(segment.guid, org.guid))
  }
  const results: RevokedOrg[] = orgs.map((org) => ({...ref(org), entitlement: entitled.has(org.guid) ? 'revoked' : 'not-entitled'}))
  return {segment: ref(segment), orgs: results, changed: toRevoke.length > 0}
}

async function refuseIfBlocked(cf: CfClient, segment: NamedRef, orgs: readonly Organization[]): Promise<void> {
  if (orgs.length === 0) return
  const foundation = await loadFoundation(cf, {scope: {orgGuids: orgs.map((o) => o.guid)}})
  const blocked = foundation.orgs.flatMap((org) => revokeBlockers(segment, org, foundation.spaces).map((blocker) => ({org, blocker})))
  if (blocked.length === 0) return
  throw new OpError('REVOKE_BLOCKED', `Cannot revoke '${segment.name}': ${blocked.map((b) => b.blocker.message).join('; ')}.`, {
    suggestions: [
      'Move them off it first, then revoke again:',
      ...blocked.flatMap(({org, blocker}) => clearingCommands(org.name, blocker)),
    ],
  })
}

export function clearingCommands(org: string, blocker: RevokeBlocker): string[] {
  if (blocker.code === 'SEGMENT_IS_ORG_DEFAULT') return [`  cgx segment default --reset --org ${org}   (or another segment entitled to it)`]
  return blocker.spaces.map((space) => `  cgx segment unassign --space ${space} --org ${org}`)
}
