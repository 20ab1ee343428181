// `cgx segment create NAME`: a new isolation segment, labelled as cgx's (so `apply --prune` may remove it when a setup
// file no longer names it). Creating one that exists is no change; one that differs only in case is refused, as the
// platform refuses it (segment names are unique without regard to case: capi behaviour 12).
import type {CfClient} from '../../cf/index.js'
import {MANAGED_LABEL} from '../../domain/setup/model.js'
import {OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {checkNameFlags} from '../resolve.js'
import {guardWrite, PLATFORM_ADMIN} from '../guard.js'
import {ref, type NamedRef} from '../named.js'

export interface CreateSegmentResult {
  segment: NamedRef
  /** False when a segment of that exact name already existed (nothing written). */
  changed: boolean
}

export async function createSegment(cf: CfClient, request: {segment: string}, reporter: Reporter): Promise<CreateSegmentResult> {
  const name = request.segment
  checkNameFlags({segment: name})
  const existing = (await cf.isolationSegments.listAll()).find((segment) => segment.name.toLowerCase() === name.toLowerCase())
  if (existing?.name === name) return {segment: ref(existing), changed: false}
  if (existing !== undefined) {
    throw new OpError('SEGMENT_NAME_TAKEN', `Segment '${existing.name}' exists: segment names are unique without regard to case.`, {
      suggestions: [`Use '${existing.name}', or choose another name.`],
    })
  }
  reporter.progress(`Creating isolation segment ${name}...`)
  const guard = {action: `creating isolation segment '${name}'`, role: PLATFORM_ADMIN}
  const created = await guardWrite(guard, () =>
    cf.isolationSegments.create({name, metadata: {labels: {[MANAGED_LABEL.key]: MANAGED_LABEL.value}}}),
  )
  return {segment: ref(created), changed: true}
}
