// The parsed YAML value → the desired-state model, checking what the schema cannot: CIDRs, ports, rule fields,
// route specs. It never stops at a problem: a bad item is left out of the model and reported, so every
// problem of the file comes out in one run.
import {parseRouteSpec} from '../allowlist/route-spec.js'
import {parseAddressList} from '../net/address-set.js'
import {CidrParseError, formatCidr, parseCidr} from '../net/cidr.js'
import {describeOpenings, OPENNESS_LIMIT, wideOpenings} from '../net/openness.js'
import {parsePorts} from '../net/ports.js'
import {normalizeNetworks} from '../segments/networks.js'
import {diagnosticAt, type Locate, type PathSegment, type SetupDiagnostic} from './diagnostics.js'
import {parseDays} from '../client-cert/expiry.js'
import {
  LIFECYCLES,
  type AllowlistSpec,
  type ClientCertSpec,
  type GroupSpec,
  type OrgSpec,
  type RuleSpec,
  type SegmentSpec,
  type SetupFile,
  type SpaceSpec,
} from './model.js'

type Raw = Record<string, unknown>

export const DEFAULT_CLIENT_CERT_DAYS = 365
export const DEFAULT_ROTATE_BEFORE_DAYS = 14

export function buildSetupFile(value: unknown, locate: Locate): {file: SetupFile; diagnostics: SetupDiagnostic[]} {
  const builder = new Builder(locate)
  const root = record(value)
  const api = typeof root.api === 'string' ? root.api : undefined
  const file: SetupFile = {
    ...(api === undefined ? {} : {api}),
    segments: entries(root.isolation_segments).map(([name, raw]) => builder.segment(name, record(raw))),
    securityGroups: entries(root.security_groups).map(([name, raw]) => builder.group(name, record(raw))),
    orgs: entries(root.orgs).map(([name, raw]) => builder.org(name, record(raw))),
    ...('route_allowlists' in root
      ? {routeAllowlists: entries(root.route_allowlists).map(([route, raw]) => builder.allowlist(route, raw))}
      : {}),
  }
  return {file, diagnostics: builder.diagnostics}
}

class Builder {
  readonly diagnostics: SetupDiagnostic[] = []

  constructor(private readonly locate: Locate) {}

  segment(name: string, raw: Raw): SegmentSpec {
    const path = ['isolation_segments', name]
    if (name.toLowerCase() === 'shared')
      this.fail(path, 'SHARED_DECLARED', '"shared" is the platform\'s own segment: refer to it, but do not declare it', true)
    const networks = Array.isArray(raw.networks) ? this.cidrs([...path, 'networks'], raw.networks, 'not a private network') : undefined
    const orgs = stringList(raw.orgs)
    return {name, ...(networks === undefined ? {} : {networks}), ...(orgs === undefined ? {} : {orgs})}
  }

  group(name: string, raw: Raw): GroupSpec {
    const rules = (Array.isArray(raw.rules) ? raw.rules : []).flatMap((rule, i) =>
      this.rule(['security_groups', name, 'rules', i], record(rule)),
    )
    const global = record(raw.globally_enabled)
    const globallyEnabled = Object.fromEntries(
      LIFECYCLES.filter((l) => typeof global[l] === 'boolean').map((l) => [l, global[l] as boolean]),
    )
    return {name, rules, ...(raw.globally_enabled === undefined ? {} : {globallyEnabled})}
  }

  org(name: string, raw: Raw): OrgSpec {
    const spaces = entries(raw.spaces).map(([space, value]) => this.space(['orgs', name, 'spaces', space], space, record(value)))
    const caSpace = typeof raw.client_ca_space === 'string' ? {clientCaSpace: raw.client_ca_space} : {}
    return {name, ...optionalName(raw, 'default_segment', 'defaultSegment'), ...caSpace, spaces}
  }

  allowlist(route: string, raw: unknown): AllowlistSpec {
    const path = ['route_allowlists', route]
    const parsed = parseRouteSpec(route)
    if ('error' in parsed) this.fail(path, 'ROUTE_INVALID', parsed.error, true)
    else if (parsed.spec.port !== undefined)
      this.fail(path, 'ROUTE_INVALID', `"${route}" has a port: allowlists protect http routes, which have none`, true)
    const allow = Array.isArray(raw) ? this.cidrs(path, raw, 'an allowlist must name who is let in') : []
    return {route, allow}
  }

  private space(path: PathSegment[], name: string, raw: Raw): SpaceSpec {
    const groups = record(raw.security_groups)
    const securityGroups = Object.fromEntries(
      LIFECYCLES.flatMap((l) => (stringList(groups[l]) === undefined ? [] : [[l, stringList(groups[l])!]])),
    )
    const clientCertificates = entries(raw.client_certificates).map(([cert, value]) =>
      this.clientCertificate([...path, 'client_certificates', cert], cert, record(value)),
    )
    return {
      name,
      ...optionalName(raw, 'segment', 'segment'),
      ...(raw.security_groups === undefined ? {} : {securityGroups}),
      ...(raw.client_certificates === undefined ? {} : {clientCertificates}),
    }
  }

  private clientCertificate(path: PathSegment[], name: string, raw: Raw): ClientCertSpec {
    const rotateBefore = raw.rotate_before === undefined ? DEFAULT_ROTATE_BEFORE_DAYS : parseDays(String(raw.rotate_before))
    if (rotateBefore === undefined)
      this.fail(
        [...path, 'rotate_before'],
        'DURATION_INVALID',
        `rotate_before takes whole days, like 14d; got "${String(raw.rotate_before)}"`,
      )
    const days = typeof raw.days === 'number' ? raw.days : DEFAULT_CLIENT_CERT_DAYS
    if (rotateBefore !== undefined && rotateBefore >= days) {
      this.fail(
        [...path, 'rotate_before'],
        'ROTATE_BEFORE_TOO_LONG',
        `rotate_before (${rotateBefore}d) must be shorter than days (${days}): it would rotate on every apply`,
      )
    }
    const restartApps = stringList(raw.restart_apps)
    return {
      name,
      days,
      keyType: typeof raw.key_type === 'string' ? raw.key_type : 'ecdsa-p256',
      rotateBeforeDays: rotateBefore ?? DEFAULT_ROTATE_BEFORE_DAYS,
      ...(typeof raw.cn === 'string' ? {commonName: raw.cn} : {}),
      ...(restartApps === undefined ? {} : {restartApps}),
    }
  }

  private rule(path: PathSegment[], raw: Raw): RuleSpec[] {
    const protocol = String(raw.protocol ?? '')
    const destination = String(raw.destination ?? '')
    const before = this.diagnostics.length
    for (const d of parseAddressList(destination, {strict: true}).diagnostics) {
      this.fail([...path, 'destination'], 'DESTINATION_INVALID', withFix(d.message, d.suggestion))
    }
    const ports = raw.ports === undefined ? undefined : String(raw.ports)
    this.checkPorts(path, protocol, ports)
    if (protocol.startsWith('icmp') && (typeof raw.type !== 'number' || typeof raw.code !== 'number')) {
      this.fail(path, 'ICMP_TYPE_CODE', `${protocol} rules need "type" and "code" (-1 means any)`)
    }
    if (this.diagnostics.length > before) return []
    return [
      {
        ...pick(raw, ['protocol', 'destination']),
        ...(ports === undefined ? {} : {ports}),
        ...pick(raw, ['type', 'code', 'description', 'log']),
      } as RuleSpec,
    ]
  }

  private checkPorts(path: PathSegment[], protocol: string, ports: string | undefined): void {
    const needsPorts = protocol === 'tcp' || protocol === 'udp'
    if (needsPorts && ports === undefined)
      this.fail(path, 'PORTS_MISSING', `${protocol} rules need "ports", like "443" or "80,443" or "8000-8099"`)
    if (!needsPorts && ports !== undefined && protocol !== '')
      this.fail([...path, 'ports'], 'PORTS_NOT_ALLOWED', `${protocol} rules take no ports`)
    if (needsPorts && ports !== undefined) {
      for (const d of parsePorts(ports).diagnostics) this.fail([...path, 'ports'], 'PORTS_INVALID', withFix(d.message, d.suggestion))
    }
  }

  /**
   * CIDRs, canonical and sorted. A list as open as /0 (its union covers 1/16 of IPv4 or of IPv6 2000::/3, see
   * net/openness.ts) is refused with `wholeSpace` as the reason: a file has no --force.
   */
  private cidrs(path: PathSegment[], items: unknown[], wholeSpace: string): string[] {
    const good = items.flatMap((item, i) => {
      try {
        return [parseCidr(String(item))]
      } catch (error) {
        if (!(error instanceof CidrParseError)) throw error
        return this.fail([...path, i], 'CIDR_INVALID', withFix(error.message, error.suggestion), false, [])
      }
    })
    const openings = wideOpenings(good)
    if (openings.length > 0)
      return this.fail(path, 'CIDR_WHOLE_SPACE', `${describeOpenings(openings)}: ${wholeSpace}; ${OPENNESS_LIMIT}`, false, [])
    return normalizeNetworks(good).map(formatCidr)
  }

  private fail<T>(path: PathSegment[], code: string, message: string, key = false, fallback?: T): T {
    this.diagnostics.push(diagnosticAt(this.locate, path, code, message, key))
    return fallback as T
  }
}

function withFix(message: string, suggestion: string | undefined): string {
  return suggestion === undefined ? message : `${message} (did you mean ${suggestion}?)`
}

function record(value: unknown): Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {}
}

function entries(value: unknown): [string, unknown][] {
  return Object.entries(record(value))
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined
}

/** A name-or-null field: absent stays absent (unmanaged), null means "none". */
function optionalName<K extends string>(raw: Raw, from: string, to: K): Partial<Record<K, string | null>> {
  if (!(from in raw)) return {}
  const value = raw[from]
  return {[to]: typeof value === 'string' ? value : null} as Partial<Record<K, string | null>>
}

function pick(raw: Raw, keys: string[]): Raw {
  return Object.fromEntries(keys.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]))
}
