// `cgx route-service serve`: run the allowlist proxy in this process (the pushed app runs the same code from its
// bundle) until SIGTERM or SIGINT, then close gracefully.
import type {Policy} from '../../domain/allowlist/index.js'
import {
  CALIBRATE_VAR,
  closeOnSignal,
  INSTANCE_HEADER_VAR,
  jsonLineLogger,
  loadPolicy,
  logEvent,
  NGINX_MINIMUM,
  NGINX_PACKAGE,
  NginxCompileError,
  NginxEngineError,
  nginxVersion,
  PolicyLoadError,
  startNginxEngine,
  startRouteService,
  type RouteService,
} from '../../route-service/index.js'
import type {Engine} from '../allowlist-proxy/index.js'
import {OpError, PortInUseError} from '../errors.js'
import type {Reporter} from '../reporter.js'

export type {Engine} from '../allowlist-proxy/index.js'

/** The variables `serve` reads, for the command's help. */
export {CALIBRATE_VAR, POLICY_VAR, PORT_VAR, WHOLE_SPACE_VAR} from '../../route-service/index.js'

export interface ServeRequest {
  port: number
  /** Default node. */
  engine?: Engine
  policyFile?: string
  env: Readonly<Record<string, string | undefined>>
}

export interface ServeResult {
  port: number
  engine: Engine
  routes: number
  stopped: true
}

export async function serveRouteService(request: ServeRequest, reporter: Reporter): Promise<ServeResult> {
  const engine = request.engine ?? 'node'
  const policy = readPolicy(request, reporter)
  const logger = jsonLineLogger()
  const service = await (
    engine === 'nginx'
      ? startNginx(policy, request)
      : startRouteService({
          policy,
          port: request.port,
          logger,
          calibrate: request.env[CALIBRATE_VAR] === 'true',
          instanceHeader: request.env[INSTANCE_HEADER_VAR],
        })
  ).catch((error: unknown) => {
    throw portInUse(error, request.port) ?? error
  })
  logEvent(logger, 'start', {
    port: service.port,
    engine,
    routes: policy.routes.length,
    hops: policy.hops.length,
    hopProfile: policy.hopProfile,
  })
  reporter.progress(
    `Allowlist route service (${engine} engine) on port ${service.port}, ${policy.routes.length} route(s); stop with Ctrl-C (SIGINT) or SIGTERM.`,
  )
  await closeOnSignal(service, logger)
  return {port: service.port, engine, routes: policy.routes.length, stopped: true}
}

/** The same policy compiled for nginx, run by the nginx on PATH; what nginx cannot do stops it here, before it starts. */
async function startNginx(policy: Policy, request: ServeRequest): Promise<RouteService> {
  if (request.env[CALIBRATE_VAR] === 'true') {
    throw new OpError('ENGINE_UNSUPPORTED', 'The calibrate diagnostic runs on the node engine only.', {
      suggestions: ['Calibrate with --engine node (cgx route-service calibrate does), then serve with --engine nginx.'],
    })
  }
  try {
    nginxVersion()
    return await startNginxEngine({policy, port: request.port, instanceHeader: request.env[INSTANCE_HEADER_VAR]})
  } catch (error) {
    if (error instanceof NginxCompileError)
      throw new OpError(error.code, error.message, {suggestions: ['Or run the node engine: --engine node.']})
    if (error instanceof NginxEngineError && (error.code === 'NGINX_MISSING' || error.code === 'NGINX_TOO_OLD')) {
      throw new OpError(error.code, error.message, {
        suggestions: [
          `Install nginx ${NGINX_MINIMUM} or later (Debian 13: apt-get install -y ${NGINX_PACKAGE}), or run the node engine: --engine node.`,
        ],
      })
    }
    throw error
  }
}

/** The listen failure a user can fix (another process holds the port), in their terms. */
function portInUse(error: unknown, port: number): PortInUseError | undefined {
  const {code, address} = error as {code?: unknown; address?: unknown}
  if (code !== 'EADDRINUSE') return undefined
  const wildcard = address === undefined || address === '::' || address === '0.0.0.0'
  return new PortInUseError(port, wildcard ? 'every interface' : String(address))
}

function readPolicy(request: ServeRequest, reporter: Reporter) {
  try {
    return loadPolicy({
      env: request.env,
      policyFile: request.policyFile,
      onWarning: (warning) => reporter.warn(`${warning.path === '' ? '' : `${warning.path}: `}${warning.summary}`),
    })
  } catch (error) {
    if (!(error instanceof PolicyLoadError)) throw error
    throw new OpError(error.code, error.message, {
      suggestions: ['The policy shape is {"hops": PRESET|["CIDR,..."], "routes": [{"route": "host/path", "allow": ["CIDR"]}]}.'],
    })
  }
}
