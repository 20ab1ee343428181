// The misconfigurations users trip on (cloudfoundry/cli#1414), revoke blockers, and apps awaiting a restart.

import {effectiveSegment, isShared, sameSegment, type EffectiveSegment, type SegmentRef} from './effective.js'
import type {AppPlacement, OrgSegmentState, SpaceSegmentState} from './state.js'

export type SegmentWarningCode = 'ENTITLED_NO_DEFAULT' | 'DEFAULT_NOT_ENTITLED' | 'ENTITLED_UNUSED'

export interface SegmentWarning {
  readonly code: SegmentWarningCode
  readonly org: string
  readonly segment: string | null
  /** The spaces concerned, by name, when the warning is about some of them. */
  readonly spaces: readonly string[]
  readonly message: string
}

const names = (items: readonly {name: string}[]) => items.map((i) => i.name)
const quoted = (items: readonly string[]) => items.map((i) => `'${i}'`).join(', ')

/** Warnings for one org, given that org's spaces. */
export function orgWarnings(org: OrgSegmentState, spaces: readonly SpaceSegmentState[]): SegmentWarning[] {
  const isolated = org.entitled.filter((s) => !isShared(s))
  const warn = (code: SegmentWarningCode, segment: SegmentRef | null, concerned: readonly string[], message: string): SegmentWarning => ({
    code,
    org: org.name,
    segment: segment?.name ?? null,
    spaces: concerned,
    message,
  })
  const warnings: SegmentWarning[] = []
  const onShared = spaces.filter((s) => effectiveSegment(s.segment, org.defaultSegment).source === 'shared')
  if (org.defaultSegment === undefined && isolated.length > 0 && onShared.length > 0) {
    warnings.push(
      warn(
        'ENTITLED_NO_DEFAULT',
        null,
        names(onShared),
        `org '${org.name}' is entitled to ${quoted(names(isolated))} but has no default segment, so ${quoted(names(onShared))} run on shared`,
      ),
    )
  }
  const defaultSegment = org.defaultSegment
  if (defaultSegment !== undefined && !org.entitled.some((s) => sameSegment(s, defaultSegment))) {
    warnings.push(
      warn(
        'DEFAULT_NOT_ENTITLED',
        defaultSegment,
        [],
        `org '${org.name}' has default segment '${defaultSegment.name}' but is not entitled to it`,
      ),
    )
  }
  for (const segment of isolated) {
    const isDefault = defaultSegment !== undefined && sameSegment(segment, defaultSegment)
    if (isDefault || spaces.some((s) => s.segment !== undefined && sameSegment(s.segment, segment))) continue
    warnings.push(
      warn(
        'ENTITLED_UNUSED',
        segment,
        [],
        `org '${org.name}' is entitled to '${segment.name}' but it is neither the org default nor assigned to any space`,
      ),
    )
  }
  return warnings
}

export type RevokeBlockerCode = 'SEGMENT_IS_ORG_DEFAULT' | 'SEGMENT_ASSIGNED_TO_SPACES'

export interface RevokeBlocker {
  readonly code: RevokeBlockerCode
  readonly spaces: readonly string[]
  readonly message: string
}

/** Why CF would refuse to revoke the org's entitlement to the segment (capi/README.md behaviour 17); empty when it would not. */
export function revokeBlockers(segment: SegmentRef, org: OrgSegmentState, spaces: readonly SpaceSegmentState[]): RevokeBlocker[] {
  const blockers: RevokeBlocker[] = []
  if (org.defaultSegment !== undefined && sameSegment(org.defaultSegment, segment)) {
    blockers.push({code: 'SEGMENT_IS_ORG_DEFAULT', spaces: [], message: `'${segment.name}' is the default segment of org '${org.name}'`})
  }
  const assigned = names(spaces.filter((s) => s.orgGuid === org.guid && s.segment !== undefined && sameSegment(s.segment, segment)))
  if (assigned.length > 0) {
    blockers.push({
      code: 'SEGMENT_ASSIGNED_TO_SPACES',
      spaces: assigned,
      message: `'${segment.name}' is assigned to ${assigned.length === 1 ? 'space' : 'spaces'} ${quoted(assigned)} of org '${org.name}'`,
    })
  }
  return blockers
}

export interface RestartNeeded {
  readonly app: string
  readonly appGuid: string
  /** How many running instances are on another segment than the space's effective one. */
  readonly instances: number
  readonly runningOn: readonly string[]
}

/** Apps of a space with instances still on another segment: they move only when restarted. */
export function restartsNeeded(effective: EffectiveSegment, apps: readonly AppPlacement[]): RestartNeeded[] {
  const needed: RestartNeeded[] = []
  for (const app of apps) {
    const elsewhere = app.instanceSegments
      .map((segment) => segment ?? 'shared')
      .filter((segment) => segment.toLowerCase() !== effective.name.toLowerCase())
    if (elsewhere.length === 0) continue
    needed.push({app: app.name, appGuid: app.guid, instances: elsewhere.length, runningOn: [...new Set(elsewhere)].sort()})
  }
  return needed
}
