// Shared set-up for the route-service and route-allow ops tests: the example foundation in a simulator, a
// client logged in as admin, a small bundle standing in for the built proxy, and quick polling.
import {proxyBundle} from '../../../../src/ops/route-service/bundle.js'
import type {Reporter} from '../../../../src/ops/reporter.js'
import {exampleFoundation} from '../../../helpers/sim.js'
import {startHarness, type Harness} from '../../cf/helpers.js'

export const poll = {intervalMs: 5, timeoutMs: 10_000}

export const fakeBundle = (version = '1') =>
  proxyBundle({
    'server.mjs': new TextEncoder().encode(`// stands in for the bundled route service, version ${version}\n`),
    'package.json': new TextEncoder().encode('{"name":"cgx-route-service","private":true,"type":"module"}\n'),
  })

export async function exampleHarness(): Promise<Harness> {
  return startHarness({seed: exampleFoundation, deploymentStepMs: 5, stagingDelayMs: 5, jobDelayMs: 5})
}

/** A reporter that keeps what it was told, for assertions. */
export function recordingReporter(): Reporter & {progressed: string[]; warned: string[]} {
  const progressed: string[] = []
  const warned: string[] = []
  return {progressed, warned, progress: (m) => void progressed.push(m), warn: (m) => void warned.push(m)}
}
