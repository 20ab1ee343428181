// The cgx config: per-foundation facts the platform cannot tell us. YAML at $CGX_CONFIG or ~/.cgx/config.yml:
//
//   foundations:
//     https://api.fr.cloud.gov:
//       egress: [52.222.122.97/32, 52.222.123.172/32]
//       networks: {vpn-east: [10.10.0.0/16]}
//       networksAnnotation: cgx.cloud.gov/private-networks
//
// A hand-edited file deserves errors that point at the line, so every problem names its file, line and column.
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {describeFileError} from '../cf/file-errors.js'
import {homeDirectory} from '../cf/home.js'
import {InvalidInputError} from '../ops/errors.js'
import type {CgxConfig} from './cgx-config-model.js'

export type {CgxConfig, FoundationSettings} from './cgx-config-model.js'

/** $CGX_CONFIG, else ~/.cgx/config.yml; undefined without a home folder (never a file in the current folder). */
export function cgxConfigPath(env: NodeJS.ProcessEnv): string | undefined {
  const home = homeDirectory(env)
  return env.CGX_CONFIG || (home && path.join(home, '.cgx', 'config.yml'))
}

/** Read and validate the config; a missing default file is an empty config, a missing $CGX_CONFIG an error. */
export async function loadCgxConfig(env: NodeJS.ProcessEnv): Promise<CgxConfig> {
  const file = cgxConfigPath(env)
  if (file === undefined) return emptyCgxConfig(path.join('~', '.cgx', 'config.yml'))
  const text = readCgxConfigText(file, env)
  if (text.trim() === '') return emptyCgxConfig(file)
  // The YAML parser costs tens of milliseconds to load: only commands that find a config pay for it.
  const {parseCgxConfig} = await import('./cgx-config-file.js')
  return parseCgxConfig(text, file)
}

function readCgxConfigText(file: string, env: NodeJS.ProcessEnv): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    if (missing && !env.CGX_CONFIG) return ''
    if (missing)
      throw new InvalidInputError('CGX_CONFIG_MISSING', `CGX_CONFIG names ${file}, which does not exist.`, [
        'Create it, or unset CGX_CONFIG.',
      ])
    const fix = env.CGX_CONFIG ? 'Point CGX_CONFIG at a YAML file you can read, or unset it.' : `Fix or remove ${file}.`
    throw new InvalidInputError('CGX_CONFIG_UNREADABLE', `Cannot read the cgx config ${file}: ${describeFileError(error, 'read')}.`, [fix])
  }
}

export function emptyCgxConfig(file: string): CgxConfig {
  return {file, foundation: () => ({})}
}
