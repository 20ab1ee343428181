import {configPath, decodeTokenClaims, notLoggedIn, readConfig, setTarget, tokenSubject, type CfClient, type CfEnv} from '../cf/index.js'
import {OpError} from './errors.js'
import {checkNameFlags, findOrganization, findSpace} from './resolve.js'

export interface TargetSummary {
  api: string
  apiVersion?: string
  user?: string
  org?: string
  space?: string
}

/** What is targeted, from the config file alone (no request), like `cf target`. */
export async function showTarget(env: CfEnv): Promise<TargetSummary> {
  const config = await readConfig(configPath(env))
  // The same words as every other command that finds no login.
  if (!config.Target) throw notLoggedIn('No API endpoint is set.')
  const token = config.AccessToken ?? ''
  const user = token && decodeTokenClaims(token) ? tokenSubject(token) : undefined
  return {
    api: config.Target,
    ...(config.APIVersion ? {apiVersion: config.APIVersion} : {}),
    ...(user ? {user} : {}),
    ...(config.OrganizationFields?.Name ? {org: config.OrganizationFields.Name} : {}),
    ...(config.SpaceFields?.Name ? {space: config.SpaceFields.Name} : {}),
  }
}

/** Target an org and/or space by name; a space alone is looked up in the targeted org. */
export async function changeTarget(cf: CfClient, env: CfEnv, names: {org?: string; space?: string}): Promise<TargetSummary> {
  checkNameFlags(names)
  const org = names.org ? await findOrganization(cf, names.org) : cf.target.organization
  if (names.space && !org) {
    throw new OpError('NO_ORG_TARGETED', 'No org is targeted, so the space cannot be found.', {suggestions: ['Pass -o ORG together with -s SPACE.']})
  }
  const space = names.space && org ? await findSpace(cf, org, names.space) : undefined
  await setTarget({env, organization: org ? {guid: org.guid, name: org.name} : undefined, space})
  return showTarget(env)
}
