import {
  configPath,
  credentialsFromEnv,
  decodeTokenClaims,
  normalizeApiUrl,
  notLoggedIn,
  readConfig,
  setTarget,
  tokenSubject,
  type CfClient,
  type CfConfigData,
  type CfEnv,
} from '../cf/index.js'
import {OpError} from './errors.js'
import {checkNameFlags, findOrganization, findSpace} from './resolve.js'

export interface TargetSummary {
  api: string
  apiVersion?: string
  user?: string
  org?: string
  space?: string
}

/**
 * What is targeted, from the config file alone (no request), like `cf target`; or, when the environment logs in
 * (CF_API with CF_USERNAME/CF_PASSWORD or CF_CLIENT_ID/CF_CLIENT_SECRET) and no saved login is for that API,
 * from a login with those variables, as every other command would make it.
 */
export async function showTarget(env: CfEnv, connect: () => Promise<CfClient>): Promise<TargetSummary> {
  const config = await readConfig(configPath(env))
  if (logsInFromEnv(env, config)) return envTarget(await connect(), config)
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

function logsInFromEnv(env: CfEnv, config: CfConfigData): boolean {
  if (!env.CF_API || !credentialsFromEnv(env, config)) return false
  return !config.Target || !config.AccessToken || normalizeApiUrl(env.CF_API) !== normalizeApiUrl(config.Target)
}

async function envTarget(cf: CfClient, config: CfConfigData): Promise<TargetSummary> {
  // One small authenticated request: it logs in with the variables and proves they work.
  await cf.organizations.list({per_page: 1})
  const user = cf.currentUser()
  // The org and space saved for this API (an earlier `target -o` with the same variables), read after any change.
  const saved: Partial<CfConfigData> = config.Target && normalizeApiUrl(config.Target) === cf.target.api ? config : {}
  return {
    api: cf.target.api,
    apiVersion: await cf.apiVersion(),
    ...(user ? {user} : {}),
    ...(saved.OrganizationFields?.Name ? {org: saved.OrganizationFields.Name} : {}),
    ...(saved.SpaceFields?.Name ? {space: saved.SpaceFields.Name} : {}),
  }
}

/**
 * Target an org and/or space by name; a space alone is looked up in the targeted org. Without a saved API (an
 * environment login), the API is saved with them, so later commands with the same variables use this target.
 */
export async function changeTarget(
  connect: () => Promise<CfClient>,
  env: CfEnv,
  names: {org?: string; space?: string},
): Promise<TargetSummary> {
  checkNameFlags(names)
  await refuseOtherApi(env)
  const cf = await connect()
  const org = names.org ? await findOrganization(cf, names.org) : cf.target.organization
  if (names.space && !org) {
    throw new OpError('NO_ORG_TARGETED', 'No org is targeted, so the space cannot be found.', {
      suggestions: ['Pass -o ORG together with -s SPACE.'],
    })
  }
  const space = names.space && org ? await findSpace(cf, org, names.space) : undefined
  await setTarget({env, api: cf.target.api, organization: org ? {guid: org.guid, name: org.name} : undefined, space})
  return showTarget(env, async () => cf)
}

/** CF_API naming another API than the saved login: its org and space must not land in that login's config. */
async function refuseOtherApi(env: CfEnv): Promise<void> {
  const saved = (await readConfig(configPath(env))).Target
  if (!saved || !env.CF_API || normalizeApiUrl(saved) === normalizeApiUrl(env.CF_API)) return
  throw new OpError(
    'TARGET_OTHER_API',
    `CF_API is ${env.CF_API}, but the saved login is for ${saved}: its org and space stay as they are.`,
    {
      suggestions: ['Unset CF_API to change the saved target, or give this API its own CF_HOME.'],
    },
  )
}
