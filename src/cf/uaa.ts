// UAA: where it is (from the API's root document), its login prompts, and its token endpoint for the grants cgx
// uses. Requests are form-encoded; the cf client authenticates with HTTP Basic `cf:` (cloudfoundry/cli
// api/uaa/auth.go, refresh_token.go), while client credentials travel in the form like the cf CLI sends them.
// A single sign-on login is the password grant with a one-time `passcode` instead of username and password, and
// `--origin` is the query parameter `login_hint={"origin":"NAME"}` (auth.go).
import {CfApiError, CfAuthError, CfNetworkError, CfProtocolError} from './errors.js'
import type {CfHttp} from './http.js'

export interface ApiEndpoints {
  api: string
  /** `links.login.href`, else the UAA URL: what the cf CLI stores as AuthorizationEndpoint. */
  authorizationEndpoint: string
  /** `links.uaa.href`, else `links.login.href`: where tokens are requested. */
  uaaEndpoint: string
  /** The CC v3 API version (`links.cloud_controller_v3.meta.version`). */
  apiVersion: string
}

interface RootDocument {
  links?: Record<string, {href?: string; meta?: {version?: string}} | null>
}

/** Read `GET /` (no token needed) to find UAA and the API version. */
export async function discoverEndpoints(http: CfHttp): Promise<ApiEndpoints> {
  const root = (await http.send<RootDocument>({method: 'GET', path: '/', authenticated: false})).data
  const links = root?.links ?? {}
  const uaa = links.uaa?.href ?? links.login?.href
  if (!uaa)
    throw new CfProtocolError('BAD_RESPONSE', `${http.apiUrl} does not look like a Cloud Foundry API: its root document has no UAA link`)
  return {
    api: http.apiUrl,
    authorizationEndpoint: links.login?.href ?? uaa,
    uaaEndpoint: uaa,
    apiVersion: links.cloud_controller_v3?.meta?.version ?? '',
  }
}

/** `GET <uaa>/login`'s `prompts`: name -> [type, text], e.g. passcode -> ["password", "Temporary Authentication Code ( Get one at … )"]. */
export type LoginPrompts = Record<string, [string, string] | undefined>

/** The prompts UAA asks a user for (cloudfoundry/cli api/uaa/prompts.go); no token needed. */
export async function loginPrompts(http: CfHttp, uaaEndpoint: string): Promise<LoginPrompts> {
  try {
    const info = (await http.send<{prompts?: LoginPrompts}>({method: 'GET', path: `${trimSlash(uaaEndpoint)}/login`, authenticated: false}))
      .data
    return info?.prompts ?? {}
  } catch (error) {
    throw atUaa(error)
  }
}

export type Grant =
  | {type: 'password'; username: string; password: string; origin?: string}
  | {type: 'passcode'; passcode: string}
  | {type: 'client_credentials'; clientId: string; clientSecret: string}
  | {type: 'refresh_token'; refreshToken: string}

export interface OAuthClient {
  id: string
  secret: string
}

export interface Tokens {
  /** With its type prefix (`bearer eyJ…`), as the Authorization header and config.json want it. */
  accessToken: string
  refreshToken?: string
}

interface TokenResponse {
  access_token?: string
  token_type?: string
  refresh_token?: string
}

/** POST `<uaa>/oauth/token`. A refused grant becomes a CfAuthError that says what to do. */
export async function requestToken(http: CfHttp, uaaEndpoint: string, client: OAuthClient, grant: Grant): Promise<Tokens> {
  const {form, basic} = grantForm(grant)
  let body: TokenResponse | undefined
  try {
    const response = await http.send<TokenResponse>({
      method: 'POST',
      path: `${trimSlash(uaaEndpoint)}/oauth/token`,
      ...(grant.type === 'password' && grant.origin ? {query: {login_hint: JSON.stringify({origin: grant.origin})}} : {}),
      form,
      authenticated: false,
      headers: basic ? {Authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`} : {},
      secretResponse: true,
    })
    body = response.data
  } catch (error) {
    throw grantRefused(error, grant) ?? atUaa(error)
  }
  if (!body?.access_token) throw new CfProtocolError('BAD_RESPONSE', 'UAA answered the token request without an access_token')
  return {accessToken: `${body.token_type ?? 'bearer'} ${body.access_token}`, refreshToken: body.refresh_token || undefined}
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '')

function grantForm(grant: Grant): {form: Record<string, string>; basic: boolean} {
  switch (grant.type) {
    case 'password':
      return {form: {grant_type: 'password', username: grant.username, password: grant.password}, basic: true}
    case 'passcode':
      return {form: {grant_type: 'password', passcode: grant.passcode}, basic: true}
    case 'client_credentials':
      return {form: {grant_type: 'client_credentials', client_id: grant.clientId, client_secret: grant.clientSecret}, basic: false}
    case 'refresh_token':
      return {form: {grant_type: 'refresh_token', refresh_token: grant.refreshToken}, basic: true}
  }
}

function grantRefused(error: unknown, grant: Grant): CfAuthError | undefined {
  if (!(error instanceof CfApiError) || (error.status !== 400 && error.status !== 401)) return undefined
  if (grant.type === 'refresh_token') {
    return new CfAuthError(
      'REFRESH_FAILED',
      'The saved login has expired or was revoked (UAA refused the refresh token).',
      'Run `cgx login` (or `cf login`) again.',
    )
  }
  if (grant.type === 'passcode') {
    return new CfAuthError(
      'PASSCODE_REJECTED',
      `UAA refused the one-time passcode (${error.detail}).`,
      'A code works once and for a few minutes: get a new one from the passcode page and run `cgx login --sso` again.',
    )
  }
  const who = grant.type === 'password' ? `user '${grant.username}'` : `client '${grant.clientId}'`
  const what = grant.type === 'password' ? 'username and password' : 'client id and secret'
  return new CfAuthError('BAD_CREDENTIALS', `UAA rejected the credentials for ${who} (${error.detail}).`, `Check the ${what}.`)
}

/** The token endpoint is UAA, not the API: say so when it cannot be reached (it is often another host). */
function atUaa(error: unknown): unknown {
  if (!(error instanceof CfNetworkError)) return error
  return new CfNetworkError(error.kind, error.method, error.url, error.causeCode, 'uaa')
}
