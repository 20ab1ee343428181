// `security-groups`: every space's effective running and staging ASG rules. Three listings whatever the scope (orgs,
// spaces, security groups, 5000 per page): --org and --space are resolved in the listings themselves, so one org
// costs what the whole foundation costs, and nothing is asked per org or per space.
import type {CfClient, Organization, Space} from '../../cf/index.js'
import {compareNames} from '../../domain/names/order.js'
import {suggestNames} from '../../domain/names/suggest.js'
import {NotFoundError} from '../errors.js'
import {loadSecurityGroups, type ScopeNames} from '../foundation/index.js'
import type {Reporter} from '../reporter.js'
import {checkNameFlags, orgFromFlagOrTarget} from '../resolve.js'
import {effectiveRules, type EffectiveRule, type ReportedSpace} from './rules.js'

export type {EffectiveRule, ReportedSpace}

export interface SecurityGroupsReport {
  /** What the report covers, by name (absent = every org / every space). */
  readonly scope: {readonly org?: string; readonly space?: string}
  /** The spaces covered, sorted by org then space; a space with no rule in a lifecycle has no row for it. */
  readonly spaces: readonly ReportedSpace[]
  /** One per space, lifecycle and rule: global groups first, then those bound to the space, by group name. */
  readonly rules: readonly EffectiveRule[]
}

export interface SecurityGroupsOptions extends ScopeNames {
  readonly reporter: Reporter
}

export async function reportSecurityGroups(cf: CfClient, options: SecurityGroupsOptions): Promise<SecurityGroupsReport> {
  checkNameFlags(options)
  options.reporter.progress('Reading orgs, spaces and security groups...')
  const [orgs, groups] = await Promise.all([cf.organizations.listAll(), loadSecurityGroups(cf)])
  const org = await scopedOrg(cf, orgs, options)
  const listed = await cf.spaces.listAll(org === undefined ? {} : {organization_guids: [org.guid]})
  const spaces = options.space === undefined ? listed : [namedSpace(listed, options.space, org!)]
  for (const warning of groups.warnings) options.reporter.warn(warning)
  const reported = reportedSpaces(orgs, spaces)
  return {
    scope: {...(org === undefined ? {} : {org: org.name}), ...(options.space === undefined ? {} : {space: spaces[0].name})},
    spaces: reported,
    rules: effectiveRules(reported, groups.groups),
  }
}

/** --org from the listing (no lookup of its own); --space alone means the targeted org. */
async function scopedOrg(
  cf: CfClient,
  orgs: readonly Organization[],
  names: ScopeNames,
): Promise<{guid: string; name: string} | undefined> {
  if (names.org === undefined && names.space === undefined) return undefined
  if (names.org === undefined) return orgFromFlagOrTarget(cf, undefined)
  const found = orgs.find((o) => o.name === names.org)
  if (found !== undefined) return found
  throw new NotFoundError(
    'org',
    names.org,
    suggestNames(
      names.org,
      orgs.map((o) => o.name),
    ),
    'Run `cf orgs` to see the orgs you can access.',
  )
}

function namedSpace(spaces: readonly Space[], name: string, org: {name: string}): Space {
  const found = spaces.find((s) => s.name === name)
  if (found !== undefined) return found
  const names = spaces.map((s) => s.name)
  throw new NotFoundError('space', name, suggestNames(name, names), `Spaces in org '${org.name}': ${names.join(', ') || 'none'}.`)
}

function reportedSpaces(orgs: readonly Organization[], spaces: readonly Space[]): ReportedSpace[] {
  const orgNames = new Map(orgs.map((o) => [o.guid, o.name]))
  return spaces
    .map((s) => {
      const orgGuid = s.relationships.organization.data?.guid ?? ''
      return {org: orgNames.get(orgGuid) ?? orgGuid, name: s.name, guid: s.guid}
    })
    .sort((a, b) => compareNames(a.org, b.org) || compareNames(a.name, b.name))
}
