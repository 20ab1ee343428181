// `cgx segment unassign --space SPACE [--org ORG]`: the space follows its org's default segment again (or shared).
import type {CfClient} from '../../cf/index.js'
import type {Reporter} from '../reporter.js'
import {setSpaceSegment, type SpaceSegmentRequest, type SpaceSegmentResult} from './space-segment.js'

export type UnassignSegmentResult = SpaceSegmentResult

export function unassignSegment(cf: CfClient, request: SpaceSegmentRequest, reporter: Reporter): Promise<UnassignSegmentResult> {
  return setSpaceSegment(cf, request, async () => null, reporter)
}
