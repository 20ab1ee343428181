// Who the caller is and what they may see. Reads are kept deliberately simple (not CC's full visibility rules):
// - admins (cloud_controller.admin scope) may do everything;
// - a user's roles come from the seed: `org_manager: [org]`, `space_developer: [org/space]`;
//   any role in an org lets the user read that org, its spaces and everything in them;
// - isolation segments are visible when entitled to a visible org; security groups when global or bound to a
//   visible space; shared domains always.
// Writes follow CC's permitted roles per endpoint (write-access.ts): a Space Developer writes in their space, an
// Org Manager at org level; any other write to something the caller can see is 403 CF-NotAuthorized.
import {invalidAuthToken, notAuthenticated, notAuthorized} from './errors.js'
import type {Ctx, Principal} from './http.js'
import {verifyJwt} from './jwt.js'
import type {Store} from './store.js'

/**
 * Tokens already verified, per store: a client sends the same token with every request, and checking its HMAC each
 * time was a tenth of the simulator's CPU on the large benchmarks. Expiry is still checked on every request.
 */
const verified = new WeakMap<Store, Map<string, Record<string, unknown> | undefined>>()
const VERIFIED_TOKENS = 64

function claimsOf(store: Store, token: string): Record<string, unknown> | undefined {
  let cache = verified.get(store)
  if (cache === undefined) verified.set(store, (cache = new Map()))
  const key = `${store.jwtSecret} ${token}`
  if (cache.has(key)) return cache.get(key)
  if (cache.size >= VERIFIED_TOKENS) cache.clear()
  const claims = verifyJwt(token, store.jwtSecret)
  cache.set(key, claims)
  return claims
}

/** The principal for an `Authorization: bearer <jwt>` header; 401 when absent, unverifiable or expired. */
export function authenticate(store: Store, authorization: string | undefined): Principal {
  if (!authorization) throw notAuthenticated()
  const match = /^bearer\s+(.+)$/i.exec(authorization.trim())
  const claims = match ? claimsOf(store, match[1]) : undefined
  if (!claims || typeof claims.exp !== 'number' || Date.now() / 1000 >= claims.exp) throw invalidAuthToken()
  const scopes = Array.isArray(claims.scope) ? (claims.scope as string[]) : []
  const userName = typeof claims.user_name === 'string' ? claims.user_name : null
  const user = userName ? store.users.get(userName) : undefined
  const managerOf = new Set(user?.org_manager ?? [])
  const developerOf = new Set(user?.space_developer ?? [])
  const orgs = new Set(managerOf)
  for (const spaceGuid of developerOf) {
    const space = store.tables.spaces.get(spaceGuid)
    if (space) orgs.add(space.organization_guid)
  }
  return {
    admin: scopes.includes('cloud_controller.admin'),
    userName,
    userGuid: user?.guid ?? null,
    clientId: String(claims.client_id ?? ''),
    orgs,
    managerOf,
    developerOf,
  }
}

export function requireAdmin(ctx: Ctx): void {
  if (!ctx.principal.admin) throw notAuthorized()
}

export const canReadOrg = (ctx: Ctx, orgGuid: string): boolean => ctx.principal.admin || ctx.principal.orgs.has(orgGuid)

export function canReadSpace(ctx: Ctx, spaceGuid: string): boolean {
  if (ctx.principal.admin) return true
  const space = ctx.store.tables.spaces.get(spaceGuid)
  return space !== undefined && ctx.principal.orgs.has(space.organization_guid)
}
