// The contract between the proxy and cgx's ops: the environment variables the deployed app reads, the paths it
// answers itself, and the shape of its log lines. Each name is spelled here only (a unit test greps for copies).

/** The policy JSON; cgx writes it and reads it back as the one record of what the proxy enforces. */
export const POLICY_VAR = 'CGX_ALLOWLIST'
/** The policy compiled for the nginx engine. */
export const NGINX_POLICY_VAR = 'CGX_NGINX_POLICY'
/** The CA bundle the nginx engine verifies upstreams with. */
export const NGINX_CA_VAR = 'CGX_NGINX_CA_FILE'
/** `true`: start with an allow list as open as /0. */
export const WHOLE_SPACE_VAR = 'CGX_ALLOW_WHOLE_SPACE'
/** `true`: answer the calibrate diagnostic. */
export const CALIBRATE_VAR = 'CGX_CALIBRATE'
/** A client header passed on as X-CF-APP-INSTANCE. */
export const INSTANCE_HEADER_VAR = 'CGX_INSTANCE_HEADER'
/** The port to listen on, as Cloud Foundry sets it. */
export const PORT_VAR = 'PORT'

/** Answered by the proxy itself, for the platform's http health check. */
export const HEALTH_PATH = '/_health'
/** The calibrate diagnostic, answered when CGX_CALIBRATE is on. */
export const CALIBRATE_PATH = '/_cgx/calibrate'

/** The `reason` of an upstream-error log line, by the gateway status answered; both engines write these words. */
export const GATEWAY_REASON = {502: 'upstream-unreachable', 504: 'upstream-timeout'} as const

/** A log line: one JSON object per line on stdout, with `time` and `event` first. */
export type LogValue = string | number | boolean | undefined | readonly unknown[]
export type LogEntry = Readonly<Record<string, LogValue>>
export type Logger = (entry: LogEntry) => void
