// Process entry of the pushed app (bundled to server.mjs): `node server.mjs [--policy-file F] [--port N]`.
// Cloud Foundry provides PORT; `cgx route-service deploy` sets CGX_ALLOWLIST.

import {parseArgs} from 'node:util'

import {CALIBRATE_VAR, INSTANCE_HEADER_VAR, PORT_VAR} from './contract.js'
import {closeOnSignal} from './lifecycle.js'
import {loadPolicy, PolicyLoadError} from './load-policy.js'
import {jsonLineLogger, logEvent} from './log.js'
import {startRouteService} from './server.js'

const DEFAULT_PORT = 8080

async function main(): Promise<void> {
  const logger = jsonLineLogger()
  const {values} = parseArgs({
    options: {
      'policy-file': {type: 'string'},
      port: {type: 'string'},
      'allow-whole-space': {type: 'boolean'},
      calibrate: {type: 'boolean'},
    },
  })
  const env = process.env
  const policy = loadPolicy({
    env,
    policyFile: values['policy-file'],
    allowWholeSpace: values['allow-whole-space'] || undefined,
    onWarning: (warning) => logEvent(logger, 'policy-warning', {code: warning.code, path: warning.path, summary: warning.summary}),
  })
  const calibrate = values.calibrate === true || env[CALIBRATE_VAR] === 'true'
  const service = await startRouteService({
    policy,
    port: Number(values.port ?? env[PORT_VAR] ?? DEFAULT_PORT),
    logger,
    calibrate,
    instanceHeader: env[INSTANCE_HEADER_VAR],
  })
  logEvent(logger, 'start', {
    port: service.port,
    routes: policy.routes.length,
    hops: policy.hops.length,
    hopProfile: policy.hopProfile,
    calibrate,
  })
  await closeOnSignal(service, logger)
}

main().catch((error: unknown) => {
  const fields =
    error instanceof PolicyLoadError
      ? {code: error.code, message: error.message}
      : {code: 'START_FAILED', message: error instanceof Error ? error.message : String(error)}
  process.stderr.write(`${JSON.stringify({time: new Date().toISOString(), event: 'start-failed', ...fields})}\n`)
  process.exitCode = 1
})
