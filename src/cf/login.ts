// `cgx login` and `cgx target`: write the cf-compatible config so `cf` and `cgx` share one login.
// Like `cf login`, re-targeting another API clears the org and space; like cf CLI v7+, a client-credentials
// login stores the client id but not its secret.
import {httpOptions, type ConnectionOptions} from './client.js'
import {
  configPath,
  normalizeApiUrl,
  readConfig,
  updateConfig,
  validApiUrl,
  type CfEnv,
  type OrganizationFields,
  type SpaceFields,
} from './config.js'
import {dialTimeoutMs, resolveTrace} from './from-config.js'
import {createHttp, type CfHttp} from './http.js'
import {tokenSubject} from './jwt.js'
import {discoverEndpoints, loginPrompts, requestToken, type Grant} from './uaa.js'

/**
 * What to log in with. `origin` names the identity provider of a password login (cf login --origin).
 * A single sign-on login reads UAA's passcode prompt first and asks `passcode` for the code (cf login --sso): the
 * text says where to get one, e.g. "Temporary Authentication Code ( Get one at https://login.fr.cloud.gov/passcode )".
 */
export type LoginCredentials =
  | {username: string; password: string; origin?: string}
  | {clientId: string; clientSecret: string}
  | {passcode: (prompt: string) => Promise<string>}

export interface LoginOptions extends ConnectionOptions {
  api: string
  credentials: LoginCredentials
  cfHome?: string
  env?: CfEnv
}

export interface LoginResult {
  api: string
  apiVersion: string
  /** The user name or client id the token was issued to. */
  user: string
  grantType: 'password' | 'client_credentials'
  configPath: string
  /** True when this login moved to another API, which cleared the targeted org and space. */
  targetChanged: boolean
}

export async function login(options: LoginOptions): Promise<LoginResult> {
  const env = options.env ?? process.env
  const file = configPath(env, options.cfHome)
  // A config that cannot be read is not overwritten (it may hold other tools' settings): fail before sending the password.
  await readConfig(file)
  // Traced like every other request (CF_TRACE), with the password and tokens redacted.
  const trace = options.trace ?? resolveTrace({}, env)
  const http = createHttp(
    httpOptions(validApiUrl(options.api, 'The API endpoint'), {
      ...options,
      trace,
      connectTimeoutMs: options.connectTimeoutMs ?? dialTimeoutMs(env),
    }),
  )
  try {
    const endpoints = await discoverEndpoints(http)
    const grant = await toGrant(options.credentials, http, endpoints.uaaEndpoint)
    const tokens = await requestToken(http, endpoints.uaaEndpoint, {id: 'cf', secret: ''}, grant)
    let targetChanged = false
    await updateConfig(file, (data) => {
      targetChanged = !data.Target || normalizeApiUrl(data.Target) !== endpoints.api
      if (targetChanged) {
        data.OrganizationFields = {GUID: '', Name: ''}
        data.SpaceFields = {GUID: '', Name: '', AllowSSH: false}
      }
      Object.assign(data, {
        Target: endpoints.api,
        APIVersion: endpoints.apiVersion,
        AuthorizationEndpoint: endpoints.authorizationEndpoint,
        UaaEndpoint: endpoints.uaaEndpoint,
        SSLDisabled: options.skipSslValidation === true,
        AccessToken: tokens.accessToken,
        RefreshToken: tokens.refreshToken ?? '',
        // A passcode login is a password grant, and the cf CLI saves it as one.
        UAAGrantType: grant.type === 'client_credentials' ? grant.type : 'password',
        UAAOAuthClient: grant.type === 'client_credentials' ? grant.clientId : 'cf',
        UAAOAuthClientSecret: '',
      })
    })
    const user = tokenSubject(tokens.accessToken) ?? grantSubject(grant)
    const grantType = grant.type === 'client_credentials' ? grant.type : 'password'
    return {api: endpoints.api, apiVersion: endpoints.apiVersion, user, grantType, configPath: file, targetChanged}
  } finally {
    http.close()
  }
}

async function toGrant(credentials: LoginCredentials, http: CfHttp, uaaEndpoint: string): Promise<Grant> {
  if ('passcode' in credentials) {
    const prompt = (await loginPrompts(http, uaaEndpoint)).passcode?.[1] || 'One-time passcode'
    return {type: 'passcode', passcode: await credentials.passcode(prompt)}
  }
  return 'username' in credentials
    ? {
        type: 'password',
        username: credentials.username,
        password: credentials.password,
        ...(credentials.origin ? {origin: credentials.origin} : {}),
      }
    : {type: 'client_credentials', clientId: credentials.clientId, clientSecret: credentials.clientSecret}
}

/** Who logged in when the token does not say (it always does on UAA). */
function grantSubject(grant: Grant): string {
  if (grant.type === 'password') return grant.username
  return grant.type === 'client_credentials' ? grant.clientId : ''
}

export interface SetTargetOptions {
  cfHome?: string
  env?: CfEnv
  /** Saved as the Target when the file has none yet (a login from the environment), so the org and space belong to it. */
  api?: string
  /** The org to target; a different org than before clears the space unless `space` is given too. */
  organization?: {guid: string; name: string}
  space?: {guid: string; name: string; allowSsh?: boolean}
}

/** Write the targeted org and/or space (names already resolved to GUIDs by the caller). */
export async function setTarget(options: SetTargetOptions): Promise<{organization: OrganizationFields; space: SpaceFields}> {
  const file = configPath(options.env ?? process.env, options.cfHome)
  const data = await updateConfig(file, (config) => {
    if (!config.Target && options.api) config.Target = options.api
    const org = options.organization
    if (org && org.guid !== config.OrganizationFields?.GUID) config.SpaceFields = {GUID: '', Name: '', AllowSSH: false}
    if (org) config.OrganizationFields = {GUID: org.guid, Name: org.name}
    const space = options.space
    if (space) config.SpaceFields = {GUID: space.guid, Name: space.name, AllowSSH: space.allowSsh ?? false}
  })
  return {
    organization: data.OrganizationFields ?? {GUID: '', Name: ''},
    space: data.SpaceFields ?? {GUID: '', Name: '', AllowSSH: false},
  }
}
