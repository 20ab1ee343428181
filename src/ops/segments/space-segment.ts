// Shared by `segment assign` and `segment unassign`: set the segment of one space (or clear it), idempotently,
// then say which of its apps still run on the old segment.
import type {CfClient, IsolationSegment} from '../../cf/index.js'
import {effectiveSegment, type SegmentRef, type SegmentSource} from '../../domain/segments/effective.js'
import type {Reporter} from '../reporter.js'
import {checkNameFlags, findSpace, orgFromFlagOrTarget} from '../resolve.js'
import {guardWrite, orgManagerOf} from '../guard.js'
import {ref, type NamedRef} from '../named.js'
import {notEntitled} from './not-entitled.js'
import {appsToRestart, restartIfAsked, type AppToRestart, type RestartedApp, type RestartOptions} from './restart.js'

export interface SpaceSegmentRequest extends RestartOptions {
  space: string
  /** Default: the targeted org. */
  org?: string
}

export interface SpaceSegmentResult {
  org: NamedRef
  space: NamedRef
  /** The space's own segment after the command; null when it has none (it follows the org default). */
  segment: NamedRef | null
  previous: NamedRef | null
  /** Where the space's apps run once restarted, and why: 'space', 'org-default' or 'shared'. */
  effectiveSegment: NamedRef & {source: SegmentSource}
  changed: boolean
  restartNeeded: AppToRestart[]
  restarted: RestartedApp[]
}

/** `segment` null clears the assignment. Every name is resolved and checked before the one write. */
export async function setSpaceSegment(
  cf: CfClient,
  request: SpaceSegmentRequest,
  findTarget: () => Promise<IsolationSegment | null>,
  reporter: Reporter,
): Promise<SpaceSegmentResult> {
  checkNameFlags(request)
  const org = await orgFromFlagOrTarget(cf, request.org)
  const space = await findSpace(cf, org, request.space)
  const segment = await findTarget()
  if (segment && !(await cf.isolationSegments.listEntitledOrganizationGuids(segment.guid)).includes(org.guid))
    throw notEntitled(segment, org)
  const [previous, orgDefault] = await Promise.all([
    segmentRef(cf, await cf.spaces.getIsolationSegment(space.guid)),
    segmentRef(cf, await cf.organizations.getDefaultIsolationSegment(org.guid)),
  ])
  const changed = (previous?.guid ?? null) !== (segment?.guid ?? null)
  if (changed) {
    const action = `changing the segment of space '${space.name}' in org '${org.name}'`
    await guardWrite({action, role: orgManagerOf(org), unprocessable: () => (segment ? notEntitled(segment, org) : undefined)}, () =>
      cf.spaces.setIsolationSegment(space.guid, segment?.guid ?? null),
    )
  }
  const effective = effectiveSegment(segment ? ref(segment) : undefined, orgDefault)
  const restartNeeded = await appsToRestart(cf, [{guid: space.guid, name: space.name, org: org.name, effective}])
  return {
    org: ref(org),
    space: ref(space),
    segment: segment ? ref(segment) : null,
    previous: previous ?? null,
    effectiveSegment: {name: effective.name, guid: effective.guid, source: effective.source},
    changed,
    restartNeeded,
    restarted: await restartIfAsked(cf, restartNeeded, request, reporter),
  }
}

/** A segment GUID from a relationship, with its name (one read); undefined for none. */
export async function segmentRef(cf: CfClient, guid: string | null): Promise<SegmentRef | undefined> {
  return guid === null ? undefined : ref(await cf.isolationSegments.get(guid))
}
