import {fileURLToPath} from 'node:url'

import {startSimulator} from '../sim/index.js'

export interface SandboxInfo {
  api: string
  username: string
  password: string
  seed: string
  stateFile?: string
}

export interface RunningSandbox {
  info: SandboxInfo
  /** Resolves once SIGINT or SIGTERM arrived and the simulator has stopped. */
  untilInterrupted(): Promise<void>
}

export const DEFAULT_SEED = fileURLToPath(new URL('../../examples/foundation.yml', import.meta.url))

export async function startSandbox(options: {port: number; seedFile?: string; stateFile?: string; latencyMs: number}): Promise<RunningSandbox> {
  const seed = options.seedFile ?? DEFAULT_SEED
  const sim = await startSimulator({port: options.port, seed, stateFile: options.stateFile, latencyMs: options.latencyMs})
  const info: SandboxInfo = {api: sim.url, username: 'admin', password: 'admin', seed, ...(options.stateFile ? {stateFile: options.stateFile} : {})}
  return {
    info,
    untilInterrupted: () =>
      new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          sim.close().then(resolve, resolve)
        }
        process.on('SIGINT', stop)
        process.on('SIGTERM', stop)
      }),
  }
}
