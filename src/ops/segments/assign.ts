// `cgx segment assign SEGMENT --space SPACE [--org ORG]`: run a space's apps on a segment entitled to its org.
import type {CfClient} from '../../cf/index.js'
import {checkNameFlags, findSegment} from '../resolve.js'
import type {Reporter} from '../reporter.js'
import {setSpaceSegment, type SpaceSegmentRequest, type SpaceSegmentResult} from './space-segment.js'

export type AssignSegmentResult = SpaceSegmentResult

export function assignSegment(
  cf: CfClient,
  request: SpaceSegmentRequest & {segment: string},
  reporter: Reporter,
): Promise<AssignSegmentResult> {
  checkNameFlags(request)
  return setSpaceSegment(cf, request, () => findSegment(cf, request.segment), reporter)
}
