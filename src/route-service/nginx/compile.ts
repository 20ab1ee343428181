// The policy compiled for nginx: the same decision as domain/allowlist/decision.ts, as map and geo blocks that nginx
// evaluates per request (lazily: only what the verdict reads). The output goes into the http block of nginx.conf
// (template.ts) through CGX_NGINX_POLICY, so a policy change stays an environment change.
//
//   client:  the entry K positions from the right of X-Forwarded-For (K = number of hops; the socket peer is
//            position 0), cut out by an anchored regex and checked by a strict address regex before `geo` sees it
//            (geo reads anything else as 255.255.255.255: the strict check keeps that from ever matching).
//   route:   an anchored case-insensitive regex per rule over X-CF-Forwarded-Url, in gorouter's lookup order
//            (route-match.ts), each holding parseForwardedUrl's whole grammar, so one match is both checks (the grammar
//            alone is read only when no rule matched, to name the deny). Unknown: 403, never proxied.
//   verdict: one string of 0/1 facts in decide()'s order; the first 0 names the deny reason.

import {unmapCidr} from '../../domain/allowlist/address-matcher.js'
import type {Policy, RouteRule} from '../../domain/allowlist/index.js'
import {formatRouteSpec, pathSegments} from '../../domain/allowlist/index.js'
import {formatCidr, type Cidr} from '../../domain/net/cidr.js'
import {POLICY_VAR} from '../contract.js'
import type {UpstreamTimeouts} from '../upstream.js'
import {FORWARDED_URL, HOST, literal, PATH, QUERY, quoted, STRICT_IP} from './patterns.js'
import {unsupportedUpstreamTimeouts, upstreamTimeoutDirectives} from './upstream-timeouts.js'

export interface NginxCompileOptions {
  /** A client header passed on as X-CF-APP-INSTANCE (CGX_INSTANCE_HEADER). */
  readonly instanceHeader?: string
  /**
   * Whether nginx re-resolves a host name in an upstream block (`server NAME resolve`, nginx 1.27.3 and later, as the
   * buildpack ships). Without it only routes to address literals get a keep-alive pool: a name resolved once at start
   * would keep sending to an address the platform has since moved away from.
   */
  readonly upstreamResolve?: boolean
  /** The Node engine's upstream timeouts (upstream.ts); default theirs. */
  readonly upstreamTimeouts?: UpstreamTimeouts
}

/**
 * Idle keep-alive connections kept per upstream pool. Below the number of requests in flight, nginx closes the
 * connections above it as requests finish and opens new ones for the next: at 32 under 50 concurrent requests that
 * churn cost a third of its CPU per request (bench/results.md).
 */
const UPSTREAM_KEEPALIVE = 128

export class NginxCompileError extends Error {
  readonly code = 'NGINX_POLICY_UNSUPPORTED'
}

/** The deny reasons in decide()'s order, each tied to the fact that must hold to get past it. */
const LADDER = [
  ['target', 'bad-request-target'],
  ['urlSent', 'forwarded-url-missing'],
  ['signature', 'signature-missing'],
  ['metadata', 'signature-missing'],
  ['urlValid', 'forwarded-url-malformed'],
  ['routeKnown', 'route-not-in-policy'],
  ['chainLong', 'chain-short'],
  ['hopsMatch', 'hop-mismatch'],
  ['clientValid', 'client-invalid'],
  ['clientAllowed', 'address-not-allowed'],
  ['secretMatch', 'secret-mismatch'],
] as const

type Fact = (typeof LADDER)[number][0]

/** nginx reads only headers made of letters, digits and "-" (ignore_invalid_headers). */
const NGINX_HEADER = /^[a-z0-9-]+$/

export function compileNginxPolicy(policy: Policy, options: NginxCompileOptions = {}): string {
  const timeouts = options.upstreamTimeouts ?? {}
  const unsupported = unsupportedUpstreamTimeouts(timeouts)
  if (unsupported !== undefined) throw new NginxCompileError(unsupported)
  const hops = policy.hops.length
  const client = hops === 0 ? '$remote_addr' : `$cgx_xff_${hops}`
  const facts: Record<Fact, string> = {
    target: '$cgx_target_ok',
    urlSent: '$cgx_url_sent',
    signature: '$cgx_signature',
    metadata: '$cgx_metadata',
    urlValid: '$cgx_url_ok',
    routeKnown: '$cgx_route_known',
    chainLong: hops === 0 ? '1' : '$cgx_chain_long',
    // One hop: its geo answer is the fact itself, without a map over it.
    hopsMatch: hops === 0 ? '1' : hops === 1 ? '$cgx_hop_0' : '$cgx_hops_match',
    clientValid: hops === 0 ? '1' : `$cgx_xff_${hops}_ip`,
    clientAllowed: '$cgx_client_allowed',
    secretMatch: policy.routes.some((rule) => rule.headerSecret !== undefined) ? '$cgx_secret_match' : '1',
  }
  const sections = [
    `# cgx allowlist policy for nginx: ${policy.routes.length} route(s), ${hops} hop(s)${policy.hopProfile === undefined ? '' : ` (${policy.hopProfile})`}. Generated from ${POLICY_VAR}.`,
    requestFacts(upstreamPools(policy.routes, options.upstreamResolve ?? false)),
    forwardedForPositions(hops),
    hopChecks(policy.hops),
    routeChoice(policy.routes, client),
    verdict(facts),
    logFields(client),
    upstreamHeaders(policy.routes, options.instanceHeader),
    upstreamTimeoutDirectives(timeouts),
  ]
  const text = `${sections.join('\n')}\n`
  if (/\{\{|\}\}|</.test(text)) throw new NginxCompileError("the compiled policy would not survive the buildpack's templating")
  return text
}

function map(source: string, target: string, entries: ReadonlyArray<readonly [string, string]>): string {
  return [`map ${quoted(source)} ${target} {`, ...entries.map(([key, value]) => `  ${key} ${value};`), '}'].join('\n')
}

function geo(source: string, target: string, cidrs: readonly Cidr[]): string {
  // More specific blocks win in geo, whatever their order; every listed block means "in the set".
  const blocks = [...new Set(cidrs.map((cidr) => formatCidr(unmapCidr(cidr))))]
  return [`geo ${source} ${target} {`, '  default 0;', ...blocks.map((block) => `  ${block} 1;`), '}'].join('\n')
}

interface Pool {
  readonly name: string
  readonly scheme: 'http' | 'https'
  readonly host: string
  readonly port: number
}

/**
 * A keep-alive pool per origin an exact route can reach (a route without a port: http on 80 and https on 443); the
 * rest (wildcards, names nginx cannot re-resolve) is proxied by URL, one connection per request.
 */
function upstreamPools(routes: readonly RouteRule[], resolve: boolean): Pool[] {
  const pools = new Map<string, Pool>()
  for (const rule of routes) {
    if (rule.host.startsWith('*.') || (!resolve && !/^[0-9.]+$/.test(rule.host))) continue
    const origins =
      rule.port === undefined
        ? ([
            ['http', 80],
            ['https', 443],
          ] as const)
        : ([
            ['http', rule.port],
            ['https', rule.port],
          ] as const)
    for (const [scheme, port] of origins) {
      const key = `${scheme}://${rule.host}:${port}`
      if (!pools.has(key)) pools.set(key, {name: `cgx_pool_${pools.size}`, scheme, host: rule.host, port})
    }
  }
  return [...pools.values()]
}

function poolBlocks(pools: readonly Pool[]): string {
  return pools
    .map((pool) => {
      const literal = /^[0-9.]+$/.test(pool.host)
      const server = literal ? `server ${pool.host}:${pool.port};` : `zone ${pool.name} 64k;\n  server ${pool.host}:${pool.port} resolve;`
      return `upstream ${pool.name} {\n  ${server}\n  keepalive ${UPSTREAM_KEEPALIVE};\n}`
    })
    .join('\n')
}

/** The forwarded URL's origin replaced by its pool, path and query kept as written. */
function poolEntries(pools: readonly Pool[]): Array<readonly [string, string]> {
  return pools.flatMap((pool) => {
    const defaultPort = pool.scheme === 'http' ? 80 : 443
    const origin = `^${pool.scheme}://${literal(pool.host)}${pool.port === defaultPort ? `(?::${pool.port})?` : `:${pool.port}`}`
    return [
      [quoted(`~*${origin}(/.*)$`), `${pool.scheme}://${pool.name}$1`],
      [quoted(`~*${origin}(\\?.*)?$`), `${pool.scheme}://${pool.name}/$1`],
    ] as const
  })
}

function requestFacts(pools: readonly Pool[]): string {
  return [
    // $request_uri drops the scheme and host of an absolute-form target; the request line keeps them.
    map('$request', '$cgx_target_ok', [
      [quoted('~^[^ ]+ /'), '1'],
      ['default', '0'],
    ]),
    map('$http_x_cf_forwarded_url', '$cgx_url_sent', [
      ['""', '0'],
      ['default', '1'],
    ]),
    map('$http_x_cf_proxy_signature', '$cgx_signature', [
      ['""', '0'],
      ['default', '1'],
    ]),
    map('$http_x_cf_proxy_metadata', '$cgx_metadata', [
      ['""', '0'],
      ['default', '1'],
    ]),
    // A route's pattern checks the whole URL's grammar too (routePattern), so the grammar is read on its own only
    // when no route matched: to tell a malformed URL from an unknown route.
    map('$cgx_route', '$cgx_url_ok', [
      ['""', '$cgx_url_grammar'],
      ['default', '1'],
    ]),
    map('$http_x_cf_forwarded_url', '$cgx_url_grammar', [
      [quoted(`~*${FORWARDED_URL}`), '1'],
      ['default', '0'],
    ]),
    // The health check: only straight to the service (no forwarded URL), exactly /_health; read only then.
    map('$cgx_url_sent', '$cgx_health', [
      ['0', '$cgx_health_path'],
      ['default', '0'],
    ]),
    map('$request_method $request_uri', '$cgx_health_path', [
      [quoted('~^(GET|HEAD) /_health$'), '1'],
      ['default', '0'],
    ]),
    // The upstream URL as written (no path: "/"), so the bytes gorouter signed are the bytes sent; an origin with a
    // keep-alive pool goes through it.
    poolBlocks(pools),
    map('$http_x_cf_forwarded_url', '$cgx_upstream', [
      ...poolEntries(pools),
      [quoted('~^([^:/?]+://[^/?]+)(/.*)$'), '$1$2'],
      [quoted('~^([^:/?]+://[^/?]+)(.*)$'), '$1/$2'],
      ['default', '""'],
    ]),
    // The name upstream TLS is checked against: the forwarded host without its port ($proxy_host keeps the port, or
    // names the pool). Host is the forwarded one, its port only when it is not the scheme's default.
    map('$http_x_cf_forwarded_url', '$cgx_upstream_host', [
      [quoted('~^[^:/?]+://([^/?:]+)'), '$1'],
      ['default', '""'],
    ]),
    map('$http_x_cf_forwarded_url', '$cgx_host', [
      [quoted('~*^http://([^/?:]+)(?::80)?(?:[/?]|$)'), '$1'],
      [quoted('~*^https://([^/?:]+)(?::443)?(?:[/?]|$)'), '$1'],
      [quoted('~^[^:/?]+://([^/?]+)'), '$1'],
      ['default', '""'],
    ]),
  ].join('\n')
}

/** $cgx_xff_N: the Nth entry from the right of X-Forwarded-For, spaces and tabs around it removed. */
function forwardedForPositions(hops: number): string {
  const blocks: string[] = []
  for (let n = 1; n <= hops; n++) {
    const pattern = `~^(?:.*,)?[ \\t]*([^,]*?)[ \\t]*(?:,[^,]*){${n - 1}}$`
    blocks.push(
      map('$http_x_forwarded_for', `$cgx_xff_${n}`, [
        [quoted(pattern), '$1'],
        ['default', '""'],
      ]),
    )
    blocks.push(
      map(`$cgx_xff_${n}`, `$cgx_xff_${n}_ip`, [
        [quoted(`~${STRICT_IP}`), '1'],
        ['default', '0'],
      ]),
    )
  }
  // No header is a chain of the socket peer alone; one entry is enough for one hop, more need their commas.
  const longEnough =
    hops > 1
      ? ([
          [quoted(`~^(?:[^,]*,){${hops - 1}}`), '1'],
          ['default', '0'],
        ] as const)
      : ([['default', '1']] as const)
  if (hops > 0) blocks.push(map('$http_x_forwarded_for', '$cgx_chain_long', [['""', '0'], ...longEnough]))
  return blocks.join('\n')
}

/** $cgx_hops_match: every platform hop is where the profile expects it (position 0 is the socket peer). */
function hopChecks(hops: Policy['hops']): string {
  if (hops.length === 0) return ''
  const blocks = hops.map((cidrs, position) => geo(position === 0 ? '$remote_addr' : `$cgx_xff_${position}`, `$cgx_hop_${position}`, cidrs))
  if (hops.length === 1) return blocks.join('\n')
  const each = hops.map((_, position) => (position === 0 ? '${cgx_hop_0}' : `\${cgx_xff_${position}_ip}\${cgx_hop_${position}}`)).join('')
  const all = '1'.repeat(hops.length * 2 - 1)
  blocks.push(
    map(each, '$cgx_hops_match', [
      [`"${all}"`, '1'],
      ['default', '0'],
    ]),
  )
  return blocks.join('\n')
}

function routeChoice(routes: readonly RouteRule[], client: string): string {
  const ordered = routes.map((rule, index) => ({rule, id: `r${index}`})).sort((a, b) => lookupOrder(a.rule, b.rule))
  const blocks = [
    map('$http_x_cf_forwarded_url', '$cgx_route', [
      ...ordered.map(({rule, id}) => [quoted(`~*${routePattern(rule)}`), id] as const),
      ['default', '""'],
    ]),
    map('$cgx_route', '$cgx_route_known', [
      ['""', '0'],
      ['default', '1'],
    ]),
    map('$cgx_route', '$cgx_route_name', [
      ...routes.map((rule, index) => [`r${index}`, quoted(logSafe(formatRouteSpec(rule)))] as const),
      ['default', '""'],
    ]),
    ...routes.map((rule, index) => geo(client, `$cgx_allow_r${index}`, rule.allow)),
    map('$cgx_route', '$cgx_client_allowed', [
      ...routes.map((_, index) => [`r${index}`, `$cgx_allow_r${index}`] as const),
      ['default', '0'],
    ]),
  ]
  const secrets: Array<readonly [string, string]> = []
  routes.forEach((rule, index) => {
    if (rule.headerSecret === undefined) return
    const variable = `$http_${headerVariable(rule.headerSecret.header)}`
    // Regex keys compare case-sensitively (plain map keys would not); every character is written as \xHH.
    blocks.push(
      map(variable, `$cgx_secret_r${index}`, [
        [quoted(`~^${literal(rule.headerSecret.value)}$`), '1'],
        ['default', '0'],
      ]),
    )
    secrets.push([`r${index}`, `$cgx_secret_r${index}`])
  })
  if (secrets.length > 0) blocks.push(map('$cgx_route', '$cgx_secret_match', [...secrets, ['default', '1']]))
  return blocks.join('\n')
}

/**
 * gorouter's order (route-match.ts): exact hosts before wildcards, deeper wildcards first, a rule naming the port before
 * one relying on the default, more path segments first. Regexes in a map are tried in the order written.
 */
function lookupOrder(a: RouteRule, b: RouteRule): number {
  const rank = (rule: RouteRule) => [
    rule.host.startsWith('*.') ? 1 : 0,
    -rule.host.split('.').length,
    rule.port === undefined ? 1 : 0,
    -pathSegments(rule.pathPrefix).length,
  ]
  const [ra, rb] = [rank(a), rank(b)]
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i]
  return 0
}

/**
 * The URLs a rule takes, within parseForwardedUrl's grammar (patterns.ts): a match is a valid URL and a route choice
 * in one regex. The port is the rule's own or the scheme's default, both valid PORTs by the route spec's grammar.
 */
function routePattern(rule: RouteRule): string {
  const host = rule.host.startsWith('*.') ? `${HOST}${literal(rule.host.slice(1))}` : literal(rule.host)
  const origin = (scheme: 'http' | 'https', port: number) => `${scheme}://${host}:${port}`
  const defaults = (scheme: 'http' | 'https', port: number) => `${scheme}://${host}(?::${port})?`
  const origins =
    rule.port === undefined
      ? [defaults('http', 80), defaults('https', 443)]
      : rule.port === 80
        ? [defaults('http', 80), origin('https', 80)]
        : rule.port === 443
          ? [origin('http', 443), defaults('https', 443)]
          : [`https?://${host}:${rule.port}`]
  const path = rule.pathPrefix === '' ? PATH : `${literal(rule.pathPrefix)}${PATH}`
  return `^(?:${origins.join('|')})${path}${QUERY}$`
}

function verdict(facts: Record<Fact, string>): string {
  const key = LADDER.map(([fact]) => braced(facts[fact])).join('')
  const entries = LADDER.map(([, reason], index) => [quoted(`~^${'1'.repeat(index)}0`), reason] as const)
  // Exact keys are looked up before any regex: an allowed request costs one hash lookup here.
  const allowed = [`"${'1'.repeat(LADDER.length)}"`, '""'] as const
  return [
    map(key, '$cgx_reason', [allowed, ...entries, ['default', '""']]),
    // Logged and answered 403 unless allowed; the health check is answered before the verdict is read.
    map('$cgx_health', '$cgx_deny_reason', [
      ['0', '$cgx_reason'],
      ['default', '""'],
    ]),
  ].join('\n')
}

/** What a deny line may repeat of client-controlled text: bounded, like the Node engine's clipForLog. */
function logFields(client: string): string {
  return [
    map(client, '$cgx_log_client', [[quoted('~^(.{0,64})'), '$1']]),
    map('$http_x_vcap_request_id', '$cgx_log_request_id', [[quoted('~^(.{0,64})'), '$1']]),
  ].join('\n')
}

/**
 * Request headers sent upstream, all here because nginx inherits proxy_set_header only as a whole list. nginx already
 * drops Connection, Keep-Alive, TE, Expect and Upgrade (set again below for websockets) and frames the body itself.
 */
function upstreamHeaders(routes: readonly RouteRule[], instanceHeader: string | undefined): string {
  const dropped = [
    'Proxy-Connection',
    'Trailer',
    'Proxy-Authorization',
    'HTTP2-Settings',
    'X-CF-ApplicationID',
    'X-CF-InstanceID',
    'X-CF-InstanceIndex',
  ]
  const secrets = [...new Set(routes.flatMap((rule) => (rule.headerSecret === undefined ? [] : [rule.headerSecret.header])))]
  const lines = [
    map('$http_upgrade', '$cgx_connection', [
      ['""', '""'],
      ['default', 'upgrade'],
    ]),
    'proxy_set_header Host $cgx_host;',
    'proxy_set_header Upgrade $http_upgrade;',
    'proxy_set_header Connection $cgx_connection;',
    ...[...dropped, ...secrets.map(checkedHeader)].map((name) => `proxy_set_header ${name} "";`),
  ]
  if (instanceHeader !== undefined) {
    const name = checkedHeader(instanceHeader.toLowerCase())
    lines.push(`proxy_set_header X-CF-APP-INSTANCE $http_${headerVariable(name)};`, `proxy_set_header ${name} "";`)
  }
  return lines.join('\n')
}

function checkedHeader(lowerName: string): string {
  if (!NGINX_HEADER.test(lowerName)) {
    throw new NginxCompileError(
      `nginx cannot read the header "${lowerName}" (only letters, digits and "-"): rename it, or use --engine node`,
    )
  }
  return lowerName
}

function headerVariable(lowerName: string): string {
  return checkedHeader(lowerName).replaceAll('-', '_')
}

/** "$name" as "${name}", so that a digit or name written right after it cannot extend it. */
function braced(fact: string): string {
  return fact.replace(/^\$(\w+)$/, '${$1}')
}

/** A route name as a map value: "$" would start a variable there. */
function logSafe(text: string): string {
  return text.replaceAll('$', '%24').replaceAll('"', '%22').replaceAll('\\', '%5C')
}
