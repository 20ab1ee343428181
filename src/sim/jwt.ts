// HS256 JWTs signed with the simulator's own secret: real enough for clients to decode `exp`, checkable here.
import {createHmac, timingSafeEqual} from 'node:crypto'

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')

function signature(secret: string, input: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url')
}

export function signJwt(claims: Record<string, unknown>, secret: string): string {
  const input = `${encode({alg: 'HS256', kid: 'sim-key', typ: 'JWT'})}.${encode(claims)}`
  return `${input}.${signature(secret, input)}`
}

/** The claims of a token this simulator signed, or undefined when the signature does not check out. */
export function verifyJwt(token: string, secret: string): Record<string, unknown> | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const expected = Buffer.from(signature(secret, `${parts[0]}.${parts[1]}`))
  const given = Buffer.from(parts[2])
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
