// The two sides of a diff, in names only: what the setup file asks for, and what the foundation has.
// The file names objects; GUIDs stay in the live state, where the ops layer needs them to act.

import type {Lifecycle, RuleFields} from '../reach/rule.js'

/** The label apply puts on what it creates; `--prune` deletes only objects carrying it. */
export const MANAGED_LABEL = {key: 'cgx.cloud.gov/managed-by', value: 'cgx'} as const

export {LIFECYCLES, type Lifecycle} from '../reach/rule.js'

/** An ASG rule as CF holds it; keys left out are absent, never undefined. */
export interface RuleSpec extends RuleFields {
  readonly log?: boolean
}

export interface GloballyEnabled {
  readonly running: boolean
  readonly staging: boolean
}

// Desired state. An optional field left out of the file is not managed: the plan never changes it.

export interface SegmentSpec {
  readonly name: string
  /** Canonical CIDRs, sorted; the whole list is the truth when given. */
  readonly networks?: readonly string[]
  /** Exactly the orgs entitled to the segment, when given. */
  readonly orgs?: readonly string[]
}

export interface GroupSpec {
  readonly name: string
  readonly rules: readonly RuleSpec[]
  readonly globallyEnabled?: Partial<GloballyEnabled>
}

/** A client certificate the space keeps (a user-provided instance cgx issues from the org's CA, and rotates). */
export interface ClientCertSpec {
  readonly name: string
  readonly days: number
  readonly keyType: string
  readonly commonName?: string
  /** Rotate when fewer than this many days are left. */
  readonly rotateBeforeDays: number
  /** Apps bound to it, restarted with rolling deployments after a rotation. */
  readonly restartApps?: readonly string[]
}

export interface SpaceSpec {
  readonly name: string
  /** The space's own segment; null means none (the org default applies). */
  readonly segment?: string | null
  /** Exactly the groups bound to the space per lifecycle, when given (globally enabled groups are not bindings). */
  readonly securityGroups?: Partial<Record<Lifecycle, readonly string[]>>
  readonly clientCertificates?: readonly ClientCertSpec[]
}

export interface OrgSpec {
  readonly name: string
  /** null means no default (apps run on shared unless their space has a segment). */
  readonly defaultSegment?: string | null
  /** Where the org's client CA is created if it has none when a client certificate is first issued. */
  readonly clientCaSpace?: string
  readonly spaces: readonly SpaceSpec[]
}

export interface AllowlistSpec {
  /** host[/path], as `cgx route-allow` takes it. */
  readonly route: string
  /** Canonical CIDRs, sorted. */
  readonly allow: readonly string[]
}

export interface SetupFile {
  /** Refuse to plan or apply against any other API. */
  readonly api?: string
  readonly segments: readonly SegmentSpec[]
  readonly securityGroups: readonly GroupSpec[]
  readonly orgs: readonly OrgSpec[]
  /** Absent when the file has no route_allowlists section: allowlists are then not managed at all. */
  readonly routeAllowlists?: readonly AllowlistSpec[]
}

// Live state, as the ops layer reads it.

export type Labels = Readonly<Record<string, string>>

export interface LiveSegment {
  readonly guid: string
  readonly name: string
  /** From the networks annotation; undefined when the segment has none. */
  readonly networks?: readonly string[]
  readonly orgGuids: readonly string[]
  readonly labels: Labels
}

export interface LiveOrg {
  readonly guid: string
  readonly name: string
  /** The default segment's GUID, or null for none. */
  readonly defaultSegmentGuid: string | null
  /**
   * False when the default was not read: the org is entitled to no isolation segment but shared, so it runs on shared
   * whatever its default says (null or shared). Export leaves such a default out rather than claim it is none.
   */
  readonly defaultRead: boolean
  readonly labels: Labels
}

export interface LiveSpace {
  readonly guid: string
  readonly name: string
  readonly orgGuid: string
  readonly segmentGuid: string | null
  readonly labels: Labels
}

export interface LiveGroup {
  readonly guid: string
  readonly name: string
  readonly rules: readonly RuleSpec[]
  readonly globallyEnabled: GloballyEnabled
  readonly runningSpaceGuids: readonly string[]
  readonly stagingSpaceGuids: readonly string[]
}

export interface LiveAllowlist {
  /** host.domain[/path]: as the file names it, or as the platform writes it for a route the file does not name. */
  readonly route: string
  /** The route's org; absent when there is no such route. */
  readonly org?: string
  /** Canonical CIDRs, sorted, when the route is behind cgx's route service ([]: it lets nobody in); else undefined. */
  readonly allow?: readonly string[]
  /** Why apply cannot change this route's allowlist now (no proxy in its org, another route service bound). */
  readonly blocker?: AllowlistBlocker
  /**
   * Why the route, bound to cgx's route service, does not go through the org's proxy (its instance names another URL,
   * or a repoint has not reached the router): apply repoints it, even when the allow list already matches.
   */
  readonly stale?: string
  /** For a route that does not exist: existing routes with a close name. */
  readonly suggestions?: readonly string[]
}

export interface AllowlistBlocker {
  /** The error code apply stops with, e.g. PROXY_NOT_DEPLOYED. */
  readonly code: string
  readonly message: string
  /** What to run to lift it. */
  readonly fix: string
}

export interface LiveState {
  readonly api: string
  readonly segments: readonly LiveSegment[]
  readonly orgs: readonly LiveOrg[]
  readonly spaces: readonly LiveSpace[]
  readonly securityGroups: readonly LiveGroup[]
  /** The routes the file names and every route behind cgx's route service; none when allowlists are not managed. */
  readonly allowlists: readonly LiveAllowlist[]
  /** The user-provided instances named like the file's client certificates; absent when the file names none. */
  readonly clientCertificates?: readonly LiveClientCert[]
}

export interface LiveClientCert {
  readonly org: string
  readonly space: string
  readonly name: string
  /** Labelled as a cgx client certificate: only those are rotated. */
  readonly cgx: boolean
  /** Whole days left on its certificate (negative: expired); absent when it holds none. */
  readonly daysLeft?: number
}

export function isManaged(labels: Labels): boolean {
  return labels[MANAGED_LABEL.key] === MANAGED_LABEL.value
}

/** CF compares segment names case-insensitively; the file does too. */
export function segmentKey(name: string): string {
  return name.toLowerCase()
}
