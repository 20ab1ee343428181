// The allowlist policy: what `deploy` writes into CGX_ALLOWLIST and the route service enforces.
//   {"hops": ["CIDR[,CIDR...]", ...] | "<preset>",
//    "routes": [{"route": "host[:port]/path-prefix", "allow": ["CIDR", ...],
//                "headerSecret": {"header": "X-Name", "value": "..."}}]}
// Parsing reports every problem at once; any error means the service must not start (fail closed).

import {CidrParseError, formatCidr, parseCidr, type Cidr} from '../net/cidr.js'
import {describeOpenings, OPENNESS_LIMIT, wideOpenings} from '../net/openness.js'
import {HOP_PRESETS} from './presets.js'
import {parseRouteSpec, routeKey, type RouteSpec} from './route-spec.js'

export interface HeaderSecret {
  /** Lower-case header name. */
  readonly header: string
  readonly value: string
}

export interface RouteRule extends RouteSpec {
  readonly allow: readonly Cidr[]
  readonly headerSecret?: HeaderSecret
}

export interface Policy {
  /** The platform's hops, socket peer first: the addresses allowed at each position. */
  readonly hops: ReadonlyArray<readonly Cidr[]>
  /** The preset the hops came from, when the policy named one. */
  readonly hopProfile?: string
  readonly routes: readonly RouteRule[]
}

export interface Diagnostic {
  readonly severity: 'error' | 'warning'
  readonly code: string
  readonly summary: string
  /** Where in the policy, e.g. "routes[2].allow[0]". */
  readonly path: string
}

export interface PolicyParseOptions {
  /**
   * Accept an allow list as open as /0 (0.0.0.0/0, ::/0, or CIDRs whose union covers 1/16 of IPv4 or of IPv6 2000::/3;
   * see net/openness.ts) with a warning; refused otherwise.
   */
  readonly allowWholeSpace?: boolean
}

export interface PolicyParseResult {
  /** Present only when there is no error diagnostic. */
  readonly policy?: Policy
  readonly diagnostics: readonly Diagnostic[]
}

const TOP_KEYS = new Set(['hops', 'routes'])
const ROUTE_KEYS = new Set(['route', 'allow', 'headerSecret'])
const SECRET_KEYS = new Set(['header', 'value'])
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
/** Headers the service reads or the router needs: a secret header must not shadow them. */
const RESERVED_HEADER = /^(x-cf-|x-forwarded-|x-vcap-|host$|connection$|content-|transfer-encoding$|cookie$|authorization$)/
/** Below this a header secret can be guessed or brute-forced through the proxy; the proxy warns (SECRET_WEAK). */
export const MIN_SECRET_LENGTH = 16
/** Visible ASCII, spaces only inside: what a header value carries unchanged (HTTP drops spaces around it). */
const PRINTABLE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/

class Collector {
  readonly diagnostics: Diagnostic[] = []
  error(path: string, code: string, summary: string): void {
    this.diagnostics.push({severity: 'error', code, summary, path})
  }
  warn(path: string, code: string, summary: string): void {
    this.diagnostics.push({severity: 'warning', code, summary, path})
  }
}

/** Parse policy JSON text (or an already parsed value); see the file comment for the shape. */
export function parsePolicy(input: unknown, options: PolicyParseOptions = {}): PolicyParseResult {
  const out = new Collector()
  let value = input
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input)
    } catch (error) {
      // V8 quotes the input around the fault; the policy may hold secrets, so only the position is kept.
      const position = /position (\d+)/.exec((error as Error).message)?.[1]
      out.error('', 'POLICY_JSON_INVALID', `the policy is not valid JSON${position === undefined ? '' : ` (at character ${position})`}`)
      return {diagnostics: out.diagnostics}
    }
  }
  if (!isRecord(value)) {
    out.error('', 'POLICY_SHAPE', 'the policy must be a JSON object with "hops" and "routes"')
    return {diagnostics: out.diagnostics}
  }
  checkKeys(value, TOP_KEYS, '', out)
  const hops = parseHops(value.hops, out)
  const routes = parseRoutes(value.routes, options, out)
  const failed = out.diagnostics.some((d) => d.severity === 'error')
  if (failed || hops === undefined || routes === undefined) return {diagnostics: out.diagnostics}
  const policy: Policy = typeof value.hops === 'string' ? {hops, hopProfile: value.hops, routes} : {hops, routes}
  return {policy, diagnostics: out.diagnostics}
}

function parseHops(value: unknown, out: Collector): Cidr[][] | undefined {
  if (value === undefined) {
    out.error('hops', 'HOPS_MISSING', `"hops" is required: a preset name (${Object.keys(HOP_PRESETS).join(', ')}) or a list of hop CIDRs`)
    return undefined
  }
  if (typeof value === 'string') {
    if (!Object.hasOwn(HOP_PRESETS, value)) {
      out.error('hops', 'HOP_PRESET_UNKNOWN', `unknown hop preset "${value}"; known: ${Object.keys(HOP_PRESETS).join(', ')}`)
      return undefined
    }
    return parseHopList(HOP_PRESETS[value].hops, out)
  }
  if (!Array.isArray(value) || !value.every((hop) => typeof hop === 'string')) {
    out.error('hops', 'HOPS_INVALID', '"hops" must be a preset name or an array of strings, each "CIDR[,CIDR...]"')
    return undefined
  }
  return parseHopList(value, out)
}

function parseHopList(hops: readonly string[], out: Collector): Cidr[][] {
  return hops.map((hop, index) => {
    const path = `hops[${index}]`
    if (hop.trim() !== '')
      return parseCidrList(
        hop.split(',').map((part) => part.trim()),
        path,
        out,
      )
    out.error(path, 'HOPS_INVALID', `${path} is empty: list the addresses allowed at this hop`)
    return []
  })
}

function parseRoutes(value: unknown, options: PolicyParseOptions, out: Collector): RouteRule[] | undefined {
  if (!Array.isArray(value)) {
    out.error('routes', 'ROUTES_INVALID', '"routes" must be an array of {"route", "allow"} entries')
    return undefined
  }
  if (value.length === 0) out.warn('routes', 'ROUTES_EMPTY', 'no routes: every request will be denied')
  const seen = new Map<string, number>()
  const rules: RouteRule[] = []
  value.forEach((entry, index) => {
    const rule = parseRoute(entry, `routes[${index}]`, options, out)
    if (rule === undefined) return
    const key = routeKey(rule)
    const first = seen.get(key)
    if (first === undefined) seen.set(key, index)
    else out.error(`routes[${index}]`, 'ROUTE_DUPLICATE', `route "${key}" is listed twice (also routes[${first}]); merge the allow lists`)
    rules.push(rule)
  })
  return rules
}

function parseRoute(entry: unknown, path: string, options: PolicyParseOptions, out: Collector): RouteRule | undefined {
  if (!isRecord(entry)) {
    out.error(path, 'ROUTE_INVALID', `${path} must be an object with "route" and "allow"`)
    return undefined
  }
  checkKeys(entry, ROUTE_KEYS, path, out)
  const spec = typeof entry.route === 'string' ? parseRouteSpec(entry.route) : {error: `${path}.route must be a string "host[/path]"`}
  if ('error' in spec) out.error(`${path}.route`, 'ROUTE_INVALID', spec.error)
  const allow = parseAllow(entry.allow, `${path}.allow`, options, out)
  const headerSecret = entry.headerSecret === undefined ? undefined : parseSecret(entry.headerSecret, `${path}.headerSecret`, out)
  if ('error' in spec || allow === undefined) return undefined
  return headerSecret === undefined ? {...spec.spec, allow} : {...spec.spec, allow, headerSecret}
}

function parseAllow(value: unknown, path: string, options: PolicyParseOptions, out: Collector): Cidr[] | undefined {
  if (!Array.isArray(value) || !value.every((cidr) => typeof cidr === 'string')) {
    out.error(path, 'ALLOW_INVALID', `${path} must be an array of CIDR strings`)
    return undefined
  }
  if (value.length === 0) out.warn(path, 'ALLOW_EMPTY', `${path} is empty: every request to this route will be denied`)
  const cidrs = parseCidrList(value, path, out)
  const openings = wideOpenings(cidrs)
  if (openings.length > 0) {
    const summary = `${path} is as open as /0: ${describeOpenings(openings)}`
    if (options.allowWholeSpace) out.warn(path, 'CIDR_WHOLE_SPACE', summary)
    else out.error(path, 'CIDR_WHOLE_SPACE', `${summary}; refused unless explicitly forced (${OPENNESS_LIMIT})`)
  }
  return cidrs
}

function parseCidrList(texts: readonly string[], path: string, out: Collector): Cidr[] {
  const cidrs: Cidr[] = []
  const seen = new Set<string>()
  texts.forEach((text, index) => {
    try {
      const cidr = parseCidr(text)
      const key = formatCidr(cidr)
      if (seen.has(key)) out.warn(`${path}[${index}]`, 'CIDR_DUPLICATE', `${key} is listed twice`)
      seen.add(key)
      cidrs.push(cidr)
    } catch (error) {
      if (!(error instanceof CidrParseError)) throw error
      out.error(`${path}[${index}]`, error.code, error.message)
    }
  })
  return cidrs
}

function parseSecret(value: unknown, path: string, out: Collector): HeaderSecret | undefined {
  if (!isRecord(value) || typeof value.header !== 'string' || typeof value.value !== 'string') {
    out.error(path, 'SECRET_INVALID', `${path} must be {"header": "X-Name", "value": "secret"}`)
    return undefined
  }
  checkKeys(value, SECRET_KEYS, path, out)
  const header = value.header.toLowerCase()
  if (!TOKEN.test(header) || RESERVED_HEADER.test(header)) {
    out.error(
      `${path}.header`,
      'SECRET_INVALID',
      `"${value.header}" cannot carry a secret: choose a header name of your own, e.g. X-Allowlist-Secret`,
    )
    return undefined
  }
  // The value is never echoed in a diagnostic: diagnostics end up in logs.
  if (!PRINTABLE.test(value.value)) {
    out.error(`${path}.value`, 'SECRET_INVALID', `${path}.value must be a non-empty printable string, without spaces at either end`)
    return undefined
  }
  if (value.value.length < MIN_SECRET_LENGTH)
    out.warn(`${path}.value`, 'SECRET_WEAK', `${path}.value is shorter than ${MIN_SECRET_LENGTH} characters`)
  return {header, value: value.value}
}

function checkKeys(record: Record<string, unknown>, allowed: ReadonlySet<string>, path: string, out: Collector): void {
  for (const key of Object.keys(record)) {
    if (!allowed.has(key)) {
      const where = path === '' ? key : `${path}.${key}`
      out.error(where, 'POLICY_KEY_UNKNOWN', `unknown key "${where}"; expected one of: ${[...allowed].join(', ')}`)
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
