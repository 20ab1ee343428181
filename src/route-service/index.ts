// The allowlist route service's public API: the oclif command and the bundle entry build on these.

export {closeOnSignal} from './lifecycle.js'
export {loadPolicy, PolicyLoadError, type LoadPolicyOptions} from './load-policy.js'
export {jsonLineLogger, logEvent} from './log.js'
export {startRouteService, type RouteService, type RouteServiceOptions, type ServerTimeouts} from './server.js'
export {FIRST_BYTE_TIMEOUT_SECONDS, HEADERS_TIMEOUT_SECONDS, IDLE_TIMEOUT_SECONDS, REQUEST_TIMEOUT_SECONDS} from './timeouts.js'
export type {UpstreamTimeouts, UpstreamTls} from './upstream.js'
export {compileNginxPolicy, NginxCompileError, type NginxCompileOptions} from './nginx/compile.js'
export {
  atLeast,
  LOG_POLL_MS,
  NGINX_MINIMUM,
  NGINX_PACKAGE,
  SYSTEM_CA_FILE,
  NginxEngineError,
  nginxVersion,
  startNginxEngine,
  type NginxEngine,
  type NginxEngineOptions,
} from './nginx/run.js'
export {fillTemplate, NGINX_CONF_TEMPLATE} from './nginx/template.js'
export {
  CALIBRATE_PATH,
  CALIBRATE_VAR,
  HEALTH_PATH,
  INSTANCE_HEADER_VAR,
  NGINX_CA_VAR,
  NGINX_POLICY_VAR,
  POLICY_VAR,
  PORT_VAR,
  WHOLE_SPACE_VAR,
  type LogEntry,
  type Logger,
  type LogValue,
} from './contract.js'
