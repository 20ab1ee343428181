// `cgx segment default [SEGMENT|--reset] [--org ORG]`: the segment an org's spaces run on unless they have their own.
// With neither, it shows the current default, the spaces that follow it and the apps that have not moved to it yet.
import type {CfClient} from '../../cf/index.js'
import {effectiveSegment} from '../../domain/segments/effective.js'
import {InvalidInputError} from '../errors.js'
import {loadFoundation} from '../foundation/index.js'
import type {Reporter} from '../reporter.js'
import {checkNameFlags, findSegment, orgFromFlagOrTarget} from '../resolve.js'
import {guardWrite, orgManagerOf} from '../guard.js'
import {ref, type NamedRef} from '../named.js'
import {notEntitled} from './not-entitled.js'
import {appsToRestart, restartIfAsked, type AppToRestart, type RestartedApp, type RestartOptions, type SpaceAfterChange} from './restart.js'
import {segmentRef} from './space-segment.js'

export interface DefaultSegmentRequest extends RestartOptions {
  /** The new default; absent with `reset`. */
  segment?: string
  /** Clear the default: spaces without their own segment run on shared. */
  reset?: boolean
  /** Default: the targeted org. */
  org?: string
}

export interface DefaultSegmentResult {
  /** `show`: neither a segment nor --reset was given; nothing was written. */
  action: 'show' | 'set' | 'reset'
  org: NamedRef
  /** The org's default after the command; null when it has none (shared). */
  segment: NamedRef | null
  previous: NamedRef | null
  changed: boolean
  /** Spaces without a segment of their own: they follow the default. */
  followingSpaces: string[]
  restartNeeded: AppToRestart[]
  restarted: RestartedApp[]
}

export async function setDefaultSegment(cf: CfClient, request: DefaultSegmentRequest, reporter: Reporter): Promise<DefaultSegmentResult> {
  if (request.segment !== undefined && request.reset) {
    throw new InvalidInputError('SEGMENT_OR_RESET', 'Give a segment or --reset, not both.', [
      'cgx segment default vpn-east --org my-org',
      'cgx segment default --reset --org my-org',
    ])
  }
  checkNameFlags(request)
  const org = await orgFromFlagOrTarget(cf, request.org)
  const action = request.reset ? 'reset' : request.segment === undefined ? 'show' : 'set'
  const segment =
    action === 'show' ? await currentDefault(cf, org) : request.segment === undefined ? null : await findSegment(cf, request.segment)
  const change = action === 'show' ? {previous: segment, changed: false} : await applyDefault(cf, org, segment)
  const [following] = await spacesFollowingDefault(cf, [{org, segment}])
  const restartNeeded = await appsToRestart(cf, following)
  return {
    action,
    org: ref(org),
    segment: segment ? ref(segment) : null,
    previous: change.previous,
    changed: change.changed,
    followingSpaces: following.map((s) => s.name),
    restartNeeded,
    restarted: await restartIfAsked(cf, restartNeeded, request, reporter),
  }
}

async function currentDefault(cf: CfClient, org: NamedRef): Promise<NamedRef | null> {
  return (await segmentRef(cf, await cf.organizations.getDefaultIsolationSegment(org.guid))) ?? null
}

/** Make `segment` (null: none) the org's default unless it already is; refuses a segment the org is not entitled to. */
export async function applyDefault(
  cf: CfClient,
  org: NamedRef,
  segment: NamedRef | null,
): Promise<{previous: NamedRef | null; changed: boolean}> {
  if (segment && !(await cf.isolationSegments.listEntitledOrganizationGuids(segment.guid)).includes(org.guid))
    throw notEntitled(segment, org)
  const previous = (await segmentRef(cf, await cf.organizations.getDefaultIsolationSegment(org.guid))) ?? null
  const changed = (previous?.guid ?? null) !== (segment?.guid ?? null)
  if (changed) {
    const guard = {
      action: `changing the default segment of org '${org.name}'`,
      role: orgManagerOf(org),
      unprocessable: () => (segment ? notEntitled(segment, org) : undefined),
    }
    await guardWrite(guard, () => cf.organizations.setDefaultIsolationSegment(org.guid, segment?.guid ?? null))
  }
  return {previous, changed}
}

/** Per org (in input order), its spaces without their own segment, with the default as their effective segment. */
export async function spacesFollowingDefault(
  cf: CfClient,
  defaults: readonly {org: NamedRef; segment: NamedRef | null}[],
): Promise<SpaceAfterChange[][]> {
  const foundation = await loadFoundation(cf, {scope: {orgGuids: defaults.map((d) => d.org.guid)}})
  return defaults.map(({org, segment}) => {
    const effective = effectiveSegment(undefined, segment ?? undefined)
    return foundation.spaces
      .filter((space) => space.orgGuid === org.guid && space.segment === undefined)
      .map((space) => ({guid: space.guid, name: space.name, org: org.name, effective}))
  })
}
