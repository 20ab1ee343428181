// A fresh example foundation per describe block, clients for its users (logged in from env credentials, so no
// config file is read or written), and a reporter that remembers what it was told.
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {createCfClientFromConfig, type CfClient} from '../../../../src/cf/index.js'
import type {Reporter} from '../../../../src/ops/reporter.js'
import {useSimulator, writesIn} from '../../../helpers/sim.js'

export const USERS = {
  admin: ['admin', 'admin'],
  /** Org manager of agency-a (and space developer of agency-a/prod). */
  manager: ['dev@agency-a.gov', 'dev-password'],
  /** Space developer of agency-a/dev only: may read the org, not manage it. */
  developer: ['sd@agency-a.gov', 'sd-password'],
} as const

export function useFoundation() {
  const sim = useSimulator({deploymentStepMs: 5})
  const clients: CfClient[] = []
  let home = ''
  before(() => {
    home = mkdtempSync(path.join(tmpdir(), 'cgx-ops-it-'))
  })
  after(() => {
    for (const client of clients) client.close()
    rmSync(home, {recursive: true, force: true})
  })
  return {
    sim,
    async client(user: keyof typeof USERS = 'admin'): Promise<CfClient> {
      const [username, password] = USERS[user]
      const env = {CF_API: sim().url, CF_USERNAME: username, CF_PASSWORD: password, HOME: home}
      const client = await createCfClientFromConfig({env, trace: 'false'})
      clients.push(client)
      return client
    },
    writes: () => writesIn(sim()),
  }
}

export function recordingReporter(): Reporter & {progressed: string[]; warned: string[]} {
  const progressed: string[] = []
  const warned: string[] = []
  return {progressed, warned, progress: (m) => void progressed.push(m), warn: (m) => void warned.push(m)}
}
