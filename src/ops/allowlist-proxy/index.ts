// The org's allowlist proxy as ops see it: finding it and the policy in its environment, rolling a new policy out,
// the space instances that lead routes to it, the bindings that put routes behind it, and the routes users name.
// route-allow, route-service and setup all go through this file; nothing outside this folder imports the others.
export {
  BUNDLE_ANNOTATION,
  engineOf,
  findProxy,
  policyEnv,
  PROXY_APP_NAME,
  PROXY_ROLE,
  proxyAmbiguous,
  proxyOf,
  proxyPolicyEnv,
  proxyRouteProblem,
  proxySelector,
  requireProxy,
  ROUTE_SERVICE_NAME,
  type Engine,
  type Proxy,
} from './proxy.js'
export {envChanges, PENDING_ANNOTATION, rollOut, type RolloutOptions} from './rollout.js'
export {
  bindingsByRoute,
  bindRoute,
  currentBinding,
  isParked,
  PARKED_ANNOTATION,
  replaceRouteService,
  restoreParked,
  staleness,
  type Bound,
  type Stale,
} from './binding.js'
export {ensureRouteServiceInstance, repointOrgInstances, type RepointRun} from './instance.js'
export {domainCandidates, parseRouteInput, resolveRoute, routeSpecOf, type ResolvedRoute} from './route.js'
export {checkPolicy, ruleWarnings} from './policy-checks.js'
