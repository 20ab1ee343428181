// What a policy must pass before it is written to the proxy, and the warnings its rules deserve.
import {MIN_SECRET_LENGTH, parsePolicy, policyToJson, type Policy, type RouteRule} from '../../domain/allowlist/index.js'
import {foundationFor} from '../../domain/egress/ranges.js'
import {addressSetOfCidrs, setsOverlap} from '../../domain/net/address-set.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {describeOpenings, wideOpenings} from '../../domain/net/openness.js'
import {InvalidInputError} from '../errors.js'

/** A policy the proxy would refuse to start with is never written (it would take every protected route down). */
export function checkPolicy(policy: Policy): void {
  const {diagnostics} = parsePolicy(policyToJson(policy), {allowWholeSpace: true})
  const errors = diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0) {
    throw new InvalidInputError('POLICY_INVALID', `The allowlist would be invalid: ${errors.map((d) => d.summary).join('; ')}.`)
  }
}

/** Rules as open as /0, the platform's own egress (any app on it could get in), no second factor. */
export function ruleWarnings(rule: RouteRule, url: string, api: string): string[] {
  const warnings: string[] = []
  const openings = wideOpenings(rule.allow)
  if (openings.length > 0) warnings.push(`${url} is as open as /0: ${describeOpenings(openings)}.`)
  const foundation = foundationFor(api)
  const egress =
    foundation === undefined
      ? []
      : rule.allow.filter((cidr) => setsOverlap(addressSetOfCidrs([cidr]), addressSetOfCidrs(foundation.ranges)))
  if (foundation !== undefined && egress.length > 0) {
    warnings.push(
      `${url} allows ${egress.map(formatCidr).join(', ')}, which holds ${foundation.name}'s egress: any app on the platform could reach the route.`,
    )
  }
  if (rule.headerSecret !== undefined && rule.headerSecret.value.length < MIN_SECRET_LENGTH) {
    warnings.push(
      `${url} requires a header secret of ${rule.headerSecret.value.length} characters, shorter than ${MIN_SECRET_LENGTH}: it can be guessed; set a longer one.`,
    )
  }
  if (rule.headerSecret === undefined) {
    warnings.push(
      `${url} is protected by client address alone, which proves where a request comes from, not who sent it: ` +
        'add a second factor (--header-secret-from-env VAR, or authentication in the app).',
    )
  }
  return warnings
}
