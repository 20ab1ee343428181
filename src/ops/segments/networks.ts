// `cgx segment networks SEGMENT [--set|--add|--remove CIDR...]`: the private networks behind a segment, kept as
// comma-separated CIDRs in one segment annotation (key configurable), plus what local settings add for users who
// cannot read or write it. Input CIDRs are strict: host bits set is an error naming the network; a list as open as
// /0 (domain/net/openness.ts: 1/16 of IPv4 or of IPv6 2000::/3, judged on the union) needs --force.
import type {CfClient, IsolationSegment} from '../../cf/index.js'
import {CidrParseError, formatCidr, parseCidr, type Cidr} from '../../domain/net/cidr.js'
import {describeOpenings, OPENNESS_LIMIT, wideOpenings} from '../../domain/net/openness.js'
import {
  DEFAULT_NETWORKS_ANNOTATION,
  formatNetworksAnnotation,
  mergeNetworks,
  normalizeNetworks,
  parseNetworksAnnotation,
  type NetworkSource,
} from '../../domain/segments/networks.js'
import {InvalidInputError} from '../errors.js'
import {resolveNetworkSources, type NetworkSources} from '../foundation/index.js'
import type {Reporter} from '../reporter.js'
import {findSegment} from '../resolve.js'
import {guardWrite, PLATFORM_ADMIN} from '../guard.js'
import {ref, type NamedRef} from '../named.js'

export interface NetworksRequest {
  segment: string
  /** At most one of these; none: show only. Each item may itself be a comma-separated list. */
  set?: string[]
  add?: string[]
  remove?: string[]
  /** Allow a list as open as /0 (every address, or 1/16 of a family's public space). */
  force?: boolean
  /** The annotation key (--annotation or CGX_NETWORKS_ANNOTATION); else the config's, else cgx.cloud.gov/private-networks. */
  annotation?: string
  /** The cgx config (the cli reads the file; ops only ask it): annotation key and local networks per API. */
  settings?: NetworkSources['config']
  /** A local networks file (segments: {NAME: [CIDR...]}) shown with the annotation. */
  networksFile?: string
}

export interface NetworksResult {
  /** 'show' without an edit, else the edit asked for. */
  action: 'show' | 'set' | 'add' | 'remove'
  segment: NamedRef
  annotation: string
  /** Every network behind the segment, annotation first, then local ones (cgx config, networks file). */
  networks: {cidr: string; source: NetworkSource}[]
  added: string[]
  removed: string[]
  changed: boolean
}

export async function segmentNetworksCommand(cf: CfClient, request: NetworksRequest, reporter: Reporter): Promise<NetworksResult> {
  const sources = await resolveNetworkSources(cf.target.api, {
    annotationKey: request.annotation,
    file: request.networksFile,
    config: request.settings,
  })
  const key = sources.annotationKey ?? DEFAULT_NETWORKS_ANNOTATION
  const wanted = parseEdit(request)
  const segment = await findSegment(cf, request.segment)
  const current = currentNetworks(segment, key, reporter)
  const next = wanted ? edited(current, wanted, reporter) : current
  if (wanted !== undefined && wanted.mode !== 'remove') refuseWide(next, request.force ?? false)
  const [added, removed] = [difference(next, current), difference(current, next)]
  if (added.length > 0 || removed.length > 0) await writeNetworks(cf, segment, key, next)
  const merged = mergeNetworks(new Map([[segment.name, next]]), sources.local ?? []).get(segment.name.toLowerCase()) ?? []
  return {
    action: wanted?.mode ?? 'show',
    segment: ref(segment),
    annotation: key,
    networks: merged.map((n) => ({cidr: formatCidr(n.cidr), source: n.source})),
    added,
    removed,
    changed: added.length > 0 || removed.length > 0,
  }
}

type EditMode = 'set' | 'add' | 'remove'
type ParsedEdit = {mode: EditMode; cidrs: Cidr[]}

function parseEdit(request: NetworksRequest): ParsedEdit | undefined {
  const modes = (['set', 'add', 'remove'] as const).filter((mode) => request[mode] !== undefined)
  if (modes.length > 1) throw new InvalidInputError('NETWORKS_EDIT_CONFLICT', `Give only one of ${modes.map((m) => `--${m}`).join(', ')}.`)
  const [mode] = modes
  if (mode === undefined) return undefined
  const cidrs = parseCidrs(request[mode]!)
  if (mode !== 'remove') refuseWide(cidrs, request.force ?? false)
  return {mode, cidrs}
}

/** Networks whose union is as open as /0 are every address, not a private network: only with --force. */
function refuseWide(cidrs: readonly Cidr[], force: boolean): void {
  const openings = wideOpenings(cidrs)
  if (openings.length === 0 || force) return
  throw new InvalidInputError('NETWORK_INVALID', `Invalid network: ${describeOpenings(openings)}, which is not a private network.`, [
    `List the private networks behind the segment: ${OPENNESS_LIMIT}.`,
    'Pass --force if you mean it.',
  ])
}

/** Every problem in the typed CIDRs at once, each with its fix when there is one. */
function parseCidrs(items: readonly string[]): Cidr[] {
  const problems: string[] = []
  const fixes: string[] = []
  const cidrs = items
    .flatMap((item) => item.split(','))
    .filter((text) => text.trim() !== '')
    .flatMap((text) => {
      try {
        return [parseCidr(text.trim())]
      } catch (error) {
        if (!(error instanceof CidrParseError)) throw error
        problems.push(error.message)
        if (error.suggestion) fixes.push(`Did you mean ${error.suggestion}?`)
        return []
      }
    })
  if (problems.length > 0) throw new InvalidInputError('NETWORK_INVALID', `Invalid network: ${problems.join('; ')}.`, fixes)
  return normalizeNetworks(cidrs)
}

function currentNetworks(segment: IsolationSegment, key: string, reporter: Reporter): Cidr[] {
  const parsed = parseNetworksAnnotation(segment.metadata.annotations[key] ?? '')
  for (const d of parsed.diagnostics) reporter.warn(`segment '${segment.name}', annotation ${key}: ${d.message}`)
  return parsed.value ?? []
}

function edited(current: Cidr[], edit: ParsedEdit, reporter: Reporter): Cidr[] {
  if (edit.mode === 'set') return edit.cidrs
  if (edit.mode === 'add') return normalizeNetworks([...current, ...edit.cidrs])
  const absent = difference(edit.cidrs, current)
  if (absent.length > 0) reporter.warn(`not in the list, so not removed: ${absent.join(', ')}`)
  const removed = new Set(edit.cidrs.map(formatCidr))
  return current.filter((cidr) => !removed.has(formatCidr(cidr)))
}

/** The CIDRs of `a` that are not in `b`, as text. */
function difference(a: readonly Cidr[], b: readonly Cidr[]): string[] {
  const inB = new Set(b.map(formatCidr))
  return a.map(formatCidr).filter((text) => !inB.has(text))
}

async function writeNetworks(cf: CfClient, segment: IsolationSegment, key: string, networks: Cidr[]): Promise<void> {
  const formatted = formatNetworksAnnotation(networks)
  if (formatted.value === undefined)
    throw new InvalidInputError('NETWORKS_TOO_LONG', `${formatted.diagnostics.map((d) => d.message).join('; ')}.`)
  // An empty list removes the annotation rather than leaving an empty value behind.
  const value = networks.length === 0 ? null : formatted.value
  await guardWrite({action: `changing the networks of segment '${segment.name}'`, role: PLATFORM_ADMIN}, () =>
    cf.isolationSegments.update(segment.guid, {metadata: {annotations: {[key]: value}}}),
  )
}
