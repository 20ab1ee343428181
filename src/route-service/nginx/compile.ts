// The policy compiled for nginx: the same decision as domain/allowlist/decision.ts, as map and geo blocks that nginx
// evaluates per request (lazily: only what the verdict reads). The output goes into the http block of nginx.conf
// (template.ts) through CGX_NGINX_POLICY, so a policy change stays an environment change.
//
//   client:  the entry K positions from the right of X-Forwarded-For (K = number of hops; the socket peer is
//            position 0), captured by an anchored regex only when it is a strict address, before `geo` sees it (geo
//            reads anything else as 255.255.255.255: the strict check keeps that from ever matching).
//   route:   an anchored case-insensitive regex per rule and scheme over X-CF-Forwarded-Url, in gorouter's lookup
//            order (route-match.ts), each holding parseForwardedUrl's whole grammar, so one match is both checks (the
//            grammar alone is read only when no rule matched, to name the deny). Unknown: 403, never proxied. Its named
//            captures are the parts of the URL the upstream request needs (origin, path, query, Host, TLS name), so
//            nothing else reads the URL again. Captures are named (?'name'...): "<" would not survive the templating.
//   verdict: $cgx_reason, a chain of maps in decide()'s order, each over one fact (the first over two: the route and
//            the request target): the deny reason when its fact fails, else the next map's value; "" at the end
//            allows. nginx evaluates a map only when its value is read, so an allowed request reads each fact once and a
//            deny stops at its first failing fact. The health check is the verdict "0", which `if` and access_log's if=
//            read as false, like "". Each map read costs about as much as a regex run (bench/proxy/notes.md), so
//            fewer of both per allowed request is the aim wherever the answers stay the same.

import {unmapCidr} from '../../domain/allowlist/address-matcher.js'
import type {Policy, RouteRule} from '../../domain/allowlist/index.js'
import {formatRouteSpec, pathSegments} from '../../domain/allowlist/index.js'
import {formatCidr, type Cidr} from '../../domain/net/cidr.js'
import {POLICY_VAR} from '../contract.js'
import type {UpstreamTimeouts} from '../upstream.js'
import {FORWARDED_URL, HOST, IP, literal, PATH, PATH_TAIL, QUERY, quoted, STRICT_IP} from './patterns.js'
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

/** The connection's peer address. */
const SOCKET_PEER = '$remote_addr'

/** nginx reads only headers made of letters, digits and "-" (ignore_invalid_headers). */
const NGINX_HEADER = /^[a-z0-9-]+$/

export function compileNginxPolicy(policy: Policy, options: NginxCompileOptions = {}): string {
  const timeouts = options.upstreamTimeouts ?? {}
  const unsupported = unsupportedUpstreamTimeouts(timeouts)
  if (unsupported !== undefined) throw new NginxCompileError(unsupported)
  const hops = policy.hops.length
  // The client as the deny line shows it: the entry as written, whether or not it is an address.
  const loggedClient = hops === 0 ? SOCKET_PEER : `$cgx_xff_${hops}`
  const sections = [
    `# cgx allowlist policy for nginx: ${policy.routes.length} route(s), ${hops} hop(s)${policy.hopProfile === undefined ? '' : ` (${policy.hopProfile})`}. Generated from ${POLICY_VAR}.`,
    routeChoice(policy.routes),
    upstreamChoice(policy.routes, upstreamPools(policy.routes, options.upstreamResolve ?? false)),
    forwardedForPositions(hops),
    hopChecks(policy.hops),
    verdict(policy),
    logFields(loggedClient),
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

/**
 * `inside` for an address in one of the blocks, else `outside` (both plain words: geo values hold no variables). The
 * socket peer is SOCKET_PEER: geo reads the connection's own address then, where $remote_addr would be its text, parsed.
 */
function geo(source: string, target: string, cidrs: readonly Cidr[], inside = '1', outside = '0'): string {
  const blocks = geoBlocks(cidrs)
  return [
    `geo ${source === SOCKET_PEER ? '' : `${source} `}${target} {`,
    `  default ${outside};`,
    ...blocks.map((block) => `  ${block} ${inside};`),
    '}',
  ].join('\n')
}

/** The blocks as geo reads them. More specific blocks win in geo, whatever their order: each means "in the set". */
function geoBlocks(cidrs: readonly Cidr[]): string[] {
  return [...new Set(cidrs.map((cidr) => formatCidr(unmapCidr(cidr))))]
}

type Scheme = 'http' | 'https'

const DEFAULT_PORT: Record<Scheme, number> = {http: 80, https: 443}

interface Origin {
  readonly scheme: Scheme
  readonly port: number
}

/** What a rule takes: each scheme on the rule's port, or on the scheme's own default when the rule names none. */
function origins(rule: RouteRule): Origin[] {
  return (['http', 'https'] as const).map((scheme) => ({scheme, port: rule.port ?? DEFAULT_PORT[scheme]}))
}

interface Pool {
  readonly name: string
  readonly host: string
  readonly port: number
}

const poolKey = (scheme: Scheme, host: string, port: number) => `${scheme}://${host}:${port}`

/**
 * A keep-alive pool per origin an exact route can reach, by poolKey; the rest (wildcards, names nginx cannot
 * re-resolve) is proxied by URL, one connection per request.
 */
function upstreamPools(routes: readonly RouteRule[], resolve: boolean): Map<string, Pool> {
  const pools = new Map<string, Pool>()
  for (const rule of routes) {
    if (rule.host.startsWith('*.') || (!resolve && !/^[0-9.]+$/.test(rule.host))) continue
    for (const {scheme, port} of origins(rule)) {
      const key = poolKey(scheme, rule.host, port)
      if (!pools.has(key)) pools.set(key, {name: `cgx_pool_${pools.size}`, host: rule.host, port})
    }
  }
  return pools
}

function poolBlocks(pools: readonly Pool[]): string[] {
  return pools.map((pool) => {
    const literal = /^[0-9.]+$/.test(pool.host)
    const server = literal ? `server ${pool.host}:${pool.port};` : `zone ${pool.name} 64k;\n  server ${pool.host}:${pool.port} resolve;`
    return `upstream ${pool.name} {\n  ${server}\n  keepalive ${UPSTREAM_KEEPALIVE};\n}`
  })
}

/**
 * The upstream URL from the route regex's captures: the forwarded origin, or its pool when it has one, then the path
 * and query as written ("/" when there is no path), so the bytes gorouter signed are the bytes sent.
 */
function upstreamChoice(routes: readonly RouteRule[], pools: ReadonlyMap<string, Pool>): string {
  const viaPool = routes.flatMap((rule, index) =>
    origins(rule).flatMap(({scheme, port}) => {
      const pool = pools.get(poolKey(scheme, rule.host, port))
      return pool === undefined ? [] : [[quoted(`r${index}:${scheme}`), `${scheme}://${pool.name}/$cgx_path$cgx_query`] as const]
    }),
  )
  return [
    ...poolBlocks([...pools.values()]),
    map('$cgx_route:$cgx_scheme', '$cgx_upstream', [...viaPool, ['default', '$cgx_origin/$cgx_path$cgx_query']]),
  ].join('\n')
}

/**
 * $cgx_xff_N: the Nth entry from the right of X-Forwarded-For, spaces and tabs around it removed; $cgx_xff_N_ip whether
 * it is an address, for the hop positions (the client's own position is checked in the verdict).
 */
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
    if (n < hops)
      blocks.push(
        map(`$cgx_xff_${n}`, `$cgx_xff_${n}_ip`, [
          [quoted(`~${STRICT_IP}`), '1'],
          ['default', '0'],
        ]),
      )
  }
  return blocks.join('\n')
}

/** $cgx_hop_N: whether the entry at hop position N (0: the socket peer) is in the profile's blocks there. */
function hopChecks(hops: Policy['hops']): string {
  return hops.map((cidrs, position) => geo(position === 0 ? SOCKET_PEER : `$cgx_xff_${position}`, `$cgx_hop_${position}`, cidrs)).join('\n')
}

function routeChoice(routes: readonly RouteRule[]): string {
  const ordered = routes.map((rule, index) => ({rule, id: `r${index}`})).sort((a, b) => lookupOrder(a.rule, b.rule))
  return [
    map('$http_x_cf_forwarded_url', '$cgx_route', [
      ...ordered.flatMap(({rule, id}) => origins(rule).map((origin) => [quoted(`~*${routePattern(rule, origin)}`), id] as const)),
      ['default', '""'],
    ]),
    map('$cgx_route', '$cgx_route_name', [
      ...routes.map((rule, index) => [`r${index}`, quoted(logSafe(formatRouteSpec(rule)))] as const),
      ['default', '""'],
    ]),
  ].join('\n')
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
 * The URLs a rule takes on one origin, within parseForwardedUrl's grammar (patterns.ts): a match is a valid URL and a
 * route choice in one regex. The port is the rule's own or the scheme's default, both valid PORTs by the route spec's
 * grammar. Its named captures, as written in the URL: cgx_origin (scheme://host[:port]), cgx_scheme, cgx_host (Host:
 * the port only when it is not the scheme's default), cgx_upstream_host (the TLS name), cgx_path (after its first "/")
 * and cgx_query ("?" included).
 */
function routePattern(rule: RouteRule, {scheme, port}: Origin): string {
  const host = `(?'cgx_upstream_host'${rule.host.startsWith('*.') ? `${HOST}${literal(rule.host.slice(1))}` : literal(rule.host)})`
  const authority = port === DEFAULT_PORT[scheme] ? `(?'cgx_host'${host})(?::${port})?` : `(?'cgx_host'${host}:${port})`
  const path = rule.pathPrefix === '' ? `(?:/(?'cgx_path'${PATH_TAIL}))?` : `/(?'cgx_path'${literal(rule.pathPrefix.slice(1))}${PATH})`
  return `^(?'cgx_origin'(?'cgx_scheme'${scheme})://${authority})${path}(?'cgx_query'${QUERY})$`
}

/** One link of the verdict: a map over `source` answering `pass` (the next link) when its fact holds, else `reason`. */
interface Check {
  readonly source: string
  readonly reason: string
  readonly entries: (pass: string, fail: string) => Array<readonly [string, string]>
}

const matching = (source: string, pattern: string, reason: string): Check => ({
  source,
  reason,
  entries: (pass, fail) => [
    [quoted(pattern), pass],
    ['default', fail],
  ],
})

/** The checks as maps $name, $name_1, $name_2…; past the last one, `last`. */
function chain(name: string, checks: readonly Check[], last: string): string[] {
  const link = (index: number) => (index === 0 ? name : `${name}_${index}`)
  return checks.map((check, index) =>
    map(check.source, link(index), check.entries(index + 1 < checks.length ? link(index + 1) : last, check.reason)),
  )
}

/**
 * decide()'s order. The route is read first, in one link with the request target (route ids are r0, r1…, so a key
 * starting with a space has no route): an allowed request reads the forwarded URL once, through it, and the unrouted
 * chain checks the target itself.
 */
function verdict(policy: Policy): string {
  const hops = policy.hops.length
  const target = matching('$request', '~^[^ ]+ /', 'bad-request-target')
  // nginx drops the spaces around a header value, so a space at either end means that header is empty (or absent).
  const signed: Check = {
    source: '$http_x_cf_proxy_signature $http_x_cf_proxy_metadata',
    reason: 'signature-missing',
    entries: (pass, fail) => [
      [quoted('~^ | $'), fail],
      ['default', pass],
    ],
  }
  return [
    map('$cgx_route $request', '$cgx_reason', [
      [quoted('~^r[0-9]+ [^ ]+ /'), '$cgx_routed'],
      [quoted('~^ '), '$cgx_unrouted'],
      ['default', 'bad-request-target'],
    ]),
    ...chain('$cgx_routed', [signed, ...(hops === 0 ? [] : [platformCheck(hops)])], '$cgx_allowed'),
    allowedChecks(policy.routes, hops === 0 ? SOCKET_PEER : '$cgx_client'),
    // No route: the health check (only straight to the service, exactly /_health), or the first fact that failed.
    map('$http_x_cf_forwarded_url', '$cgx_unrouted', [
      ['""', '$cgx_unforwarded'],
      ['default', '$cgx_misrouted'],
    ]),
    map('$request_method $request_uri', '$cgx_unforwarded', [
      [quoted('~^(GET|HEAD) /_health$'), '0'],
      ['default', '$cgx_unforwarded_target'],
    ]),
    ...chain('$cgx_unforwarded_target', [target], 'forwarded-url-missing'),
    ...chain('$cgx_misrouted', [target, signed], '$cgx_unknown'),
    // A route's regex holds the whole grammar, so the grammar alone tells a malformed URL from an unknown route.
    map('$http_x_cf_forwarded_url', '$cgx_unknown', [
      [quoted(`~*${FORWARDED_URL}`), 'route-not-in-policy'],
      ['default', 'forwarded-url-malformed'],
    ]),
  ].join('\n')
}

/**
 * The platform's hops in one link, over the hop facts (0/1 each: the socket peer in its blocks, then each further hop
 * an address in its blocks) followed by X-Forwarded-For: a chain long enough (no header is the socket peer alone; one
 * entry is enough for one hop, more need their commas), every hop where the profile expects it, and the client, the
 * entry K positions from the right, an address. The client is captured as $cgx_client for the route's geo. The three
 * regexes exclude each other (every fact 1 or not; at least K-1 commas or fewer), so the allowing one goes first: an
 * allowed request runs one regex, not three.
 */
function platformCheck(hops: number): Check {
  const facts = Array.from({length: hops}, (_, position) =>
    position === 0 ? '${cgx_hop_0}' : `\${cgx_xff_${position}_ip}\${cgx_hop_${position}}`,
  )
  const width = hops * 2 - 1
  const short = hops === 1 ? '' : `(?:[^,]*,){0,${hops - 2}}[^,]*`
  return {
    source: `${facts.join('')}$http_x_forwarded_for`,
    reason: 'client-invalid',
    entries: (pass, fail) => [
      [quoted(`~^1{${width}}(?:.*,)?[ \\t]*(?'cgx_client'${IP})[ \\t]*(?:,[^,]*){${hops - 1}}$`), pass],
      [quoted(`~^[01]{${width}}${short}$`), 'chain-short'],
      [quoted(`~^[01]{0,${width - 1}}0`), 'hop-mismatch'],
      ['default', fail],
    ],
  }
}

/**
 * $cgx_allowed: the chosen route's client check, then its header secret, written once for the routes that check the
 * same (blocks and secret): each check read costs a map or geo evaluation. With one check for every route it is
 * $cgx_allowed itself, and no map from the route is read.
 */
function allowedChecks(routes: readonly RouteRule[], client: string): string {
  const checks = new Map<string, {readonly id: string; readonly rule: RouteRule}>()
  const checkOf = routes.map((rule, index) => {
    const key = JSON.stringify([geoBlocks(rule.allow).sort(), rule.headerSecret ?? null])
    if (!checks.has(key)) checks.set(key, {id: `r${index}`, rule})
    return checks.get(key)!.id
  })
  if (checks.size === 1) {
    const [{id, rule}] = checks.values()
    return allowedCheck(rule, id, '$cgx_allowed', client)
  }
  const blocks = [...checks.values()].map(({id, rule}) => allowedCheck(rule, id, `$cgx_allowed_${id}`, client))
  // The default is never read (the verdict asks only once a route was chosen); it denies all the same.
  const byRoute = map('$cgx_route', '$cgx_allowed', [
    ...checkOf.map((id, index) => [`r${index}`, `$cgx_allowed_${id}`] as const),
    ['default', 'route-not-in-policy'],
  ])
  return [...blocks, byRoute].join('\n')
}

/** One route's check as `target`: without a secret, its geo answers the verdict itself. */
function allowedCheck(rule: RouteRule, id: string, target: string, client: string): string {
  if (rule.headerSecret === undefined) return geo(client, target, rule.allow, '""', 'address-not-allowed')
  const variable = `$http_${headerVariable(rule.headerSecret.header)}`
  return [
    geo(client, `$cgx_allow_${id}`, rule.allow),
    map(`$cgx_allow_${id}`, target, [
      ['1', `$cgx_secret_${id}`],
      ['default', 'address-not-allowed'],
    ]),
    // Regex keys compare case-sensitively (plain map keys would not); every character is written as \xHH.
    map(variable, `$cgx_secret_${id}`, [
      [quoted(`~^${literal(rule.headerSecret.value)}$`), '""'],
      ['default', 'secret-mismatch'],
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

/** A route name as a map value: "$" would start a variable there. */
function logSafe(text: string): string {
  return text.replaceAll('$', '%24').replaceAll('"', '%22').replaceAll('\\', '%5C')
}
