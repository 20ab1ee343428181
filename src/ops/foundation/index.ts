// The foundation snapshot shared by the segment and reach reports (and the segment write commands).
export {loadFoundation, type FoundationScope, type FoundationSnapshot, type LoadFoundationOptions} from './snapshot.js'
export {
  assignmentsBySpace,
  entitlementsByOrg,
  loadOrgDefaults,
  loadSegments,
  loadSegmentsAndDefaults,
  LOOKUP_CONCURRENCY,
  type LoadSegmentsOptions,
  type SegmentSnapshot,
} from './segments.js'
export {createLimiter, type Limiter} from './limiter.js'
export {loadSecurityGroups, type SecurityGroupsSnapshot} from './security-groups.js'
export {segmentNetworks, type NetworkOptions, type SegmentNetworks} from './networks.js'
export {resolveScope, type ResolvedScope, type ScopeNames} from './scope.js'
export {loadAppPlacements} from './placements.js'
export {resolveNetworkSources, type FoundationNetworkSettings, type NetworkSources} from './network-sources.js'
export {networkOverrides, parseNetworksFile, readNetworksFile} from './networks-file.js'
