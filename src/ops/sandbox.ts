import {fileURLToPath} from 'node:url'

import {SeedError, startSimulator} from '../sim/index.js'
import {InvalidInputError} from './errors.js'

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
  const sim = await startSimulator({port: options.port, seed, stateFile: options.stateFile, latencyMs: options.latencyMs}).catch((error: unknown) => {
    throw error instanceof SeedError ? invalidSeed(error) : error
  })
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

/** A seed the user wrote is bad input: its first line says where (file, line, column), the rest lists the problems. */
function invalidSeed(error: SeedError): InvalidInputError {
  const [first, ...rest] = error.message.split('\n\n')[0].split('\n')
  return new InvalidInputError('SANDBOX_SEED_INVALID', first.replace(/:$/, '.'), [
    ...rest.map((line) => line.trim()),
    'The seed format is that of examples/foundation.yml.',
  ])
}
