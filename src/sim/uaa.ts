// The UAA endpoints cgx and the cf CLI use (capi behaviour 24): /login info and /oauth/token with the
// password, refresh_token and client_credentials grants. Errors are `{error, error_description}`.
// A password grant may carry a one-time `passcode` instead of username and password (UAA's
// PasscodeAuthenticationFilter: "Invalid passcode" when unknown, used or expired), and a `login_hint`
// query parameter `{"origin":"NAME"}` naming the identity provider; the simulator has only `uaa`.
import {randomBytes} from 'node:crypto'
import type {IncomingHttpHeaders} from 'node:http'
import {guidFrom} from './guid.js'
import {signJwt} from './jwt.js'
import {JsonText, type Reply, type Services} from './http.js'
import type {ClientRecord, UserRecord} from './model.js'
import type {Store} from './store.js'

const USER_SCOPES = ['cloud_controller.read', 'cloud_controller.write', 'openid', 'password.write', 'uaa.user']

const uaaError = (status: number, error: string, description: string): Reply => ({status, body: {error, error_description: description}})

export function loginInfo(base: string, now: string): Reply {
  const uaa = `${base}/uaa`
  return {
    status: 200,
    body: {
      app: {version: '77.20.0'},
      showLoginLinks: true,
      links: {uaa, passwd: '/forgot_password', login: uaa, register: '/create_account'},
      zone_name: 'uaa',
      entityID: new URL(base).host,
      commit_id: 'cgx-sim',
      idpDefinitions: {},
      prompts: {
        username: ['text', 'Email'],
        password: ['password', 'Password'],
        passcode: ['password', `Temporary Authentication Code ( Get one at ${uaa}/passcode )`],
      },
      timestamp: now.replace('Z', '+0000'),
    },
  }
}

/** HTTP Basic `client:secret`, or the form's client_id/client_secret. */
function clientCredentials(headers: IncomingHttpHeaders, form: URLSearchParams): {id: string; secret: string} {
  const basic = /^Basic\s+(.+)$/i.exec(headers.authorization ?? '')
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    return {id: decoded.slice(0, colon < 0 ? undefined : colon), secret: colon < 0 ? '' : decoded.slice(colon + 1)}
  }
  return {id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? ''}
}

interface Grant {
  user: UserRecord | null
  client: string
  adminClient: boolean
  grantType: string
}

function tokenResponse(store: Store, grant: Grant, lifetimeSec: number, base: string): Reply {
  const iat = Math.floor(Date.now() / 1000)
  const jti = randomBytes(16).toString('hex')
  const admin = grant.user ? grant.user.admin : grant.adminClient
  const scopes = grant.user
    ? admin
      ? ['cloud_controller.admin', ...USER_SCOPES]
      : USER_SCOPES
    : admin
      ? ['cloud_controller.admin', 'uaa.none']
      : ['cloud_controller.read', 'cloud_controller.write']
  const claims: Record<string, unknown> = {
    jti,
    sub: grant.user?.guid ?? grant.client,
    scope: scopes,
    client_id: grant.client,
    cid: grant.client,
    grant_type: grant.grantType,
    iat,
    exp: iat + lifetimeSec,
    iss: `${base}/uaa/oauth/token`,
    aud: ['cloud_controller', grant.client],
    ...(grant.user ? {user_id: grant.user.guid, user_name: grant.user.username, origin: 'uaa'} : {}),
  }
  const body: Record<string, unknown> = {access_token: signJwt(claims, store.jwtSecret), token_type: 'bearer'}
  if (grant.user) {
    const refresh = `${randomBytes(16).toString('hex')}-r`
    store.refreshTokens.set(refresh, {username: grant.user.username, clientId: grant.client})
    body.id_token = signJwt(
      {sub: grant.user.guid, aud: [grant.client], iss: claims.iss, exp: claims.exp, iat, user_name: grant.user.username},
      store.jwtSecret,
    )
    body.refresh_token = refresh
  }
  return {status: 200, body: {...body, expires_in: lifetimeSec, scope: scopes.join(' '), jti}}
}

/** POST /uaa/oauth/token (form encoded; login_hint in the query, as the cf CLI sends it). */
export function issueToken(services: Services, headers: IncomingHttpHeaders, rawBody: string, rawQuery: string, base: string): Reply {
  const {store, tokenLifetimeSec: lifetimeSec} = services
  const form = new URLSearchParams(rawBody)
  const client = clientCredentials(headers, form)
  const grantType = form.get('grant_type') ?? ''
  if (grantType === 'password') {
    if (client.id !== 'cf' && !store.clients.has(client.id)) return uaaError(401, 'unauthorized', 'Bad credentials')
    const user = form.has('passcode') ? passcodeUser(services, form.get('passcode') ?? '') : passwordUser(store, form, rawQuery)
    if ('status' in user) return user
    return tokenResponse(store, {user, client: client.id, adminClient: false, grantType}, lifetimeSec, base)
  }
  if (grantType === 'refresh_token') {
    const refresh = store.refreshTokens.get(form.get('refresh_token') ?? '')
    const user = refresh?.username ? store.users.get(refresh.username) : undefined
    if (!refresh || !user) return uaaError(401, 'invalid_token', 'Invalid refresh token (expired or unknown)')
    return tokenResponse(store, {user, client: refresh.clientId, adminClient: false, grantType}, lifetimeSec, base)
  }
  if (grantType === 'client_credentials') {
    const known: ClientRecord | undefined = store.clients.get(client.id)
    if (!known || known.secret !== client.secret) return uaaError(401, 'unauthorized', 'Bad credentials')
    return tokenResponse(store, {user: null, client: known.id, adminClient: known.admin, grantType}, lifetimeSec, base)
  }
  return uaaError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`)
}

function passcodeUser(services: Services, passcode: string): UserRecord | Reply {
  if (passcode === '') return uaaError(401, 'unauthorized', 'Passcode information is missing.')
  const username = services.passcodes.redeem(passcode)
  const user = username === undefined ? undefined : services.store.users.get(username)
  return user ?? uaaError(401, 'unauthorized', 'Invalid passcode')
}

function passwordUser(store: Store, form: URLSearchParams, rawQuery: string): UserRecord | Reply {
  const origin = loginHintOrigin(new URLSearchParams(rawQuery).get('login_hint'))
  if (origin !== undefined && origin !== 'uaa') {
    return uaaError(
      401,
      'unauthorized',
      'The origin provided in the login_hint does not match an active Identity Provider, that supports password grant.',
    )
  }
  const user = store.users.get(form.get('username') ?? '')
  if (!user || user.password !== form.get('password')) return uaaError(401, 'unauthorized', 'Bad credentials')
  return user
}

function loginHintOrigin(hint: string | null): string | undefined {
  if (hint === null) return undefined
  try {
    const parsed = JSON.parse(hint) as {origin?: unknown}
    return typeof parsed.origin === 'string' ? parsed.origin : ''
  } catch {
    return ''
  }
}

/** GET /uaa/passcode: what UAA's page shows a signed-in browser user, here for the sandbox's default user. */
export function passcodePage(services: Services): Reply {
  const code = services.passcodes.issue(services.passcodeUser)
  const html =
    '<!DOCTYPE html>\n<html><head><title>Temporary Authentication Code</title></head><body>\n' +
    `<h1>Temporary Authentication Code</h1>\n<p>Signed in as ${escapeHtml(services.passcodeUser)}.</p>\n` +
    `<h2 id="passcode">${code}</h2>\n<p>Valid once, for five minutes: <code>cgx login -a API --sso-passcode ${code}</code>` +
    '</p>\n</body></html>\n'
  // Sent as is (JsonText is any body already serialised).
  return {status: 200, body: new JsonText(html), headers: {'Content-Type': 'text/html;charset=UTF-8'}}
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[c] ?? c)

/** A user record with a stable guid derived from the username. */
export function makeUser(username: string, password: string, admin: boolean): UserRecord {
  return {guid: guidFrom('user', username), username, password, admin, org_manager: [], space_developer: []}
}
