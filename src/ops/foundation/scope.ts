// `--org` / `--space` as a snapshot scope. A space alone is looked up in the targeted org.
import type {CfClient} from '../../cf/index.js'
import {checkNameFlags, findOrganization, findSpace, orgFromFlagOrTarget} from '../resolve.js'
import type {FoundationScope} from './snapshot.js'

export interface ScopeNames {
  readonly org?: string
  readonly space?: string
}

export interface ResolvedScope {
  /** What the report covers, by name (absent = every org / every space). */
  readonly names: {readonly org?: string; readonly space?: string}
  /** The whole org of the scope: org warnings need all of an org's spaces even when one space is reported. */
  readonly org: FoundationScope
  /** Exactly what was asked for. */
  readonly exact: FoundationScope
}

export async function resolveScope(cf: CfClient, names: ScopeNames): Promise<ResolvedScope> {
  if (names.org === undefined && names.space === undefined) return {names: {}, org: {}, exact: {}}
  checkNameFlags(names)
  const org = names.space === undefined ? await findOrganization(cf, names.org!) : await orgFromFlagOrTarget(cf, names.org)
  const orgScope = {orgGuids: [org.guid]}
  if (names.space === undefined) return {names: {org: org.name}, org: orgScope, exact: orgScope}
  const space = await findSpace(cf, org, names.space)
  return {names: {org: org.name, space: space.name}, org: orgScope, exact: {...orgScope, spaceGuids: [space.guid]}}
}
