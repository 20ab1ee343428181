import type {CfClient, IsolationSegment, Organization, Space} from '../cf/index.js'
import {suggestNames} from '../domain/names/suggest.js'
import {NotFoundError, OpError} from './errors.js'

/**
 * Names → objects, the way users type them. A miss costs one more listing to say "did you mean";
 * a hit costs one request.
 */
export async function findOrganization(cf: CfClient, name: string): Promise<Organization> {
  const [found] = await cf.organizations.listAll({names: [name]})
  if (found) return found
  const names = (await cf.organizations.listAll()).map((org) => org.name)
  throw new NotFoundError('org', name, suggestNames(name, names), 'Run `cf orgs` to see the orgs you can access.')
}

export async function findSpace(cf: CfClient, org: {guid: string; name: string}, name: string): Promise<Space> {
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
  const wanted = [...new Set(names)]
  const found = await cf.organizations.listAll({names: wanted})
  const orgs: Organization[] = []
  for (const name of wanted) orgs.push(found.find((org) => org.name === name) ?? (await findOrganization(cf, name)))
  return orgs
}
