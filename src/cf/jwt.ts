// Reading (never verifying) the claims of a UAA access token: the client only needs its expiry,
// who it belongs to and its scopes. The signature is the server's business.

export interface TokenClaims {
  exp?: number
  user_name?: string
  client_id?: string
  grant_type?: string
  [claim: string]: unknown
}

/** Strip the `bearer ` type prefix the cf CLI stores in config.json. */
export function stripTokenType(token: string): string {
  return token.replace(/^bearer\s+/i, '')
}

/** The JWT's payload, or undefined when the token is not a readable JWT. */
export function decodeTokenClaims(token: string): TokenClaims | undefined {
  const parts = stripTokenType(token).split('.')
  if (parts.length !== 3 || !parts[1]) return undefined
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown
    return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as TokenClaims) : undefined
  } catch {
    return undefined
  }
}

/**
 * True when the token should be refreshed before use: unreadable, without `exp`, or with less than
 * `marginSec` seconds left (the cf CLI uses one minute).
 */
export function isTokenExpiring(token: string, nowMs: number, marginSec = 60): boolean {
  const exp = decodeTokenClaims(token)?.exp
  if (typeof exp !== 'number') return true
  return exp - nowMs / 1000 < marginSec
}

/** The user (or, for client credentials, the client) a token was issued to, for "as USER" messages. */
export function tokenSubject(token: string): string | undefined {
  const claims = decodeTokenClaims(token)
  return claims?.user_name ?? claims?.client_id
}

/** The token's scopes (UAA writes `scope` as a list; a space-separated string is read too); [] when unreadable. */
export function tokenScopes(token: string): string[] {
  const scope = decodeTokenClaims(token)?.scope
  if (Array.isArray(scope)) return scope.filter((s): s is string => typeof s === 'string')
  return typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []
}
