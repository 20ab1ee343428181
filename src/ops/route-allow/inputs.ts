// What route-allow reads from the user, checked before any request.
import {findRule, MIN_SECRET_LENGTH, type HeaderSecret, type Policy} from '../../domain/allowlist/index.js'
import type {RouteSpec} from '../../domain/allowlist/index.js'
import {CidrParseError, parseCidr, type Cidr} from '../../domain/net/cidr.js'
import {describeOpenings, OPENNESS_LIMIT, wideOpenings} from '../../domain/net/openness.js'
import {InvalidInputError} from '../errors.js'

export const DEFAULT_SECRET_HEADER = 'X-Allowlist-Secret'

/** `--allow` values, each a CIDR or a comma-separated list of them; a set as open as /0 only with --force. */
export function parseAllowList(texts: readonly string[], force: boolean): Cidr[] {
  const items = texts
    .flatMap((text) => text.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '')
  if (items.length === 0)
    throw new InvalidInputError('ALLOW_MISSING', 'No CIDR given.', ['Pass --allow CIDR, e.g. --allow 203.0.113.0/24.'])
  const cidrs = items.map((item) => {
    try {
      return parseCidr(item)
    } catch (error) {
      if (!(error instanceof CidrParseError)) throw error
      throw new InvalidInputError(
        'CIDR_INVALID',
        `${error.message}.`,
        error.suggestion === undefined
          ? ['Write an address or a CIDR: 203.0.113.7, 203.0.113.0/24, 2001:db8::/32.']
          : [`Did you mean ${error.suggestion}?`],
      )
    }
  })
  refuseWide(cidrs, force)
  return cidrs
}

/**
 * An allow set whose union is as open as /0 (1/16 of IPv4 or of IPv6 global unicast, see domain/net/openness.ts)
 * is refused unless forced: 0.0.0.0/1 plus 128.0.0.0/1 is no more an allowlist than 0.0.0.0/0.
 */
export function refuseWide(cidrs: readonly Cidr[], force: boolean, what = 'The allow list'): void {
  const openings = wideOpenings(cidrs)
  if (openings.length === 0 || force) return
  throw new InvalidInputError(
    'CIDR_WHOLE_SPACE',
    `${what} is as open as /0: ${describeOpenings(openings)}, which is no allowlist at all.`,
    [
      `Allow only the ranges your clients use: ${OPENNESS_LIMIT}.`,
      "Pass --force if that is really meant (the route then only keeps the route service's other checks).",
    ],
  )
}

/**
 * The secret a request must carry in `header`, read from the environment variable `variable` (never from a flag).
 * One shorter than the proxy's floor is refused unless forced: a guessable second factor only looks like one.
 */
export function readHeaderSecret(
  variable: string,
  header: string,
  env: Readonly<Record<string, string | undefined>>,
  force = false,
): HeaderSecret {
  const value = env[variable]
  const strong = `e.g. \`export ${variable}=$(openssl rand -hex 32)\`, and give the same value to the clients`
  if (value === undefined || value === '') {
    throw new InvalidInputError(
      'SECRET_ENV_MISSING',
      `The environment variable ${variable} is not set, so there is no secret to require.`,
      [`Set it first, ${strong}.`],
    )
  }
  if (value.length < MIN_SECRET_LENGTH && !force) {
    throw new InvalidInputError(
      'SECRET_WEAK',
      `The secret in ${variable} has ${value.length} characters; cgx wants at least ${MIN_SECRET_LENGTH}, or it can be guessed.`,
      [`Make a strong one, ${strong}.`, 'Pass --force to use it anyway.'],
    )
  }
  return {header: header.toLowerCase(), value}
}

export function withHeaderSecret(policy: Policy, spec: RouteSpec, secret: HeaderSecret): Policy {
  const rule = findRule(policy, spec)
  if (rule === undefined) return policy
  return {...policy, routes: policy.routes.map((r) => (r === rule ? {...r, headerSecret: secret} : r))}
}
