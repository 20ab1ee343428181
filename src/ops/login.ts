import {createCfClientFromConfig, login, setTarget, type CfEnv, type LoginCredentials} from '../cf/index.js'
import {checkNameFlags, findOrganization, findSpace} from './resolve.js'
import type {Reporter} from './reporter.js'

export type {LoginCredentials}

export interface LoginRequest {
  api: string
  credentials: LoginCredentials
  org?: string
  space?: string
  skipSslValidation: boolean
  env: CfEnv
}

export interface LoginSummary {
  api: string
  apiVersion: string
  user: string
  grantType: 'password' | 'client_credentials'
  org?: string
  space?: string
}

/**
 * Log in and write the cf-compatible config; then target the org and space asked for, or, like `cf login`,
 * the only org (and its only space) when there is exactly one.
 */
export async function logIn(request: LoginRequest, reporter: Reporter): Promise<LoginSummary> {
  checkNameFlags(request)
  reporter.progress(`Logging in to ${request.api}...`)
  const result = await login({
    api: request.api,
    credentials: request.credentials,
    skipSslValidation: request.skipSslValidation,
    env: request.env,
  })
  const summary: LoginSummary = {api: result.api, apiVersion: result.apiVersion, user: result.user, grantType: result.grantType}
  const target = await chooseTarget(request)
  return {...summary, ...target}
}

async function chooseTarget(request: LoginRequest): Promise<{org?: string; space?: string}> {
  const cf = await createCfClientFromConfig({env: withoutScriptCredentials(request.env), skipSslValidation: request.skipSslValidation})
  try {
    const org = request.org ? await findOrganization(cf, request.org) : await onlyOne(cf.organizations.list({per_page: 2}))
    if (!org) return {}
    const space = request.space
      ? await findSpace(cf, org, request.space)
      : await onlyOne(cf.spaces.list({organization_guids: [org.guid], per_page: 2}))
    await setTarget({env: request.env, organization: org, space})
    return {org: org.name, ...(space ? {space: space.name} : {})}
  } finally {
    cf.close()
  }
}

async function onlyOne<T>(page: Promise<{resources: T[]}>): Promise<T | undefined> {
  const {resources} = await page
  return resources.length === 1 ? resources[0] : undefined
}

/** The saved login just written, not the script variables, is what the targeting requests must use. */
function withoutScriptCredentials(env: CfEnv): CfEnv {
  return {...env, CF_API: '', CF_USERNAME: '', CF_PASSWORD: '', CF_CLIENT_ID: '', CF_CLIENT_SECRET: ''}
}
