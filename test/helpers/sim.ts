import path from 'node:path'

import {startSimulator, type Simulator, type SimulatorOptions} from '../../src/sim/index.js'
import {repoRoot} from './cli.js'

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
