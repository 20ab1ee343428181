// Shared set-up for the cf client's integration tests: a simulator on port 0, a temp CF_HOME logged in
// through the real login helper, a recording clock, and a tiny scripted upstream for headers the
// simulator does not produce. Nothing here reads the real process.env or HOME.
import {mkdtemp, rm} from 'node:fs/promises'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createCfClientFromConfig, login, type CfClient, type Clock, type FromConfigOptions} from '../../../src/cf/index.js'
import {startSimulator, type Simulator, type SimulatorOptions} from '../../../src/sim/index.js'

export interface Harness {
  sim: Simulator
  cfHome: string
  env: Record<string, string>
  client(options?: Partial<FromConfigOptions>): Promise<CfClient>
  close(): Promise<void>
}

/** A simulator and a CF_HOME logged in as admin/admin. Clients made here are closed by `close()`. */
export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const sim = await startSimulator(options)
  const cfHome = await mkdtemp(join(tmpdir(), 'cgx-cf-it-'))
  const env = {HOME: cfHome}
  await login({api: sim.url, credentials: {username: 'admin', password: 'admin'}, cfHome, env})
  const clients: CfClient[] = []
  return {
    sim,
    cfHome,
    env,
    async client(extra = {}) {
      const client = await createCfClientFromConfig({cfHome, env, trace: 'false', ...extra})
      clients.push(client)
      return client
    },
    async close() {
      for (const client of clients) client.close()
      await sim.close()
      await rm(cfHome, {recursive: true, force: true})
    },
  }
}

/** Before/after hooks for one `describe`: a harness on `options` and a client of it, handed to `ready`. */
export function useHarness(options: SimulatorOptions, ready: (harness: Harness, client: CfClient) => void): void {
  let harness: Harness | undefined
  before(async () => {
    harness = await startHarness(options)
    ready(harness, await harness.client())
  })
  after(() => harness?.close())
}

/** A clock whose sleeps return at once but are recorded, so backoff is observable without waiting. */
export function recordingClock(): Clock & {sleeps: number[]} {
  const sleeps: number[] = []
  return {sleeps, now: () => Date.now(), random: () => 0.5, sleep: async (ms) => void sleeps.push(ms)}
}

/** Journal entries for API calls (UAA and the root document left out), as "METHOD path?query". */
export function apiCalls(sim: Simulator, since = 0): string[] {
  return sim.journal
    .entries()
    .slice(since)
    .filter((entry) => entry.path.startsWith('/v3'))
    .map((entry) => `${entry.method} ${entry.path}${entry.query ? `?${decodeURIComponent(entry.query)}` : ''}`)
}

export type Responder = (req: IncomingMessage, body: string, res: ServerResponse) => void

/** A loopback HTTP server answering from a script, recording what it received. */
export async function startUpstream(
  respond: Responder,
): Promise<{url: string; received: {method: string; url: string; headers: IncomingMessage['headers']}[]; close(): Promise<void>}> {
  const received: {method: string; url: string; headers: IncomingMessage['headers']}[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({method: req.method ?? '', url: req.url ?? '', headers: req.headers})
      respond(req, Buffer.concat(chunks).toString('utf8'), res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
