import {fileURLToPath} from 'node:url'

import {isApiVersion, SeedError, startSimulator} from '../sim/index.js'
import {InvalidInputError} from './errors.js'

export interface SandboxInfo {
  api: string
  username: string
  password: string
  /** UAA's passcode page: a one-time code for the default user, for `cgx login --sso`. */
  passcodeUrl: string
  seed: string
  stateFile?: string
  /** The Cloud Controller API version the sandbox presents. */
  apiVersion: string
}

export interface RunningSandbox {
  info: SandboxInfo
  /** Resolves once SIGINT or SIGTERM arrived and the simulator has stopped. */
  untilInterrupted(): Promise<void>
}

export const DEFAULT_SEED = fileURLToPath(new URL('../../examples/foundation.yml', import.meta.url))

export interface SandboxOptions {
  port: number
  seedFile?: string
  stateFile?: string
  latencyMs: number
  apiVersion?: string
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  if (options.apiVersion !== undefined && !isApiVersion(options.apiVersion)) throw invalidApiVersion(options.apiVersion)
  const seed = options.seedFile ?? DEFAULT_SEED
  const {port, stateFile, latencyMs, apiVersion} = options
  const username = 'admin'
  const sim = await startSimulator({port, seed, stateFile, latencyMs, apiVersion, passcodeUser: username}).catch((error: unknown) => {
    throw error instanceof SeedError ? invalidSeed(error) : error
  })
  const info: SandboxInfo = {
    api: sim.url,
    username,
    password: 'admin',
    passcodeUrl: `${sim.url}/uaa/passcode`,
    seed,
    ...(stateFile ? {stateFile} : {}),
    apiVersion: sim.apiVersion,
  }
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

function invalidApiVersion(text: string): InvalidInputError {
  return new InvalidInputError('SANDBOX_API_VERSION_INVALID', `--api-version '${text}' is not an API version like 3.180.0.`, [
    'Give major.minor.patch, as GET / shows it in links.cloud_controller_v3.meta.version.',
  ])
}
