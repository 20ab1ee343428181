// The live side of the diff in a number of requests that does not grow with spaces or orgs: one listing each of
// orgs, spaces and security groups (5000 per page), the segments with their entitlements and assignments (the
// foundation loader: 1 + 2 per segment), one label-selector listing for the segments cgx created, and the default
// segment of each org entitled to an isolation segment (the API has no bulk read of defaults). Route allowlists are
// read only when asked (allowlist-read.ts has their count).
import {mapConcurrent, SHARED_ISOLATION_SEGMENT_GUID, type CfClient, type SecurityGroup} from '../../cf/index.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {canonicalRule} from '../../domain/setup/diff.js'
import {type LiveAllowlist, type LiveGroup, type LiveState, type RuleSpec} from '../../domain/setup/model.js'
import {DEFAULT_NETWORKS_ANNOTATION, parseNetworksAnnotation} from '../../domain/segments/networks.js'
import {assignmentsBySpace, loadOrgDefaults, loadSegments, LOOKUP_CONCURRENCY} from '../foundation/index.js'
import type {Reporter} from '../reporter.js'
import {readClientCerts} from './client-certs.js'

export interface ReadLiveOptions {
  /** Orgs whose default must be known even if they are entitled to no isolation segment (those the file sets). */
  readonly defaultsOf?: readonly string[]
  /** Only the spaces of these orgs (export --org); every space when absent. */
  readonly orgScope?: readonly string[]
  /** The routes the file gives allowlists for, and how to read them. */
  readonly allowlists?: {readonly routes: readonly string[]; read(routes: readonly string[]): Promise<LiveAllowlist[]>}
  readonly annotationKey?: string
  /** Names of the client certificates the file declares: the instances of those names are read. */
  readonly clientCertificates?: readonly string[]
}

export async function readLiveState(cf: CfClient, options: ReadLiveOptions, reporter: Reporter): Promise<LiveState> {
  const [segments, orgs, groups] = await Promise.all([loadSegments(cf), cf.organizations.listAll(), cf.securityGroups.listAll()])
  const scoped = options.orgScope === undefined ? undefined : orgs.filter((o) => options.orgScope!.includes(o.name)).map((o) => o.guid)
  const [spaces, defaults, allowlists] = await Promise.all([
    cf.spaces.listAll(scoped === undefined ? {} : {organization_guids: scoped}),
    orgDefaults(
      cf,
      segments,
      orgs.filter((o) => options.defaultsOf?.includes(o.name)).map((o) => o.guid),
    ),
    options.allowlists ? options.allowlists.read(options.allowlists.routes) : [],
  ])
  const assigned = assignmentsBySpace(segments)
  const clientCertificates =
    options.clientCertificates === undefined
      ? {}
      : {clientCertificates: await readClientCerts(cf, options.clientCertificates, orgs, spaces, new Date())}
  return {
    api: cf.target.api,
    segments: segments.map((s) => ({
      guid: s.guid,
      name: s.name,
      ...networksOf(s.name, s.annotations[options.annotationKey ?? DEFAULT_NETWORKS_ANNOTATION], reporter),
      orgGuids: s.orgGuids,
      labels: s.labels,
    })),
    orgs: orgs.map((o) => ({
      guid: o.guid,
      name: o.name,
      defaultSegmentGuid: defaults.found.get(o.guid) ?? null,
      defaultRead: defaults.read.has(o.guid),
      labels: o.metadata.labels,
    })),
    spaces: spaces.map((s) => ({
      guid: s.guid,
      name: s.name,
      orgGuid: s.relationships.organization.data?.guid ?? '',
      segmentGuid: assigned.get(s.guid)?.guid ?? null,
      labels: s.metadata.labels,
    })),
    securityGroups: groups.map(toLiveGroup),
    allowlists,
    ...clientCertificates,
  }
}

/**
 * Default segments: those the foundation loader reads (orgs entitled to an isolation segment), plus the orgs the
 * file sets a default for that it skipped (entitled to shared only, whose default may be shared). `read` holds every
 * org whose default was read, none included.
 */
async function orgDefaults(
  cf: CfClient,
  segments: Parameters<typeof loadOrgDefaults>[1],
  alsoOrgs: readonly string[],
): Promise<{found: Map<string, string>; read: Set<string>}> {
  const loaded = await loadOrgDefaults(cf, segments, () => true)
  const read = new Set(segments.filter((s) => s.guid !== SHARED_ISOLATION_SEGMENT_GUID).flatMap((s) => s.orgGuids))
  const extra = alsoOrgs.filter((guid) => !read.has(guid))
  const extraDefaults = await mapConcurrent(extra, LOOKUP_CONCURRENCY, (guid) => cf.organizations.getDefaultIsolationSegment(guid))
  const found = new Map([...loaded].map(([org, segment]) => [org, segment.guid]))
  extra.forEach((org, i) => {
    read.add(org)
    if (extraDefaults[i] !== null) found.set(org, extraDefaults[i]!)
  })
  return {found, read}
}

function networksOf(segment: string, annotation: string | undefined, reporter: Reporter): {networks?: string[]} {
  if (annotation === undefined) return {}
  const parsed = parseNetworksAnnotation(annotation)
  for (const d of parsed.diagnostics) reporter.warn(`segment '${segment}': ${d.message}`)
  return {networks: (parsed.value ?? []).map(formatCidr)}
}

function toLiveGroup(group: SecurityGroup): LiveGroup {
  return {
    guid: group.guid,
    name: group.name,
    rules: group.rules.map((rule) => canonicalRule(rule) as unknown as RuleSpec),
    globallyEnabled: {running: group.globally_enabled.running, staging: group.globally_enabled.staging},
    runningSpaceGuids: group.relationships.running_spaces.data.map((s) => s.guid),
    stagingSpaceGuids: group.relationships.staging_spaces.data.map((s) => s.guid),
  }
}
