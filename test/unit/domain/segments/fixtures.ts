// A small foundation for the segment tests: one org that trips every warning, one that is tidy.

import type {SegmentRef} from '../../../../src/domain/segments/effective.js'
import type {AppPlacement, OrgSegmentState, SpaceSegmentState} from '../../../../src/domain/segments/state.js'

export const vpn: SegmentRef = {guid: 'seg-vpn', name: 'agency-vpn'}
export const lab: SegmentRef = {guid: 'seg-lab', name: 'lab'}
export const east: SegmentRef = {guid: 'seg-east', name: 'east'}

export const messy: OrgSegmentState = {guid: 'org-messy', name: 'messy', entitled: [vpn, lab]}
export const tidy: OrgSegmentState = {guid: 'org-tidy', name: 'tidy', entitled: [vpn], defaultSegment: vpn}

export const spaces: SpaceSegmentState[] = [
  {guid: 'sp-a', name: 'a', orgGuid: 'org-messy', segment: vpn},
  {guid: 'sp-b', name: 'b', orgGuid: 'org-messy'},
  {guid: 'sp-c', name: 'c', orgGuid: 'org-messy'},
  {guid: 'sp-d', name: 'd', orgGuid: 'org-tidy'},
]

export const apps: AppPlacement[] = [
  {guid: 'app-1', name: 'web', spaceGuid: 'sp-a', instanceSegments: [null, 'agency-vpn', null]},
  {guid: 'app-2', name: 'worker', spaceGuid: 'sp-a', instanceSegments: ['agency-vpn']},
  {guid: 'app-3', name: 'api', spaceGuid: 'sp-d', instanceSegments: ['AGENCY-VPN']},
]
