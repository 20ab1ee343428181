import {stripVTControlCharacters} from 'node:util'

import {
  CfApiError,
  CfApiUrlError,
  CfAuthError,
  CfConfigError,
  CfJobFailedError,
  CfJobTimeoutError,
  CfNetworkError,
  CfTraceFileError,
  type CfConfigProblem,
  type CfNetworkEndpoint,
  type CfNetworkErrorKind,
} from '../cf/errors.js'
import {OpError} from '../ops/errors.js'

/** What the user sees for any failure: the single point where errors become user language and exit codes. */
export interface CliError {
  code: string
  message: string
  suggestions: string[]
  exitCode: number
  requestId?: string
}

const LOGIN_HINT = 'Run `cgx login -a API_URL` (or set CF_USERNAME/CF_PASSWORD or CF_CLIENT_ID/CF_CLIENT_SECRET).'

export function toCliError(error: unknown, commandId?: string): CliError {
  if (error instanceof OpError) {
    return {code: error.code, message: error.message, suggestions: error.suggestions, exitCode: error.exitCode}
  }
  if (error instanceof CfAuthError) return {code: error.code, message: error.message, suggestions: [error.remedy], exitCode: 1}
  if (error instanceof CfApiError) return fromApiError(error)
  if (error instanceof CfNetworkError) return fromNetworkError(error)
  if (error instanceof CfConfigError) return fromConfigError(error)
  if (error instanceof CfApiUrlError) {
    return {
      code: 'API_URL_INVALID',
      message: error.message,
      suggestions: ['Give the API endpoint as a URL, like https://api.fr.cloud.gov (`cgx login -a URL` saves it).'],
      exitCode: 1,
    }
  }
  if (error instanceof CfTraceFileError) {
    const fix = 'Set CF_TRACE to a file in a folder you can write to, or CF_TRACE=true to trace to stderr.'
    return {code: 'FILE_UNWRITABLE', message: error.message, suggestions: [fix], exitCode: 1}
  }
  if (error instanceof CfJobFailedError || error instanceof CfJobTimeoutError) {
    return {code: 'CF_JOB_FAILED', message: error.message, suggestions: [], exitCode: 1}
  }
  if (isUsageError(error)) {
    const help = commandId ? [`See \`cgx ${commandId.replaceAll(':', ' ')} --help\`.`] : []
    return {code: 'USAGE', message: usageMessage(error.message), suggestions: help, exitCode: 1}
  }
  const message = error instanceof Error ? error.message : String(error)
  return {code: 'INTERNAL', message, suggestions: ['This is a bug in cgx; set DEBUG=cgx for a stack trace.'], exitCode: 1}
}

function fromApiError(error: CfApiError): CliError {
  const base = {requestId: error.requestId, exitCode: 1}
  const said = error.detail || error.title || `HTTP ${error.status}`
  if (error.status === 401) {
    return {...base, code: 'CF_UNAUTHENTICATED', message: `The platform did not accept your login: ${said}.`, suggestions: [LOGIN_HINT]}
  }
  if (error.status === 403) {
    return {
      ...base,
      code: 'CF_NOT_AUTHORIZED',
      message: `The platform refused ${error.method} ${pathOf(error.url)}: you are not authorized (${error.title}).`,
      suggestions: ['Ask a platform admin, or an org manager of the org, to run it or to grant you that role.'],
    }
  }
  if (error.status === 404) return {...base, code: 'CF_NOT_FOUND', message: `The platform says: ${said}.`, suggestions: []}
  if (error.status === 422) return {...base, code: 'CF_UNPROCESSABLE', message: `The platform refused: ${said}`, suggestions: []}
  if (error.status >= 500 || error.status === 429) {
    return {
      ...base,
      code: 'CF_UNAVAILABLE',
      message: `The Cloud Controller failed (${error.status}) on ${error.method} ${pathOf(error.url)}: ${said}.`,
      suggestions: ['It may be temporary: try again.', ...(error.requestId ? [`Request id for the operators: ${error.requestId}`] : [])],
    }
  }
  return {...base, code: 'CF_ERROR', message: `The platform answered ${error.status}: ${said}.`, suggestions: []}
}

// The environment is at fault, not cgx: a file the cf CLI and cgx share, so the fix is the user's, never a silent rewrite.
const CONFIG_CODES: Record<CfConfigProblem, string> = {
  unreadable: 'CONFIG_INVALID',
  invalid: 'CONFIG_INVALID',
  'dangling-link': 'CONFIG_INVALID',
  'not-a-directory': 'CF_HOME_INVALID',
  'no-home': 'CF_HOME_INVALID',
  unwritable: 'CONFIG_UNWRITABLE',
}

function fromConfigError(error: CfConfigError): CliError {
  return {code: CONFIG_CODES[error.problem], message: error.message, suggestions: [configAdvice(error)], exitCode: 1}
}

function configAdvice({problem, path}: CfConfigError): string {
  switch (problem) {
    case 'unreadable':
    case 'invalid':
      return `Fix ${path}, or remove it and run \`cgx login -a API_URL\` to write a new one.`
    case 'dangling-link':
      return `Restore the file the link points to, or remove the link ${path} and run \`cgx login -a API_URL\`.`
    case 'not-a-directory':
      return 'CF_HOME must be a directory (cgx and cf keep .cf/config.json in it): point CF_HOME at one, or move that file away.'
    case 'unwritable':
      return `Make ${path} and its folder writable for you, then try again.`
    case 'no-home':
      return 'Set CF_HOME (or HOME) to a folder of yours: cgx keeps the login in .cf/config.json there, never in the current folder.'
  }
}

// One code per thing to fix: the name (DNS), the trust (TLS), a slow path (timeout), or no way through at all.
const NETWORK_CODES: Record<CfNetworkErrorKind, string> = {
  dns: 'NETWORK_DNS',
  tls: 'NETWORK_TLS',
  timeout: 'NETWORK_TIMEOUT',
  refused: 'NETWORK_UNREACHABLE',
  reset: 'NETWORK_UNREACHABLE',
  other: 'NETWORK_UNREACHABLE',
}

const ENDPOINT_NAMES: Record<CfNetworkEndpoint, string> = {api: 'the API', uaa: 'UAA', route: 'the route'}

function fromNetworkError(error: CfNetworkError): CliError {
  return {
    code: NETWORK_CODES[error.kind],
    message: `Cannot reach ${ENDPOINT_NAMES[error.endpoint]} at ${error.host}: ${error.reason} (${error.method} ${error.url}).`,
    suggestions:
      error.kind === 'tls'
        ? tlsAdvice(error.endpoint)
        : [whereToLook(error), 'Check your network, VPN or proxy (HTTPS_PROXY), then try again.'],
    exitCode: 1,
  }
}

function whereToLook(error: CfNetworkError): string {
  switch (error.endpoint) {
    case 'api':
      return 'Check the API URL: `cgx login -a API_URL` sets it.'
    case 'uaa':
      return `The API names ${error.host} as its UAA (login server); check that this machine can reach it.`
    case 'route':
      // calibrate sends its request to the route from this machine, as a client would.
      return `Check that ${error.host} resolves and answers from this machine, as it must for any client of the route.`
  }
}

function tlsAdvice(endpoint: CfNetworkEndpoint): string[] {
  const trust = 'Trust the CA that signed the certificate: NODE_EXTRA_CA_CERTS=/path/to/ca.pem.'
  // --skip-ssl-validation covers the API and UAA; the request calibrate sends to a route is always verified.
  return endpoint === 'route' ? [trust] : [trust, 'Or use --skip-ssl-validation only against a test foundation, never a production one.']
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

// oclif wraps a flag's own parse failure (a --seed file that does not exist, an integer out of range) as
// "Parsing --FLAG \n\tREASON\nSee more help with --help", without marking it as a usage error.
const FLAG_PARSE_FAILURE = /^Parsing (--[\w-]+) \n\t/

function isUsageError(error: unknown): error is Error {
  return error instanceof Error && (typeof (error as {oclif?: unknown}).oclif === 'object' || FLAG_PARSE_FAILURE.test(error.message))
}

/** oclif's parse errors in the words and one-line shape of every other cgx error. */
export function usageMessage(raw: string): string {
  // A conflict names a boolean flag as "--json=true"; the user typed "--json".
  const text = stripVTControlCharacters(raw)
    .replace(/\nSee more help with --help$/, '')
    .replaceAll(/(--[\w-]+)=true\b/g, '$1')
  const flagFailure = FLAG_PARSE_FAILURE.exec(text)
  if (flagFailure) return `${flagFailure[1]}: ${text.slice(flagFailure[0].length).trim()}.`
  const failed = /^The following errors? occurred:\n([\s\S]*)$/.exec(text)
  if (failed)
    return failed[1]
      .split('\n')
      .map((line) => sentence(line.trim().replace(/^Missing required flag ([\w-]+)$/, 'Missing required flag --$1')))
      .join(' ')
  const missingArgs = /^Missing \d+ required args?:\n([\s\S]*)$/.exec(text)
  if (missingArgs) {
    const args = missingArgs[1]
      .split('\n')
      .map((line) => /^(\S+)\s+(.*)$/.exec(line.trim()))
      .filter((m) => m !== null)
    const described = args.map(([, name, description]) => `${name.toUpperCase()} (${description.replace(/\.$/, '')})`)
    return `Missing ${described.length === 1 ? 'the argument' : 'the arguments'} ${described.join(', ')}.`
  }
  return text
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`
}
