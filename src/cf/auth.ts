// The token source behind every authenticated request. Like the cf CLI (wrapper/uaa_authentication.go)
// it refreshes proactively when the token has under a minute left and, through http.ts, once more when
// the API answers 401 CF-InvalidAuthToken. The grant follows UAAGrantType; tokens obtained for a saved
// login are written back to config.json so `cf` keeps a refresh token that still works.
import type {Clock} from './clock.js'
import {CfAuthError} from './errors.js'
import type {AuthorizationProvider, CfHttp} from './http.js'
import {isTokenExpiring, tokenScopes, tokenSubject} from './jwt.js'
import {requestToken, type Grant, type OAuthClient, type Tokens} from './uaa.js'

/** Credentials handed over by a script through the environment; nothing obtained with them is saved. */
export type EnvCredentials =
  {kind: 'password'; username: string; password: string} | {kind: 'client_credentials'; clientId: string; clientSecret: string}

export interface TokenSourceOptions {
  /** A client for UAA calls (no bearer token of its own). */
  uaaHttp: CfHttp
  uaaEndpoint: string
  client: OAuthClient
  /** config.json's UAAGrantType: "" or "password" refresh with the refresh token; "client_credentials" re-authenticates. */
  grantType: string
  accessToken?: string
  refreshToken?: string
  envCredentials?: EnvCredentials
  /** Save renewed tokens (config.json); not called for env credentials. */
  persist?: (tokens: Tokens) => Promise<void>
  clock: Clock
}

export interface TokenSource extends AuthorizationProvider {
  /** Who the current token belongs to (user name or client id), decoded locally; no request. */
  subject(): string | undefined
  /** The current token's scopes, decoded locally; undefined before the first token. */
  scopes(): string[] | undefined
}

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  let accessToken = options.accessToken || undefined
  let refreshToken = options.refreshToken || undefined
  let inFlight: Promise<string> | undefined

  /** One renewal at a time: parallel requests that all see an old token share the same refresh. */
  function renew(): Promise<string> {
    inFlight ??= obtain().finally(() => {
      inFlight = undefined
    })
    return inFlight
  }

  async function obtain(): Promise<string> {
    const grant = chooseGrant(options, refreshToken)
    const tokens = await requestToken(options.uaaHttp, options.uaaEndpoint, grantClient(options, grant), grant)
    accessToken = tokens.accessToken
    refreshToken = tokens.refreshToken ?? refreshToken
    if (!options.envCredentials) await options.persist?.({accessToken, refreshToken})
    return accessToken
  }

  return {
    async authorization() {
      if (!accessToken || isTokenExpiring(accessToken, options.clock.now())) return renew()
      return accessToken
    },
    async refresh(rejected) {
      if (accessToken === rejected) await renew()
    },
    subject: () => (accessToken ? tokenSubject(accessToken) : undefined),
    scopes: () => (accessToken ? tokenScopes(accessToken) : undefined),
  }
}

function chooseGrant(options: TokenSourceOptions, refreshToken: string | undefined): Grant {
  const env = options.envCredentials
  if (env?.kind === 'password') return {type: 'password', username: env.username, password: env.password}
  if (env?.kind === 'client_credentials') return {type: 'client_credentials', clientId: env.clientId, clientSecret: env.clientSecret}
  if (options.grantType === 'client_credentials') {
    if (options.client.secret) return {type: 'client_credentials', clientId: options.client.id, clientSecret: options.client.secret}
    throw new CfAuthError(
      'CLIENT_SECRET_NEEDED',
      `The saved login is for client '${options.client.id}' (client credentials), and the cf CLI does not save client secrets, ` +
        'so the token cannot be renewed.',
      `Set CF_CLIENT_ID=${options.client.id} and CF_CLIENT_SECRET, or run \`cgx login --client-credentials\` again.`,
    )
  }
  if (refreshToken) return {type: 'refresh_token', refreshToken}
  throw notLoggedIn()
}

/** The password grant always uses the cf CLI's public client; the others use what the login saved. */
function grantClient(options: TokenSourceOptions, grant: Grant): OAuthClient {
  return grant.type === 'password' ? {id: 'cf', secret: ''} : options.client
}

export function notLoggedIn(detail = 'Not logged in.'): CfAuthError {
  return new CfAuthError(
    'NOT_LOGGED_IN',
    detail,
    'Run `cgx login -a API` (or `cf login`), or set CF_API with CF_USERNAME and CF_PASSWORD (or CF_CLIENT_ID and CF_CLIENT_SECRET).',
  )
}
