import type {CfClient, IsolationSegment, Organization, Space} from '../cf/index.js'
import {checkName} from '../domain/names/rule.js'
import {suggestNames} from '../domain/names/suggest.js'
import {InvalidInputError, NotFoundError, OpError} from './errors.js'

/** Names typed in flags and arguments; `segment: null` is "no segment". */
export interface NameFlags {
  readonly org?: string
  readonly orgs?: readonly string[]
  readonly space?: string
  readonly segment?: string | null
}

/**
 * Every name typed, checked as the Cloud Controller would (domain/names/rule.ts) before any request is made with it:
 * a name with a control character or a stray space matches nothing, and would only get a confusing "not found".
 * Ops that resolve several names call it first, so the last name's problem is not found after the first requests.
 */
export function checkNameFlags(flags: NameFlags): void {
  const named: Array<[string, string | null | undefined]> = [
    ['org', flags.org],
    ...(flags.orgs ?? []).map((org): [string, string] => ['org', org]),
    ['space', flags.space],
    ['segment', flags.segment],
  ]
  for (const [kind, name] of named) {
    const problem = typeof name === 'string' ? checkName(name) : undefined
    if (problem !== undefined) {
      throw new InvalidInputError(problem.code, `Invalid ${kind} name: ${problem.message}.`, [
        `Type the ${kind} name as \`cf ${kind === 'segment' ? 'isolation-segments' : `${kind}s`}\` lists it (quote it if it has spaces inside).`,
      ])
    }
  }
}

/**
 * Names → objects, the way users type them. A miss costs one more listing to say "did you mean";
 * a hit costs one request.
 */
export async function findOrganization(cf: CfClient, name: string): Promise<Organization> {
  checkNameFlags({org: name})
  const [found] = await cf.organizations.listAll({names: [name]})
  if (found) return found
  const names = (await cf.organizations.listAll()).map((org) => org.name)
  throw new NotFoundError('org', name, suggestNames(name, names), 'Run `cf orgs` to see the orgs you can access.')
}

export async function findSpace(cf: CfClient, org: {guid: string; name: string}, name: string): Promise<Space> {
  checkNameFlags({space: name})
  const [found] = await cf.spaces.listAll({names: [name], organization_guids: [org.guid]})
  if (found) return found
  const names = (await cf.spaces.listAll({organization_guids: [org.guid]})).map((space) => space.name)
  throw new NotFoundError('space', name, suggestNames(name, names), `Spaces in org '${org.name}': ${names.join(', ') || 'none'}.`)
}

/** The org named by a flag, else the targeted one; says how to target one when neither is there. */
export async function orgFromFlagOrTarget(cf: CfClient, orgName: string | undefined): Promise<{guid: string; name: string}> {
  if (orgName) return findOrganization(cf, orgName)
  if (cf.target.organization) return cf.target.organization
  throw new OpError('NO_ORG_TARGETED', 'No org given and no org targeted.', {
    suggestions: ['Pass --org ORG, or run `cgx target -o ORG`.'],
  })
}

export async function findSegment(cf: CfClient, name: string): Promise<IsolationSegment> {
  checkNameFlags({segment: name})
  const [found] = await cf.isolationSegments.listAll({names: [name]})
  if (found) return found
  const names = (await cf.isolationSegments.listAll()).map((segment) => segment.name)
  // A non-admin sees only the segments entitled to their orgs: "not found" may mean "not visible to you".
  throw new NotFoundError(
    'segment',
    name,
    suggestNames(name, names),
    'Run `cgx segment list` to see the segments you can access (only a platform admin sees those not entitled to one of your orgs).',
  )
}

/** Several orgs in one listing; the first unknown name fails with "did you mean" (findOrganization) before anything is written. */
export async function findOrganizations(cf: CfClient, names: readonly string[]): Promise<Organization[]> {
  checkNameFlags({orgs: names})
  const wanted = [...new Set(names)]
  const found = await cf.organizations.listAll({names: wanted})
  const orgs: Organization[] = []
  for (const name of wanted) orgs.push(found.find((org) => org.name === name) ?? (await findOrganization(cf, name)))
  return orgs
}
