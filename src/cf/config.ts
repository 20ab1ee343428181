// The cf CLI's config file ($CF_HOME/.cf/config.json), read and written so that `cf` and `cgx` share one
// login (util/configv3 in cloudfoundry/cli): ConfigVersion 4 only, unknown keys kept, 2-space JSON,
// written through a temp file in the same directory and a rename, mode 0600 in a 0700 directory.
import {randomBytes} from 'node:crypto'
import {chmod, mkdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {homedir} from 'node:os'
import {dirname, join} from 'node:path'
import {CfConfigError} from './errors.js'

export const CONFIG_VERSION = 4
export const DEFAULT_UAA_CLIENT = 'cf'

export interface OrganizationFields {
  GUID: string
  Name: string
}

export interface SpaceFields {
  GUID: string
  Name: string
  AllowSSH: boolean
}

/** The keys cgx reads or writes; every other key in the file is carried through untouched. */
export interface CfConfigData {
  ConfigVersion: number
  AccessToken?: string
  RefreshToken?: string
  Target?: string
  AuthorizationEndpoint?: string
  UaaEndpoint?: string
  APIVersion?: string
  OrganizationFields?: OrganizationFields
  SpaceFields?: SpaceFields
  SSLDisabled?: boolean
  UAAGrantType?: string
  UAAOAuthClient?: string
  UAAOAuthClientSecret?: string
  [key: string]: unknown
}

export type CfEnv = Record<string, string | undefined>

/** `$CF_HOME/.cf/config.json`, else `$HOME/.cf/config.json` (util/configv3/home_dir_unix.go). */
export function configPath(env: CfEnv, cfHome?: string): string {
  const home = cfHome || env.CF_HOME || env.HOME || homedir()
  return join(home, '.cf', 'config.json')
}

/** What a fresh file holds, in the cf CLI's key order, so a later `cf` write keeps a familiar layout. */
export function emptyConfig(): CfConfigData {
  return {
    ConfigVersion: CONFIG_VERSION,
    AccessToken: '',
    APIVersion: '',
    AuthorizationEndpoint: '',
    OrganizationFields: {GUID: '', Name: ''},
    RefreshToken: '',
    SpaceFields: {GUID: '', Name: '', AllowSSH: false},
    SSLDisabled: false,
    Target: '',
    UaaEndpoint: '',
    UAAGrantType: '',
    UAAOAuthClient: DEFAULT_UAA_CLIENT,
    UAAOAuthClientSecret: '',
  }
}

/**
 * Read the config. A missing file, or one of another ConfigVersion, reads as empty (the cf CLI ignores
 * such files too); a file that is not a JSON object is an error rather than something to overwrite.
 */
export async function readConfig(file: string): Promise<CfConfigData> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyConfig()
    throw new CfConfigError(file, `Cannot read ${file}: ${(error as Error).message}`)
  }
  if (text.trim() === '') return emptyConfig()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new CfConfigError(file, `${file} is not valid JSON; fix it or log in again to rewrite it`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CfConfigError(file, `${file} does not hold a JSON object`)
  }
  const data = parsed as CfConfigData
  return data.ConfigVersion === CONFIG_VERSION ? data : emptyConfig()
}

/** Write atomically: a reader sees the old file or the new one, never half of one. */
export async function writeConfig(file: string, data: CfConfigData): Promise<void> {
  const dir = dirname(file)
  await mkdir(dir, {recursive: true, mode: 0o700})
  const temp = join(dir, `temp-config-${randomBytes(6).toString('hex')}`)
  try {
    await writeFile(temp, `${JSON.stringify({...data, ConfigVersion: CONFIG_VERSION}, null, 2)}\n`, {mode: 0o600, flag: 'wx'})
    await chmod(temp, 0o600)
    await rename(temp, file)
  } catch (error) {
    await rm(temp, {force: true})
    throw new CfConfigError(file, `Cannot write ${file}: ${(error as Error).message}`)
  }
}

/**
 * Read, change and write back (`change` may return false to leave the file alone). Re-reading right before the write keeps what another process (a `cf`
 * command, a parallel cgx) wrote meanwhile, apart from the keys `change` sets.
 */
export async function updateConfig(file: string, change: (data: CfConfigData) => boolean | void): Promise<CfConfigData> {
  const data = await readConfig(file)
  if (change(data) === false) return data
  await writeConfig(file, data)
  return data
}

/** The OAuth client to use for UAA: an empty `UAAOAuthClient` means the cf CLI's own client "cf". */
export function oauthClient(data: CfConfigData): {id: string; secret: string} {
  return {id: data.UAAOAuthClient || DEFAULT_UAA_CLIENT, secret: data.UAAOAuthClientSecret ?? ''}
}

/** The API URL as cgx compares and stores it: a scheme (https when none is given), no trailing slash. */
export function normalizeApiUrl(api: string): string {
  const trimmed = api.trim().replace(/\/+$/, '')
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
}
