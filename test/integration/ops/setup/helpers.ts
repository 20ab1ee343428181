// A simulator seeded with the example foundation, an admin client logged in from env credentials (no config file),
// temp files for setup files, and a reporter that remembers what it was told.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {createCfClientFromConfig, type CfClient} from '../../../../src/cf/index.js'
import type {Reporter} from '../../../../src/ops/reporter.js'
import type {Simulator, SimulatorOptions} from '../../../../src/sim/index.js'
import {useSimulator} from '../../../helpers/sim.js'

/** Staging, jobs and rolling deployments in a few milliseconds, for tests that deploy the allowlist proxy. */
export const FAST_ROLLOUTS: SimulatorOptions = {deploymentStepMs: 5, stagingDelayMs: 5, jobDelayMs: 5}

/** The GUID of a route given as host.domain[/path]. */
export function routeGuid(sim: Simulator, url: string): string {
  const {routes, domains} = sim.store.tables
  const route = routes.all().find((r) => `${r.host === '' ? '' : `${r.host}.`}${domains.get(r.domain_guid)?.name ?? ''}${r.path}` === url)
  if (route === undefined) throw new Error(`no route ${url} in the simulator`)
  return route.guid
}

/** A setup file with only route allowlists. */
export function allowlistsYaml(routes: Record<string, readonly string[]>): string {
  return `route_allowlists:\n${Object.entries(routes)
    .map(([route, allow]) => `  ${route}: [${allow.join(', ')}]\n`)
    .join('')}`
}

export function useSetupFoundation(options: SimulatorOptions = {}) {
  const sim = useSimulator(options)
  const clients: CfClient[] = []
  let dir = ''
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cgx-setup-it-'))
  })
  after(() => {
    for (const client of clients) client.close()
    rmSync(dir, {recursive: true, force: true})
  })
  return {
    sim,
    async client(user: [string, string] = ['admin', 'admin']): Promise<CfClient> {
      const env = {CF_API: sim().url, CF_USERNAME: user[0], CF_PASSWORD: user[1], HOME: dir}
      const client = await createCfClientFromConfig({env, trace: 'false'})
      clients.push(client)
      return client
    },
    /** Write a setup file and return its path. */
    file(name: string, text: string): string {
      const file = path.join(dir, name)
      writeFileSync(file, text)
      return file
    },
  }
}

export function recordingReporter(): Reporter & {progressed: string[]; warned: string[]} {
  const progressed: string[] = []
  const warned: string[] = []
  return {progressed, warned, progress: (m) => progressed.push(m), warn: (m) => warned.push(m)}
}
