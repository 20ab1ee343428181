// One axios instance per client, and the only place HTTP answers are turned into values or errors:
// the v3 error envelope is decoded here once, warnings are collected here, retries and the single
// token refresh on `CF-InvalidAuthToken` happen here, and nothing axios-shaped gets past this file.
import axios, {type AxiosInstance, type AxiosResponse} from 'axios'
import {systemClock, type Clock} from './clock.js'
import {CF_ERROR_CODES} from './error-codes.js'
import {CfApiError, CfProtocolError, networkFailure, type CfErrorDetail, type CfNetworkError} from './errors.js'
import {HEADER_REQUEST_ID, HEADER_WARNINGS, parseWarningsHeader, type ResponseHeaders} from './headers.js'
import {withQuery, type Query} from './query.js'
import {DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy} from './retry.js'
import {formatTraceRequest, formatTraceResponse, type TraceBody, type TraceWriter} from './trace.js'
import {createAgents, DEFAULT_CONNECT_TIMEOUT_MS, type Agents} from './transport.js'
import {cgxVersion} from './version.js'
import {createWarningCollector, type WarningCollector} from './warnings.js'

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface MultipartFile {
  field: string
  filename: string
  contentType: string
  data: Uint8Array
}

export interface CfRequest {
  method: HttpMethod
  /** A path below the API root (`/v3/apps`), or an absolute URL (UAA, or a link the API returned). */
  path: string
  query?: Query
  json?: unknown
  form?: Record<string, string>
  multipart?: MultipartFile[]
  /** Send the bearer token (default). UAA and the root document are called without it. */
  authenticated?: boolean
  headers?: Record<string, string>
  /** Keep the response body out of CF_TRACE (e.g. service credentials). */
  secretResponse?: boolean
  /** Keep the request body out of CF_TRACE (e.g. environment variables, which may hold secrets). */
  secretRequest?: boolean
}

export interface CfResponse<T> {
  status: number
  data: T
  headers: ResponseHeaders
  url: string
}

/** What http.ts needs from the token source (auth.ts). */
export interface AuthorizationProvider {
  /** The `Authorization` header value, refreshed first when it is about to expire. */
  authorization(): Promise<string>
  /** Replace `rejected` after a 401 `CF-InvalidAuthToken`; throws CfAuthError when that is impossible. */
  refresh(rejected: string): Promise<void>
}

export interface HttpOptions {
  apiUrl: string
  auth?: AuthorizationProvider
  userAgent?: string
  skipSslValidation?: boolean
  connectTimeoutMs?: number
  /** How long a request may go without any data from the server. */
  requestTimeoutMs?: number
  retry?: Partial<RetryPolicy>
  trace?: TraceWriter
  warnings?: WarningCollector
  clock?: Clock
}

export interface CfHttp {
  readonly apiUrl: string
  readonly clock: Clock
  readonly warnings: WarningCollector
  send<T>(request: CfRequest): Promise<CfResponse<T>>
  get<T>(path: string, query?: Query): Promise<T>
  close(): void
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000

type Exchange = {kind: 'response'; response: AxiosResponse<string>} | {kind: 'network'; error: CfNetworkError}

export function createHttp(options: HttpOptions): CfHttp {
  const apiUrl = options.apiUrl.replace(/\/+$/, '')
  const clock = options.clock ?? systemClock
  const warnings = options.warnings ?? createWarningCollector()
  const policy = {...DEFAULT_RETRY_POLICY, ...options.retry}
  const agents = createAgents({
    skipSslValidation: options.skipSslValidation ?? false,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
  })
  const instance = createAxios(options, agents)

  async function send<T>(request: CfRequest): Promise<CfResponse<T>> {
    const url = resolveUrl(apiUrl, request)
    let rejectedToken: string | undefined
    for (let attempt = 1; ; attempt++) {
      const authorization = request.authenticated === false ? undefined : await options.auth?.authorization()
      const exchange = await exchangeOnce(instance, request, url, authorization, clock, options.trace)
      if (exchange.kind === 'network') {
        const decision = decideRetry(
          {method: request.method, attempt, networkKind: exchange.error.kind, nowMs: clock.now(), random: clock.random()},
          policy,
        )
        if (!decision.retry) throw exchange.error
        await clock.sleep(decision.delayMs)
        continue
      }
      const response = exchange.response
      const headers = normaliseHeaders(response)
      const responseWarnings = parseWarningsHeader(headers[HEADER_WARNINGS])
      warnings.add(responseWarnings)
      if (response.status >= 200 && response.status < 300) {
        return {status: response.status, data: parseBody(response.data) as T, headers, url}
      }
      const error = toApiError(request.method, url, response.status, response.data, headers, responseWarnings)
      if (authorization && !rejectedToken && options.auth && isInvalidToken(error)) {
        rejectedToken = authorization
        await options.auth.refresh(authorization)
        attempt--
        continue
      }
      const decision = decideRetry(
        {method: request.method, attempt, status: response.status, headers, nowMs: clock.now(), random: clock.random()},
        policy,
      )
      if (!decision.retry) throw error
      await clock.sleep(decision.delayMs)
    }
  }

  return {
    apiUrl,
    clock,
    warnings,
    send,
    get: async <T>(path: string, query?: Query) => (await send<T>({method: 'GET', path, query})).data,
    close: () => agents.destroy(),
  }
}

function createAxios(options: HttpOptions, agents: Agents): AxiosInstance {
  return axios.create({
    headers: {Accept: 'application/json', 'User-Agent': options.userAgent ?? `cgx/${cgxVersion()}`},
    timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    httpAgent: agents.httpAgent,
    httpsAgent: agents.httpsAgent,
    // A redirect could carry the bearer token to another host; the CC API never redirects.
    maxRedirects: 0,
    maxBodyLength: Infinity,
    maxContentLength: Infinity,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  })
}

/**
 * The absolute URL for a request. An absolute URL that is not on the API's origin may only be called
 * without the token (UAA); links the API hands back (pagination, jobs) are rebased by their callers.
 */
function resolveUrl(apiUrl: string, request: CfRequest): string {
  const base = new URL(apiUrl)
  const target = /^https?:\/\//i.test(request.path)
    ? new URL(request.path)
    : new URL(`${base.pathname.replace(/\/$/, '')}${request.path}`, base)
  if (request.authenticated !== false && target.origin !== base.origin) {
    throw new CfProtocolError('FOREIGN_ORIGIN', `Refusing to send credentials to ${target.origin}: the API is ${base.origin}`)
  }
  return withQuery(target.toString(), request.query)
}

async function exchangeOnce(
  instance: AxiosInstance,
  request: CfRequest,
  url: string,
  authorization: string | undefined,
  clock: Clock,
  trace: TraceWriter | undefined,
): Promise<Exchange> {
  const {data, headers, traceBody} = encodeBody(request)
  const sentHeaders: Record<string, string> = {...headers, ...request.headers}
  if (authorization) sentHeaders.Authorization = authorization
  trace?.(formatTraceRequest({timeMs: clock.now(), method: request.method, url, headers: {...sentHeaders}, body: traceBody}))
  let response: AxiosResponse<string>
  try {
    response = await instance.request<string>({method: request.method, url, data, headers: sentHeaders})
  } catch (error) {
    return {kind: 'network', error: networkFailure(error, {method: request.method, url: stripQuery(url)})}
  }
  // Outside the try: a trace file that fails is that failure, not a network one.
  trace?.(
    formatTraceResponse({
      timeMs: clock.now(),
      status: response.status,
      statusText: response.statusText,
      headers: normaliseHeaders(response),
      body: responseTraceBody(request, response),
    }),
  )
  return {kind: 'response', response}
}

function encodeBody(request: CfRequest): {data: unknown; headers: Record<string, string>; traceBody: TraceBody} {
  if (request.form) {
    const encoded = new URLSearchParams(request.form).toString()
    return {data: encoded, headers: {'Content-Type': 'application/x-www-form-urlencoded'}, traceBody: {kind: 'form', value: encoded}}
  }
  if (request.multipart) {
    const form = new FormData()
    for (const file of request.multipart) form.append(file.field, new Blob([file.data], {type: file.contentType}), file.filename)
    return {data: form, headers: {}, traceBody: {kind: 'hidden', contentType: 'multipart/form-data'}}
  }
  if (request.json !== undefined) {
    const traceBody: TraceBody = request.secretRequest
      ? {kind: 'hidden', contentType: 'application/json'}
      : {kind: 'json', value: request.json}
    return {data: JSON.stringify(request.json), headers: {'Content-Type': 'application/json'}, traceBody}
  }
  return {data: undefined, headers: {}, traceBody: {kind: 'none'}}
}

function responseTraceBody(request: CfRequest, response: AxiosResponse<string>): TraceBody {
  const contentType = String(response.headers['content-type'] ?? '')
  if (!response.data) return {kind: 'none'}
  if (request.secretResponse) return {kind: 'hidden', contentType: contentType || 'response'}
  const parsed = parseBody(response.data)
  return typeof parsed === 'string' ? {kind: 'text', value: parsed, contentType} : {kind: 'json', value: parsed}
}

function normaliseHeaders(response: AxiosResponse): ResponseHeaders {
  const out: ResponseHeaders = {}
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (value === undefined || value === null) continue
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return out
}

/** JSON when it parses (a 429 says text/plain but carries JSON), the raw text otherwise, undefined when empty. */
function parseBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** Decode an error answer: the v3 envelope, UAA's `{error, error_description}`, or raw text. */
export function toApiError(
  method: string,
  url: string,
  status: number,
  body: string | undefined,
  headers: ResponseHeaders,
  warnings: string[],
): CfApiError {
  const parsed = parseBody(body)
  const errors = envelopeErrors(parsed)
  return new CfApiError({
    status,
    errors,
    method,
    url: stripQuery(url),
    requestId: headers[HEADER_REQUEST_ID],
    warnings,
    rawBody: errors.length === 0 && body ? body : undefined,
  })
}

function envelopeErrors(parsed: unknown): CfErrorDetail[] {
  if (parsed === null || typeof parsed !== 'object') return []
  const record = parsed as {errors?: unknown; error?: unknown; error_description?: unknown}
  if (Array.isArray(record.errors)) {
    return record.errors.map((entry: {code?: unknown; title?: unknown; detail?: unknown}) => ({
      code: typeof entry.code === 'number' ? entry.code : 0,
      title: String(entry.title ?? ''),
      detail: String(entry.detail ?? ''),
    }))
  }
  if (typeof record.error === 'string') {
    return [{code: 0, title: record.error, detail: String(record.error_description ?? record.error)}]
  }
  return []
}

function isInvalidToken(error: CfApiError): boolean {
  return error.status === 401 && error.errors.some((entry) => entry.code === CF_ERROR_CODES.invalidAuthToken)
}

/** Error messages keep the path but not the query, which may hold user data. */
function stripQuery(url: string): string {
  const parsed = new URL(url)
  return `${parsed.origin}${parsed.pathname}`
}
