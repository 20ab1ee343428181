// The verdict for one request to the route service. Order: protocol hygiene first (a request
// without gorouter's headers is direct access, whatever its address), then the route, the client
// position and the allow list, then the optional header secret. Anything unexpected denies.

import type {IpAddress} from '../net/ip.js'
import {createAddressMatcher, type AddressMatcher} from './address-matcher.js'
import {createIpParser, locateClient, type IpParser} from './client-address.js'
import {parseForwardedUrl, type ForwardedTarget} from './forwarded-url.js'
import type {Policy, RouteRule} from './policy.js'
import {indexRoutes, matchRoute, type RouteIndex} from './route-match.js'
import {formatRouteSpec} from './route-spec.js'

/** What the decision needs from a request, gathered by whoever owns the socket. */
export interface RequestFacts {
  /** The socket's remote address. */
  readonly peer: string | undefined
  /** X-Forwarded-For lines in wire order. */
  readonly forwardedFor: readonly string[]
  /** Every X-CF-Forwarded-Url line. */
  readonly forwardedUrls: readonly string[]
  readonly hasSignature: boolean
  readonly hasMetadata: boolean
  /** The value of a request header by lower-case name (several lines joined with ", "). */
  readonly header: (name: string) => string | undefined
}

export type DenyReason =
  | 'forwarded-url-missing'
  | 'forwarded-url-duplicate'
  | 'forwarded-url-malformed'
  | 'signature-missing'
  | 'route-not-in-policy'
  | 'chain-short'
  | 'hop-mismatch'
  | 'client-invalid'
  | 'address-not-allowed'
  | 'secret-mismatch'

export type Verdict =
  | {
      readonly allowed: true
      readonly reason: 'allowed'
      readonly client: string
      readonly route: string
      readonly rule: RouteRule
      readonly target: ForwardedTarget
    }
  | {
      readonly allowed: false
      readonly reason: DenyReason
      /** Client address (or the text found at the client position) when known. */
      readonly client?: string
      /** The matched route, or the forwarded host when no route matched. */
      readonly route?: string
      /** For hop-mismatch: the chain position that failed (0 = socket peer). */
      readonly position?: number
    }

interface CompiledRule extends RouteRule {
  readonly allowed: AddressMatcher
  readonly name: string
}

/** A policy prepared for per-request decisions: address sets and the route index built once. */
export interface CompiledPolicy {
  readonly policy: Policy
  readonly hops: readonly AddressMatcher[]
  readonly routes: RouteIndex<CompiledRule>
  /** Lower-case names of every header secret, stripped before forwarding. */
  readonly secretHeaders: ReadonlySet<string>
  readonly parseIp: IpParser
}

export function compilePolicy(policy: Policy): CompiledPolicy {
  const rules = policy.routes.map((rule) => ({...rule, allowed: createAddressMatcher(rule.allow), name: formatRouteSpec(rule)}))
  return {
    policy,
    hops: policy.hops.map(createAddressMatcher),
    routes: indexRoutes(rules),
    secretHeaders: new Set(rules.flatMap((rule) => (rule.headerSecret === undefined ? [] : [rule.headerSecret.header]))),
    parseIp: createIpParser(),
  }
}

export function decide(facts: RequestFacts, compiled: CompiledPolicy): Verdict {
  if (facts.forwardedUrls.length === 0) return {allowed: false, reason: 'forwarded-url-missing'}
  if (facts.forwardedUrls.length > 1) return {allowed: false, reason: 'forwarded-url-duplicate'}
  if (!facts.hasSignature || !facts.hasMetadata) return {allowed: false, reason: 'signature-missing'}
  const target = parseForwardedUrl(facts.forwardedUrls[0])
  if (target === undefined) return {allowed: false, reason: 'forwarded-url-malformed'}
  const rule = matchRoute(compiled.routes, target)
  if (rule === undefined) return {allowed: false, reason: 'route-not-in-policy', route: target.host}
  const route = rule.name
  const location = locateClient(facts.peer, facts.forwardedFor, compiled.hops, compiled.parseIp)
  if (!location.ok) {
    const position = location.reason === 'hop-mismatch' ? {position: location.position} : {}
    return {allowed: false, reason: location.reason, route, ...clientField(location.text), ...position}
  }
  // The entry as written: it parsed strictly, and formatting it again would cost every request.
  const client = location.text
  if (!rule.allowed.has(location.client)) return {allowed: false, reason: 'address-not-allowed', route, client}
  if (rule.headerSecret !== undefined && !sameSecret(facts.header(rule.headerSecret.header), rule.headerSecret.value)) {
    return {allowed: false, reason: 'secret-mismatch', route, client}
  }
  return {allowed: true, reason: 'allowed', client, route, rule, target}
}

/** Whether an address is allowed on a route of the policy, for `route-allow check` (no request needed). */
export function isAddressAllowed(compiled: CompiledPolicy, target: ForwardedTarget, ip: IpAddress): boolean {
  return matchRoute(compiled.routes, target)?.allowed.has(ip) ?? false
}

function clientField(text: string | undefined): {client?: string} {
  return text === undefined ? {} : {client: text}
}

/** Compares in time independent of where the strings differ, so the secret cannot be guessed byte by byte. */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false
  let difference = given.length ^ expected.length
  for (let i = 0; i < expected.length; i++) difference |= (given.charCodeAt(i) | 0) ^ expected.charCodeAt(i)
  return difference === 0
}
