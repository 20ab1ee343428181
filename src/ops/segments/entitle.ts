// `cgx segment entitle SEGMENT --org ORG... [--default]`: let orgs use a segment (and, with --default, make it
// their default, which moves the apps of spaces without their own segment once restarted).
import type {CfClient} from '../../cf/index.js'
import type {Reporter} from '../reporter.js'
import {checkNameFlags, findOrganizations, findSegment} from '../resolve.js'
import {guardWrite, PLATFORM_ADMIN} from '../guard.js'
import {ref, type NamedRef} from '../named.js'
import {applyDefault, spacesFollowingDefault} from './default.js'
import {appsToRestart, restartIfAsked, type AppToRestart, type RestartedApp, type RestartOptions} from './restart.js'

export interface EntitleRequest extends RestartOptions {
  segment: string
  orgs: string[]
  /** Also make the segment each org's default. */
  makeDefault?: boolean
}

export interface EntitledOrg extends NamedRef {
  /** 'entitled' now, or 'already-entitled' (nothing written). */
  entitlement: 'entitled' | 'already-entitled'
  /** With --default: 'set', or 'already-default'; absent without it. */
  default?: 'set' | 'already-default'
}

export interface EntitleResult {
  segment: NamedRef
  orgs: EntitledOrg[]
  changed: boolean
  restartNeeded: AppToRestart[]
  restarted: RestartedApp[]
}

export async function entitleSegment(cf: CfClient, request: EntitleRequest, reporter: Reporter): Promise<EntitleResult> {
  checkNameFlags(request)
  const segment = await findSegment(cf, request.segment)
  const orgs = await findOrganizations(cf, request.orgs)
  const entitled = new Set(await cf.isolationSegments.listEntitledOrganizationGuids(segment.guid))
  const newOrgs = orgs.filter((org) => !entitled.has(org.guid))
  if (newOrgs.length > 0) {
    const action = `entitling ${newOrgs.map((o) => `'${o.name}'`).join(', ')} to segment '${segment.name}'`
    await guardWrite({action, role: PLATFORM_ADMIN}, () =>
      cf.isolationSegments.entitleOrganizations(
        segment.guid,
        newOrgs.map((o) => o.guid),
      ),
    )
  }
  const results: EntitledOrg[] = orgs.map((org) => ({...ref(org), entitlement: entitled.has(org.guid) ? 'already-entitled' : 'entitled'}))
  if (!request.makeDefault) return {segment: ref(segment), orgs: results, changed: newOrgs.length > 0, restartNeeded: [], restarted: []}

  for (const [i, org] of orgs.entries()) results[i].default = (await applyDefault(cf, org, segment)).changed ? 'set' : 'already-default'
  const following = await spacesFollowingDefault(
    cf,
    orgs.map((org) => ({org, segment})),
  )
  const restartNeeded = await appsToRestart(cf, following.flat())
  return {
    segment: ref(segment),
    orgs: results,
    changed: newOrgs.length > 0 || results.some((o) => o.default === 'set'),
    restartNeeded,
    restarted: await restartIfAsked(cf, restartNeeded, request, reporter),
  }
}
