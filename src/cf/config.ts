// The cf CLI's config file ($CF_HOME/.cf/config.json), read and written so that `cf` and `cgx` share one
// login (util/configv3 in cloudfoundry/cli): ConfigVersion 4 only, unknown keys kept, 2-space JSON,
// written through a temp file in the same directory and a rename, mode 0600 in a 0700 directory (through a symbolic link).
// Synchronous file calls, as for every small local file cgx reads on its way to a command: each fs/promises call is a
// trip through libuv's thread pool (the first starts the pool), and loading fs/promises is 1 ms of a start.
import {chmodSync, mkdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {CfApiUrlError, CfConfigError} from './errors.js'
import {describeFileError, errnoOf} from './file-errors.js'
import {homeDirectory} from './home.js'

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

/** `$CF_HOME/.cf/config.json`, else `$HOME/.cf/config.json` (util/configv3/home_dir_unix.go), never in the current folder. */
export function configPath(env: CfEnv, cfHome?: string): string {
  const home = cfHome || env.CF_HOME || homeDirectory(env)
  if (!home)
    throw new CfConfigError(
      'no-home',
      join('.cf', 'config.json'),
      'Cannot tell where the cf config is: CF_HOME is not set, HOME is empty, and this account has no home folder.',
    )
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
 * such files too); a file that cannot be read or is not a JSON object is an error rather than something to overwrite.
 */
export async function readConfig(file: string): Promise<CfConfigData> {
  const text = readConfigText(file)
  if (text === undefined || text.trim() === '') return emptyConfig()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new CfConfigError('invalid', file, `The cf config ${file} is not valid JSON (${(error as Error).message}).`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CfConfigError('invalid', file, `The cf config ${file} holds ${jsonKind(parsed)}, not a JSON object.`)
  }
  const data = parsed as CfConfigData
  if (data.ConfigVersion !== CONFIG_VERSION) return emptyConfig()
  const wrong = wrongType(data, KEY_TYPES)
  if (wrong) throw new CfConfigError('invalid', file, `The cf config ${file} is not a cf config: ${wrong}.`)
  for (const key of Object.keys(KEY_TYPES)) if (data[key] === null) delete data[key]
  return data
}

type JsonType = 'string' | 'boolean' | 'object'

// The type of each key cgx reads. As in the cf CLI (Go's encoding/json), null reads as absent and a wrong type is an error.
const KEY_TYPES: Record<string, JsonType> = {
  AccessToken: 'string',
  RefreshToken: 'string',
  Target: 'string',
  AuthorizationEndpoint: 'string',
  UaaEndpoint: 'string',
  APIVersion: 'string',
  UAAGrantType: 'string',
  UAAOAuthClient: 'string',
  UAAOAuthClientSecret: 'string',
  SSLDisabled: 'boolean',
  OrganizationFields: 'object',
  SpaceFields: 'object',
}
const FIELD_TYPES: Record<string, JsonType> = {GUID: 'string', Name: 'string'}
const TYPE_NAMES: Record<JsonType, string> = {string: 'a string', boolean: 'true or false', object: 'an object'}

/** "Target holds a number, not a string" for the first key of `types` whose value is not of its type. */
function wrongType(data: Record<string, unknown>, types: Record<string, JsonType>, prefix = ''): string | undefined {
  for (const [key, type] of Object.entries(types)) {
    const value = data[key]
    if (value === null || value === undefined) continue
    if (typeof value !== type || Array.isArray(value)) return `${prefix}${key} holds ${jsonKind(value)}, not ${TYPE_NAMES[type]}`
    const inner = type === 'object' ? wrongType(value as Record<string, unknown>, FIELD_TYPES, `${key}.`) : undefined
    if (inner) return inner
  }
  return undefined
}

/** The file's text; undefined when there is no file (a link to nothing is not "no file": writing would replace the link). */
function readConfigText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const errno = errnoOf(error)
    if (errno === 'ENOTDIR') {
      const notADirectory = fileInPath(file)
      throw new CfConfigError('not-a-directory', file, `Cannot read the cf config ${file}: ${notADirectory} is a file, not a directory.`)
    }
    if (errno !== 'ENOENT')
      throw new CfConfigError('unreadable', file, `Cannot read the cf config ${file}: ${describeFileError(error, 'read')}.`)
    const target = orElse<string | undefined>(() => readlinkSync(file), undefined)
    if (target !== undefined)
      throw new CfConfigError('dangling-link', file, `The cf config ${file} is a symbolic link to ${target}, which does not exist.`)
    return undefined
  }
}

/** The nearest ancestor of `file` that exists but is not a directory. */
function fileInPath(file: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) if (orElse(() => !statSync(dir).isDirectory(), false)) return dir
  return dirname(file)
}

/** What `attempt` returns, or `fallback` when it throws: for the file calls whose failure is an answer, not an error. */
function orElse<T>(attempt: () => T, fallback: T): T {
  try {
    return attempt()
  } catch {
    return fallback
  }
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/**
 * Write atomically: a reader sees the old file or the new one, never half of one. A symbolic link (dotfiles kept in
 * another folder) is written through: the temp file goes next to the link's target and replaces the target, so the
 * link stays a link, as the cf CLI ends up doing.
 */
export async function writeConfig(file: string, data: CfConfigData): Promise<void> {
  // The file after every symbolic link, or the path itself when nothing is there yet (or the path is broken: the
  // write then fails and says why). updateConfig has already refused a link to nothing.
  const target = orElse(() => realpathSync(file), file)
  const dir = dirname(target)
  // node:crypto only here: every command reads this file, few write it, and loading crypto is 2 ms of a start.
  const {randomBytes} = await import('node:crypto')
  const temp = join(dir, `temp-config-${randomBytes(6).toString('hex')}`)
  try {
    mkdirSync(dir, {recursive: true, mode: 0o700})
    writeFileSync(temp, `${JSON.stringify({...data, ConfigVersion: CONFIG_VERSION}, null, 2)}\n`, {mode: 0o600, flag: 'wx'})
    chmodSync(temp, 0o600)
    renameSync(temp, target)
  } catch (error) {
    // The temp file may not exist, nor its folder (then rm fails too): what the user needs is the first failure.
    orElse(() => rmSync(temp, {force: true}), undefined)
    throw new CfConfigError('unwritable', file, `Cannot write the cf config ${file}: ${describeFileError(error, 'write')}.`)
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

/** normalizeApiUrl, refusing what is not a URL; `source` says where it was given ("CF_API"). */
export function validApiUrl(api: string, source: string): string {
  const url = normalizeApiUrl(api)
  if (!URL.canParse(url)) throw new CfApiUrlError(api, source)
  return url
}
