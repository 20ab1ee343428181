import path from 'node:path'

import {startSimulator, type Simulator, type SimulatorOptions} from '../../src/sim/index.js'
import {repoRoot, runCli, tempCfHome} from './cli.js'

export const exampleFoundation = path.join(repoRoot, 'examples', 'foundation.yml')

/**
 * A fresh simulator for one `describe` block, seeded with the example foundation unless told otherwise.
 * Usage: `const sim = useSimulator()` at the top of a describe, then `sim().url` inside tests.
 */
export function useSimulator(options: SimulatorOptions = {}): () => Simulator {
  let sim: Simulator | undefined
  before(async () => {
    sim = await startSimulator({seed: exampleFoundation, ...options})
  })
  after(async () => {
    await sim?.close()
  })
  return () => {
    if (!sim) throw new Error('the simulator is not running (useSimulator must be called inside describe)')
    return sim
  }
}

/** Requests in the journal that could have changed something (anything but GET/HEAD, UAA token requests aside). */
export function writesIn(sim: Simulator): string[] {
  return sim.journal
    .entries()
    .filter((entry) => !['GET', 'HEAD'].includes(entry.method) && !entry.path.startsWith('/uaa/'))
    .map((entry) => `${entry.method} ${entry.path}`)
}

/**
 * A temporary CF_HOME logged in to the simulator (through the CLI, as a user would) for one `describe` block.
 * Returns the environment to run the CLI with; `env().CF_HOME` is the directory.
 */
export function useLoggedInHome(sim: () => Simulator, username = 'admin', password = 'admin'): () => {CF_HOME: string} {
  let home: ReturnType<typeof tempCfHome> | undefined
  before(async () => {
    home = tempCfHome()
    const login = await runCli(['login', '-a', sim().url, '-u', username, '-p', password], {env: {CF_HOME: home.cfHome}})
    if (login.exitCode !== 0) throw new Error(`login as ${username} failed: ${login.stderr}`)
  })
  after(() => home?.cleanup())
  return () => {
    if (!home) throw new Error('useLoggedInHome must be called inside describe')
    return {CF_HOME: home.cfHome}
  }
}
