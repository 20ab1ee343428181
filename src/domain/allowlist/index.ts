// The allowlist policy model, shared by the route service and the route-allow / route-service commands.

export {createAddressMatcher, type AddressMatcher} from './address-matcher.js'
export {chainFromRight, createIpParser, locateClient, type ClientLocation, type IpParser} from './client-address.js'
export {compilePolicy, decide, isAddressAllowed, type CompiledPolicy, type DenyReason, type RequestFacts, type Verdict} from './decision.js'
export {findRule, mergeAllowlist, policyToJson, removeFromAllowlist, renderPolicy, type PolicyJson} from './edit.js'
export {parseForwardedUrl, type ForwardedTarget} from './forwarded-url.js'
export {
  MIN_SECRET_LENGTH,
  parsePolicy,
  type Diagnostic,
  type HeaderSecret,
  type Policy,
  type PolicyParseOptions,
  type PolicyParseResult,
  type RouteRule,
} from './policy.js'
export {HOP_PRESETS, hopPresetNames, type HopPreset} from './presets.js'
export {matchRoute, pathSegments, type RouteIndex} from './route-match.js'
export {formatRouteSpec, parseRouteSpec, routeKey, type RouteSpec} from './route-spec.js'
