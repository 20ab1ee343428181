// A client built from the cf CLI's saved login, or from environment variables for scripts:
// CF_API overrides the target; CF_USERNAME/CF_PASSWORD or CF_CLIENT_ID/CF_CLIENT_SECRET log in afresh
// for this process only (nothing is written); CF_TRACE and CF_DIAL_TIMEOUT behave as in the cf CLI.
import {createTokenSource, notLoggedIn, type EnvCredentials} from './auth.js'
import {assembleClient, httpOptions, type CfClient, type CfTarget, type ConnectionOptions} from './client.js'
import {configPath, normalizeApiUrl, oauthClient, readConfig, updateConfig, validApiUrl, type CfConfigData, type CfEnv} from './config.js'
import {createHttp, type CfHttp} from './http.js'
import {createTraceWriter, type TraceWriter} from './trace.js'
import {discoverEndpoints, type Tokens} from './uaa.js'
import {createWarningCollector} from './warnings.js'

export interface FromConfigOptions extends Omit<ConnectionOptions, 'trace'> {
  /** Directory holding `.cf/config.json` (else $CF_HOME, else $HOME). */
  cfHome?: string
  /** The environment to read; production passes process.env, tests pass their own. */
  env?: CfEnv
  /** A CF_TRACE value ("true", a file path) or a writer; defaults to env.CF_TRACE. */
  trace?: string | TraceWriter
  /** Where CF_TRACE=true writes (stderr by default) and what relative trace paths are relative to. */
  stderr?: (text: string) => void
  cwd?: string
}

export async function createCfClientFromConfig(options: FromConfigOptions = {}): Promise<CfClient> {
  const env = options.env ?? process.env
  const file = configPath(env, options.cfHome)
  const config = await readConfig(file)
  const apiUrl = apiFromEnvOrConfig(env, config, file)
  const envCredentials = credentialsFromEnv(env, config)
  const savedLogin = config.Target ? normalizeApiUrl(config.Target) === apiUrl : false
  if (!envCredentials && !savedLogin) throw notLoggedIn(`CF_API is ${apiUrl}, but the saved login is for ${config.Target || 'no API'}.`)

  const connection: ConnectionOptions = {
    ...options,
    skipSslValidation: options.skipSslValidation ?? (savedLogin && config.SSLDisabled === true),
    connectTimeoutMs: options.connectTimeoutMs ?? dialTimeoutMs(env),
    trace: resolveTrace(options, env),
    warnings: options.warnings ?? createWarningCollector(),
  }
  const uaaHttp = createHttp(httpOptions(apiUrl, connection))
  try {
    const uaaEndpoint = await uaaEndpointFor(uaaHttp, savedLogin ? config : undefined)
    const tokens = createTokenSource({
      uaaHttp,
      uaaEndpoint,
      client: oauthClient(config),
      grantType: config.UAAGrantType ?? '',
      accessToken: savedLogin ? config.AccessToken : undefined,
      refreshToken: savedLogin ? config.RefreshToken : undefined,
      envCredentials,
      persist: (renewed) => saveTokens(file, apiUrl, renewed),
      clock: uaaHttp.clock,
    })
    const http = createHttp(httpOptions(apiUrl, {...connection, clock: uaaHttp.clock}, tokens))
    return assembleClient(http, options.jobs, {
      target: savedLogin ? targetFromConfig(apiUrl, config) : {api: apiUrl},
      currentUser: () => tokens.subject(),
      currentScopes: () => tokens.scopes(),
      close: () => {
        http.close()
        uaaHttp.close()
      },
    })
  } catch (error) {
    uaaHttp.close()
    throw error
  }
}

function apiFromEnvOrConfig(env: CfEnv, config: CfConfigData, file: string): string {
  if (env.CF_API) return validApiUrl(env.CF_API, 'CF_API')
  if (!config.Target) throw notLoggedIn('No API endpoint is set.')
  return validApiUrl(config.Target, `The Target of ${file}`)
}

/** Script credentials; a secret alone completes a client-credentials login the cf CLI saved without one. */
export function credentialsFromEnv(env: CfEnv, config: CfConfigData): EnvCredentials | undefined {
  if (env.CF_USERNAME && env.CF_PASSWORD) return {kind: 'password', username: env.CF_USERNAME, password: env.CF_PASSWORD}
  const clientId = env.CF_CLIENT_ID || (config.UAAGrantType === 'client_credentials' ? config.UAAOAuthClient : undefined)
  if (clientId && env.CF_CLIENT_SECRET) return {kind: 'client_credentials', clientId, clientSecret: env.CF_CLIENT_SECRET}
  return undefined
}

async function uaaEndpointFor(http: CfHttp, config: CfConfigData | undefined): Promise<string> {
  const saved = config?.UaaEndpoint || config?.AuthorizationEndpoint
  return saved || (await discoverEndpoints(http)).uaaEndpoint
}

/** Write renewed tokens back, unless the file meanwhile targets another API (a `cf api` in another shell). */
async function saveTokens(file: string, apiUrl: string, tokens: Tokens): Promise<void> {
  await updateConfig(file, (data) => {
    if (!data.Target || normalizeApiUrl(data.Target) !== apiUrl) return false
    data.AccessToken = tokens.accessToken
    data.RefreshToken = tokens.refreshToken ?? ''
  })
}

function targetFromConfig(apiUrl: string, config: CfConfigData): CfTarget {
  const org = config.OrganizationFields
  const space = config.SpaceFields
  return {
    api: apiUrl,
    organization: org?.GUID ? {guid: org.GUID, name: org.Name} : undefined,
    space: space?.GUID ? {guid: space.GUID, name: space.Name} : undefined,
  }
}

/** The trace writer from an explicit option, else CF_TRACE, as the cf CLI reads it. */
export function resolveTrace(options: Pick<FromConfigOptions, 'trace' | 'stderr' | 'cwd'>, env: CfEnv): TraceWriter | undefined {
  if (typeof options.trace === 'function') return options.trace
  return createTraceWriter(options.trace ?? env.CF_TRACE, {
    stderr: options.stderr ?? ((text) => process.stderr.write(text)),
    cwd: options.cwd ?? process.cwd(),
  })
}

/** CF_DIAL_TIMEOUT is whole seconds (util/configv3/env.go). */
export function dialTimeoutMs(env: CfEnv): number | undefined {
  const seconds = Number(env.CF_DIAL_TIMEOUT)
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined
}
