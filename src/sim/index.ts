// The foundation simulator: a stateful Cloud Controller v3 + UAA look-alike over real HTTP on loopback.
//
// Over HTTP, next to the API (not journaled, no latency, no faults):
//   GET    /_sim/journal  -> {"requests":[{method, path, query, status, time}]}   DELETE /_sim/journal clears it
//   POST   /_sim/faults   a FaultRule as JSON, or {"random":{"rate":0.2,"kinds":["5xx","429","reset"],"seed":1}}
//   DELETE /_sim/faults   removes every rule and random mode
//   GET    /_sim/router   -> {"routes":[{guid, url, routeServiceUrl, history:[{time, routeServiceUrl, journalIndex}]}]}
//   GET    /_sim/passcode?username=NAME -> {"passcode":"..."}: a one-time code for `cgx login --sso-passcode`
// UAA lives at `${url}/uaa` (GET /uaa/login, GET /uaa/passcode, POST /uaa/oauth/token). The seed format is documented in seed.ts,
// the simplified permission model in access.ts.
import {randomBytes} from 'node:crypto'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {buildDispatchers} from './api/index.js'
import {LATEST_API_VERSION, parseApiVersion} from './api-versions.js'
import {isActive, tick} from './deployment-updater.js'
import {Faults} from './faults.js'
import type {Services} from './http.js'
import {Journal} from './journal.js'
import {Passcodes} from './passcodes.js'
import {loadState, saveState} from './persistence.js'
import {RouterView} from './router-view.js'
import {readSeedFile, validateSeed, type SeedDocument} from './seed.js'
import {loadSeed} from './seed-load.js'
import {createListener} from './server.js'
import type {Store} from './store.js'

export type {JournalEntry} from './journal.js'
export type {FaultRule, RandomFaults, RandomFaultKind} from './faults.js'
export type {SeedDocument} from './seed.js'
export {SeedError} from './seed.js'
export {generateSeed} from './generate.js'
export {SHARED_SEGMENT_GUID} from './guid.js'
export {isApiVersion, LATEST_API_VERSION} from './api-versions.js'
export type {Journal, Faults, RouterView, Store}

export interface SimulatorOptions {
  /** A parsed seed object, or the path of a YAML seed file. */
  seed?: SeedDocument | string
  /** Persist state here (JSON, atomic write after each change); loaded instead of the seed when it exists. */
  stateFile?: string
  host?: string
  port?: number
  /** Added to every request except /_sim/*. */
  latencyMs?: number
  /** Access-token lifetime; default 600. */
  tokenLifetimeSec?: number
  /** How long a one-time passcode stays good; default 300 (UAA's five minutes). */
  passcodeLifetimeSec?: number
  /** Whose passcode GET /uaa/passcode shows (the browser page of real UAA); default admin. */
  passcodeUser?: string
  /** How long async jobs stay PROCESSING; default 50. */
  jobDelayMs?: number
  /** How long builds stay STAGING; default 50. */
  stagingDelayMs?: number
  /** Rolling-deployment updater tick (real CF: 30 s); default 50. */
  deploymentStepMs?: number
  /** Present this older CC API version (x.y.z): GET / says it, and body fields it does not know yet are refused
   * (see api-versions.ts). Default: the version of the reference data, 3.228.0. */
  apiVersion?: string
}

export interface Simulator {
  url: string
  /** The CC API version presented. */
  apiVersion: string
  journal: Journal
  faults: Faults
  router: RouterView
  store: Store
  /** Calls `listener` after every change of state (a successful write, a background step); returns the unsubscribe. */
  observe(listener: () => void): () => void
  close(): Promise<void>
}

function initialStore(options: SimulatorOptions): Store {
  const fromFile = options.stateFile ? loadState(options.stateFile) : undefined
  if (fromFile) return fromFile
  const secret = randomBytes(32).toString('hex')
  if (typeof options.seed === 'string') return loadSeed(readSeedFile(options.seed), secret, options.seed)
  return loadSeed(validateSeed(options.seed ?? {}), secret)
}

/** Timers for background work (jobs, staging, deployments), all stopped on close. */
function scheduler(afterChange: () => void) {
  const timers = new Set<NodeJS.Timeout>()
  return {
    later(ms: number, task: () => void): void {
      const timer = setTimeout(() => {
        timers.delete(timer)
        task()
        afterChange()
      }, ms)
      timers.add(timer)
    },
    every(ms: number, task: () => boolean): void {
      const timer = setInterval(() => {
        const more = task()
        afterChange()
        if (!more) {
          clearInterval(timer)
          timers.delete(timer)
        }
      }, ms)
      timers.add(timer)
    },
    stop(): void {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
  }
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(server.address() as AddressInfo))
  })
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const apiVersion = options.apiVersion ?? LATEST_API_VERSION
  parseApiVersion(apiVersion)
  const store = initialStore(options)
  const router = new RouterView(store)
  const journal = new Journal()
  const faults = new Faults()
  const observers = new Set<() => void>()
  const changed = () => {
    if (options.stateFile) saveState(options.stateFile, store)
    for (const observer of observers) observer()
  }
  const timers = scheduler(changed)
  const services: Services = {
    store,
    router,
    apiVersion,
    tokenLifetimeSec: options.tokenLifetimeSec ?? 600,
    passcodes: new Passcodes(options.passcodeLifetimeSec),
    passcodeUser: options.passcodeUser ?? 'admin',
    jobDelayMs: options.jobDelayMs ?? 50,
    stagingDelayMs: options.stagingDelayMs ?? 50,
    deploymentStepMs: options.deploymentStepMs ?? 50,
    later: timers.later,
    every: timers.every,
  }
  // A state file may hold deployments that were mid-way: the updater picks them up again.
  for (const deployment of store.tables.deployments.all().filter((d) => isActive(d) && d.state !== 'PAUSED')) {
    timers.every(services.deploymentStepMs, () => tick(store, router, deployment.guid, null))
  }
  const {publicRoutes, apiRoutes} = buildDispatchers()
  const server = createServer(
    createListener({journal, faults, router, services, latencyMs: options.latencyMs ?? 0, publicRoutes, apiRoutes, changed}),
  )
  const host = options.host ?? '127.0.0.1'
  const address = await listen(server, options.port ?? 0, host)
  changed()
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    apiVersion,
    journal,
    faults,
    router,
    store,
    observe: (listener) => {
      observers.add(listener)
      return () => observers.delete(listener)
    },
    close: () =>
      new Promise<void>((resolve) => {
        timers.stop()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
