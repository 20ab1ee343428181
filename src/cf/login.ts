// `cgx login` and `cgx target`: write the cf-compatible config so `cf` and `cgx` share one login.
// Like `cf login`, re-targeting another API clears the org and space; like cf CLI v7+, a client-credentials
// login stores the client id but not its secret.
import {httpOptions, type ConnectionOptions} from './client.js'
import {configPath, normalizeApiUrl, readConfig, updateConfig, validApiUrl, type CfEnv, type OrganizationFields, type SpaceFields} from './config.js'
import {dialTimeoutMs, resolveTrace} from './from-config.js'
import {createHttp} from './http.js'
import {tokenSubject} from './jwt.js'
import {discoverEndpoints, requestToken, type Grant} from './uaa.js'

export type LoginCredentials = {username: string; password: string} | {clientId: string; clientSecret: string}

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
  const http = createHttp(httpOptions(validApiUrl(options.api, 'The API endpoint'), {...options, trace, connectTimeoutMs: options.connectTimeoutMs ?? dialTimeoutMs(env)}))
  try {
    const endpoints = await discoverEndpoints(http)
    const grant = toGrant(options.credentials)
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
        UAAGrantType: grant.type,
        UAAOAuthClient: grant.type === 'client_credentials' ? grant.clientId : 'cf',
        UAAOAuthClientSecret: '',
      })
    })
    const user = tokenSubject(tokens.accessToken) ?? ('username' in options.credentials ? options.credentials.username : options.credentials.clientId)
    return {api: endpoints.api, apiVersion: endpoints.apiVersion, user, grantType: grant.type as LoginResult['grantType'], configPath: file, targetChanged}
  } finally {
    http.close()
  }
}

function toGrant(credentials: LoginCredentials): Grant {
  return 'username' in credentials
    ? {type: 'password', username: credentials.username, password: credentials.password}
    : {type: 'client_credentials', clientId: credentials.clientId, clientSecret: credentials.clientSecret}
}

export interface SetTargetOptions {
  cfHome?: string
  env?: CfEnv
  /** The org to target; a different org than before clears the space unless `space` is given too. */
  organization?: {guid: string; name: string}
  space?: {guid: string; name: string; allowSsh?: boolean}
}

/** Write the targeted org and/or space (names already resolved to GUIDs by the caller). */
export async function setTarget(options: SetTargetOptions): Promise<{organization: OrganizationFields; space: SpaceFields}> {
  const file = configPath(options.env ?? process.env, options.cfHome)
  const data = await updateConfig(file, (config) => {
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
