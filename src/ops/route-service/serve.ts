// `cgx route-service serve`: run the allowlist proxy in this process (the pushed app runs the same code from its
// bundle) until SIGTERM or SIGINT, then close gracefully.
import {closeOnSignal, jsonLineLogger, loadPolicy, PolicyLoadError, startRouteService} from '../../route-service/index.js'
import {logEvent} from '../../route-service/log.js'
import {OpError, PortInUseError} from '../errors.js'
import type {Reporter} from '../reporter.js'

export interface ServeRequest {
  port: number
  policyFile?: string
  env: Readonly<Record<string, string | undefined>>
}

export interface ServeResult {
  port: number
  routes: number
  stopped: true
}

export async function serveRouteService(request: ServeRequest, reporter: Reporter): Promise<ServeResult> {
  const policy = readPolicy(request, reporter)
  const logger = jsonLineLogger()
  const service = await startRouteService({
    policy,
    port: request.port,
    logger,
    calibrate: request.env.CGX_CALIBRATE === 'true',
    instanceHeader: request.env.CGX_INSTANCE_HEADER,
  }).catch((error: unknown) => {
    throw portInUse(error, request.port) ?? error
  })
  logEvent(logger, 'start', {port: service.port, routes: policy.routes.length, hops: policy.hops.length, hopProfile: policy.hopProfile})
  reporter.progress(`Allowlist route service on port ${service.port}, ${policy.routes.length} route(s); stop with Ctrl-C (SIGINT) or SIGTERM.`)
  await closeOnSignal(service, logger)
  return {port: service.port, routes: policy.routes.length, stopped: true}
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
    throw new OpError(error.code, error.message, {suggestions: ['The policy shape is {"hops": PRESET|["CIDR,..."], "routes": [{"route": "host/path", "allow": ["CIDR"]}]}.']})
  }
}
