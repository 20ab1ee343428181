// The differ: desired (the file) against live (the foundation) → a plan. Pure; the ops layer reads the live state
// and executes the plan. Semantics (docs/setup-file.md): an object the file names is created when missing; a field
// the file sets is authoritative; a field it leaves out is not managed; nothing else changes unless --prune, which
// deletes only objects carrying the cgx managed label and not referenced by the file.
import {allowlistChanges, blockerWarnings} from './allowlists.js'
import {clientCertChanges} from './client-certs.js'
import {describeUpdate, makeChange} from './fields.js'
import {LiveIndex, sortNames} from './live-index.js'
import {LIFECYCLES, segmentKey, type LiveState, type OrgSpec, type SetupFile} from './model.js'
import {neededEntitlements, type NeededEntitlements} from './needs.js'
import {PLAN_FORMAT_VERSION, summarize, type Change, type Fields, type Plan} from './plan.js'
import {pruneChanges} from './prune.js'
import {revokeWarnings} from './revoke-warnings.js'

export interface DiffOptions {
  readonly prune: boolean
}

export function diffSetup(file: SetupFile, state: LiveState, options: DiffOptions): Plan {
  const live = new LiveIndex(state)
  const needed = neededEntitlements(file, live)
  const changes = [
    ...segmentChanges(file, live, needed),
    ...file.orgs.map((org) => orgChange(org, live)),
    ...file.orgs.flatMap((org) => spaceChanges(org, live)),
    ...groupChanges(file, live),
  ]
  const allowlists = allowlistChanges(file, live, options.prune)
  const certificates = clientCertChanges(file, state.clientCertificates ?? [])
  const pruning = pruneChanges(file, live, needed, options.prune)
  const all = [...changes, ...allowlists.changes, ...certificates.changes, ...pruning.changes]
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    api: state.api,
    prune: options.prune,
    changes: all,
    summary: summarize(all),
    warnings: [
      ...revokeWarnings(file, live, all),
      ...blockerWarnings(all, live),
      ...pruning.warnings,
      ...allowlists.warnings,
      ...certificates.warnings,
    ],
  }
}

function segmentChanges(file: SetupFile, live: LiveIndex, needed: NeededEntitlements): Change[] {
  const declared = file.segments.map((spec) => {
    const existing = live.segment(spec.name)
    const liveOrgs = existing ? live.entitledOrgs(existing) : []
    const wanted = needed.get(segmentKey(spec.name))
    const orgs = spec.orgs ? sortNames(spec.orgs) : sortNames([...liveOrgs, ...(wanted?.orgs.keys() ?? [])])
    const manageOrgs = spec.orgs !== undefined || orgs.length > liveOrgs.length
    const fields = (networks: readonly string[] | undefined, entitled: string[]): Fields => ({
      ...(spec.networks === undefined ? {} : {networks: networks ?? []}),
      ...(manageOrgs ? {orgs: entitled} : {}),
    })
    const before = existing ? fields(existing.networks, liveOrgs) : null
    return makeChange(
      'segment',
      {name: existing?.name ?? spec.name},
      before,
      fields(spec.networks, orgs),
      withNeeds(before, fields(spec.networks, orgs), wanted?.orgs, spec.orgs === undefined),
    )
  })
  // Segments the file only refers to: entitlements its orgs and spaces need are added, nothing else is touched.
  const referenced = [...needed.values()].filter((n) => !file.segments.some((s) => segmentKey(s.name) === segmentKey(n.name)))
  const added = referenced.flatMap((n) => {
    const existing = live.segment(n.name)
    if (existing === undefined) return []
    const liveOrgs = live.entitledOrgs(existing)
    const orgs = sortNames([...liveOrgs, ...n.orgs.keys()])
    if (orgs.length === liveOrgs.length) return []
    return [makeChange('segment', {name: existing.name}, {orgs: liveOrgs}, {orgs}, withNeeds({orgs: liveOrgs}, {orgs}, n.orgs, true))]
  })
  return [...declared, ...added]
}

function withNeeds(before: Fields | null, after: Fields, needs: Map<string, string> | undefined, derived: boolean): string | undefined {
  if (before === null || !derived || needs === undefined) return undefined
  const had = (before.orgs as string[] | undefined) ?? []
  const why = [...needs].filter(([org]) => !had.includes(org)).map(([org, by]) => `${org} for ${by}`)
  if (why.length === 0) return undefined
  return `${describeUpdate(before, after)} (entitlement needed: ${why.join(', ')})`
}

function orgChange(spec: OrgSpec, live: LiveIndex): Change {
  const existing = live.org(spec.name)
  const fields = (segment: string | null | undefined): Fields =>
    spec.defaultSegment === undefined ? {} : {default_segment: segment ?? null}
  const before = existing ? fields(live.segmentName(existing.defaultSegmentGuid)) : null
  return makeChange('org', {name: spec.name}, before, fields(canonicalSegment(spec.defaultSegment, live)))
}

function spaceChanges(org: OrgSpec, live: LiveIndex): Change[] {
  return org.spaces.map((spec) => {
    const existing = live.space(org.name, spec.name)
    const fields = (
      segment: string | null | undefined,
      groups: (lifecycle: 'running' | 'staging') => readonly string[] | undefined,
    ): Fields => {
      const out: Record<string, unknown> = spec.segment === undefined ? {} : {segment: segment ?? null}
      for (const lifecycle of LIFECYCLES) {
        if (spec.securityGroups?.[lifecycle] !== undefined) out[`security_groups.${lifecycle}`] = sortNames(groups(lifecycle) ?? [])
      }
      return out
    }
    const before = existing ? fields(live.segmentName(existing.segmentGuid), (l) => live.boundGroups(existing.guid, l)) : null
    const after = fields(canonicalSegment(spec.segment, live), (l) => spec.securityGroups?.[l])
    return makeChange('space', {org: org.name, name: spec.name}, before, after)
  })
}

function groupChanges(file: SetupFile, live: LiveIndex): Change[] {
  return file.securityGroups.map((spec) => {
    const existing = live.group(spec.name)
    const keys = Object.keys(spec.globallyEnabled ?? {}) as ('running' | 'staging')[]
    const global = (value: Partial<Record<'running' | 'staging', boolean>>) =>
      spec.globallyEnabled === undefined ? {} : {globally_enabled: Object.fromEntries(keys.map((k) => [k, value[k] ?? false]))}
    const before = existing ? {rules: existing.rules.map(canonicalRule), ...global(existing.globallyEnabled)} : null
    return makeChange('security_group', {name: spec.name}, before, {
      rules: spec.rules.map(canonicalRule),
      ...global(spec.globallyEnabled ?? {}),
    })
  })
}

/** A segment name as the foundation spells it, so case alone never makes a change. */
function canonicalSegment(name: string | null | undefined, live: LiveIndex): string | null | undefined {
  if (name === undefined || name === null) return name
  return live.segment(name)?.name ?? (segmentKey(name) === 'shared' ? 'shared' : name)
}

const RULE_KEYS = ['protocol', 'destination', 'ports', 'type', 'code', 'description', 'log'] as const

/** Rule fields in one order, absent ones left out, so equal rules compare equal whatever order CF sent. */
export function canonicalRule(rule: object): Record<string, unknown> {
  const fields = rule as Record<string, unknown>
  return Object.fromEntries(RULE_KEYS.filter((key) => fields[key] !== undefined).map((key) => [key, fields[key]]))
}
