// The allowlist route service's public API: the oclif command and the bundle entry build on these.

export {closeOnSignal} from './lifecycle.js'
export {loadPolicy, PolicyLoadError, type LoadPolicyOptions} from './load-policy.js'
export {jsonLineLogger, type LogEntry, type Logger} from './log.js'
export {startRouteService, type RouteService, type RouteServiceOptions, type ServerTimeouts} from './server.js'
export type {UpstreamTimeouts, UpstreamTls} from './upstream.js'
