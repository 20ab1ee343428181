// From a plan to the writes that carry it out, in dependency order: segments → orgs → entitlements → org defaults →
// spaces → space segments → security groups → bindings → route allowlists (one step per org: its proxy rolls out
// once); then deletes in reverse (spaces, entitlements, orgs, segments). Pure: the ops layer resolves names to GUIDs
// and sends each step.
import {addedItems} from './fields.js'
import type {Lifecycle, RuleSpec} from './model.js'
import type {Change, Fields} from './plan.js'

export type Step =
  | {kind: 'create-segment'; segment: string; networks?: readonly string[]}
  | {kind: 'set-networks'; segment: string; networks: readonly string[]}
  | {kind: 'create-org'; org: string}
  | {kind: 'entitle'; segment: string; org: string}
  | {kind: 'set-default'; org: string; segment: string | null}
  | {kind: 'create-space'; org: string; space: string}
  | {kind: 'set-space-segment'; org: string; space: string; segment: string | null}
  | {kind: 'create-group'; group: string; rules: readonly RuleSpec[]; globallyEnabled?: Partial<Record<Lifecycle, boolean>>}
  | {kind: 'update-group'; group: string; rules: readonly RuleSpec[]; globallyEnabled?: Partial<Record<Lifecycle, boolean>>}
  | {kind: 'bind'; group: string; lifecycle: Lifecycle; org: string; space: string}
  | {kind: 'unbind'; group: string; lifecycle: Lifecycle; org: string; space: string}
  | {kind: 'set-allowlists'; org: string; routes: readonly AllowlistEdit[]}
  | {kind: 'create-client-cert'; org: string; space: string; name: string; issue: ClientCertIssue}
  | {kind: 'rotate-client-cert'; org: string; space: string; name: string; issue: ClientCertIssue}
  | {kind: 'delete-space'; org: string; space: string}
  | {kind: 'revoke'; segment: string; org: string}
  | {kind: 'delete-org'; org: string}
  | {kind: 'delete-segment'; segment: string}

export type StepKind = Step['kind']

/** A route's allow list as it will be; null takes the route off the allowlist (it becomes public). */
export interface AllowlistEdit {
  readonly route: string
  readonly allow: readonly string[] | null
}

/** How a client certificate is issued: the file's settings, and where the org's CA is created if it has none. */
export interface ClientCertIssue {
  readonly days: number
  readonly keyType: string
  readonly commonName?: string
  readonly restartApps: readonly string[]
  readonly caSpace?: string
}

/** Execution order by kind; bind before unbind so a space never goes through a moment with fewer groups than asked. */
const ORDER: readonly StepKind[] = [
  'create-segment',
  'set-networks',
  'create-org',
  'entitle',
  'set-default',
  'create-space',
  'set-space-segment',
  'create-group',
  'update-group',
  'bind',
  'unbind',
  'set-allowlists',
  'create-client-cert',
  'rotate-client-cert',
  'delete-space',
  'revoke',
  'delete-org',
  'delete-segment',
]

export interface PlannedStep {
  readonly step: Step
  /** The changes this step carries out (several for one org's allowlists). */
  readonly addresses: readonly string[]
}

export function stepsOf(changes: readonly Change[]): PlannedStep[] {
  const steps = changes.flatMap((change) => stepsOfChange(change).map((step) => ({step, addresses: [change.address]})))
  // Array.prototype.sort is stable: within a kind, plan order is kept.
  return [...steps, ...allowlistSteps(changes)].sort((a, b) => ORDER.indexOf(a.step.kind) - ORDER.indexOf(b.step.kind))
}

/** One step per org: all of its routes' allowlists change in one rollout of the org's proxy. */
function allowlistSteps(changes: readonly Change[]): PlannedStep[] {
  const byOrg = new Map<string, Change[]>()
  for (const change of changes.filter((c) => c.type === 'route_allowlist' && c.action !== 'no-op')) {
    const org = change.name.org ?? ''
    byOrg.set(org, [...(byOrg.get(org) ?? []), change])
  }
  return [...byOrg].map(([org, orgChanges]) => ({
    step: {
      kind: 'set-allowlists',
      org,
      routes: orgChanges.map((c) => ({route: c.name.name, allow: (c.after?.allow as string[] | undefined) ?? null})),
    },
    addresses: orgChanges.map((c) => c.address),
  }))
}

function stepsOfChange(change: Change): Step[] {
  if (change.action === 'no-op') return []
  const {before, after} = change
  switch (change.type) {
    case 'segment':
      return segmentSteps(change.name.name, before, after)
    case 'org':
      return orgSteps(change.name.name, before, after)
    case 'space':
      return spaceSteps(change.name.org ?? '', change.name.name, before, after)
    case 'security_group':
      return groupSteps(change.name.name, before, after)
    case 'route_allowlist':
      return []
    case 'client_certificate':
      return after === null
        ? []
        : [
            {
              kind: before === null ? 'create-client-cert' : 'rotate-client-cert',
              org: change.name.org ?? '',
              space: change.name.space ?? '',
              name: change.name.name,
              issue: issueOf(after),
            },
          ]
  }
}

function segmentSteps(segment: string, before: Fields | null, after: Fields | null): Step[] {
  const steps: Step[] = []
  if (before === null) steps.push({kind: 'create-segment', segment, ...(after?.networks ? {networks: after.networks as string[]} : {})})
  else if (after !== null && changed(before, after, 'networks'))
    steps.push({kind: 'set-networks', segment, networks: after.networks as string[]})
  for (const org of addedItems(before?.orgs, after?.orgs)) steps.push({kind: 'entitle', segment, org})
  for (const org of addedItems(after?.orgs, before?.orgs)) steps.push({kind: 'revoke', segment, org})
  if (after === null) steps.push({kind: 'delete-segment', segment})
  return steps
}

function orgSteps(org: string, before: Fields | null, after: Fields | null): Step[] {
  if (after === null) return [{kind: 'delete-org', org}]
  const steps: Step[] = before === null ? [{kind: 'create-org', org}] : []
  if (changed(before ?? {}, after, 'default_segment') && (before !== null || after.default_segment !== null)) {
    steps.push({kind: 'set-default', org, segment: after.default_segment as string | null})
  }
  return steps
}

function spaceSteps(org: string, space: string, before: Fields | null, after: Fields | null): Step[] {
  if (after === null) return [{kind: 'delete-space', org, space}]
  const steps: Step[] = before === null ? [{kind: 'create-space', org, space}] : []
  if (changed(before ?? {}, after, 'segment') && (before !== null || after.segment !== null)) {
    steps.push({kind: 'set-space-segment', org, space, segment: after.segment as string | null})
  }
  for (const lifecycle of ['running', 'staging'] as const) {
    const key = `security_groups.${lifecycle}`
    for (const group of addedItems(before?.[key], after[key])) steps.push({kind: 'bind', group, lifecycle, org, space})
    for (const group of addedItems(after[key], before?.[key])) steps.push({kind: 'unbind', group, lifecycle, org, space})
  }
  return steps
}

function groupSteps(group: string, before: Fields | null, after: Fields | null): Step[] {
  if (after === null) return []
  const globallyEnabled = after.globally_enabled as Partial<Record<Lifecycle, boolean>> | undefined
  const fields = {group, rules: after.rules as RuleSpec[], ...(globallyEnabled ? {globallyEnabled} : {})}
  return [{kind: before === null ? 'create-group' : 'update-group', ...fields}]
}

function issueOf(after: Fields): ClientCertIssue {
  return {
    days: after.days as number,
    keyType: after.key_type as string,
    restartApps: (after.restart_apps as string[] | undefined) ?? [],
    ...(typeof after.cn === 'string' ? {commonName: after.cn} : {}),
    ...(typeof after.ca_space === 'string' ? {caSpace: after.ca_space} : {}),
  }
}

function changed(before: Fields, after: Fields, key: string): boolean {
  return key in after && JSON.stringify(before[key]) !== JSON.stringify(after[key])
}

/** The step in words, for progress and for "what was done / not done". */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'create-segment':
      return `create segment ${step.segment}`
    case 'set-networks':
      return `set the networks of segment ${step.segment} to ${step.networks.join(', ') || 'none'}`
    case 'create-org':
      return `create org ${step.org}`
    case 'entitle':
      return `entitle org ${step.org} to segment ${step.segment}`
    case 'set-default':
      return `set the default segment of org ${step.org} to ${step.segment ?? 'none'}`
    case 'create-space':
      return `create space ${step.org}/${step.space}`
    case 'set-space-segment':
      return `set the segment of space ${step.org}/${step.space} to ${step.segment ?? 'none'}`
    case 'create-group':
      return `create security group ${step.group}`
    case 'update-group':
      return `update security group ${step.group}`
    case 'bind':
      return `bind ${step.group} to ${step.org}/${step.space} (${step.lifecycle})`
    case 'unbind':
      return `unbind ${step.group} from ${step.org}/${step.space} (${step.lifecycle})`
    case 'set-allowlists':
      return `set the allowlists of ${step.routes.map(describeEdit).join(', ')} (org ${step.org}, one rollout of its proxy)`
    case 'create-client-cert':
      return `create client certificate ${step.org}/${step.space}/${step.name}`
    case 'rotate-client-cert':
      return (
        `rotate client certificate ${step.org}/${step.space}/${step.name}` +
        (step.issue.restartApps.length > 0 ? ` and restart ${step.issue.restartApps.join(', ')}` : '')
      )
    case 'delete-space':
      return `delete space ${step.org}/${step.space}`
    case 'revoke':
      return `revoke segment ${step.segment} from org ${step.org}`
    case 'delete-org':
      return `delete org ${step.org}`
    case 'delete-segment':
      return `delete segment ${step.segment}`
  }
}

function describeEdit(edit: AllowlistEdit): string {
  return edit.allow === null ? `${edit.route} (removed: public)` : `${edit.route} (${edit.allow.join(', ')})`
}
