// The errors that leave src/cf. Callers switch on these classes and on the CF codes in error-codes.ts;
// nothing here carries a token, an Authorization header or an AxiosError.
/** One entry of the v3 error envelope `{errors:[{code,title,detail}]}`. */
export interface CfErrorDetail {
  code: number
  title: string
  detail: string
}

export interface CfApiErrorInit {
  status: number
  errors: CfErrorDetail[]
  method: string
  url: string
  requestId?: string
  warnings?: string[]
  rawBody?: string
}

/** The platform answered with an error status (decoded once, in http.ts). */
export class CfApiError extends Error {
  override readonly name = 'CfApiError'
  readonly status: number
  readonly errors: CfErrorDetail[]
  readonly code: number | undefined
  readonly title: string
  readonly detail: string
  readonly requestId: string | undefined
  readonly method: string
  readonly url: string
  readonly warnings: string[]
  /** The body as received when it was not the v3 error envelope (HTML from a proxy, plain text). */
  readonly rawBody: string | undefined

  constructor(init: CfApiErrorInit) {
    const first = init.errors[0]
    const title = first?.title ?? `HTTP ${init.status}`
    const detail = first?.detail ?? summariseRaw(init.rawBody)
    super(`${init.method} ${init.url} failed with ${init.status} ${title}: ${detail}`)
    this.status = init.status
    this.errors = init.errors
    this.code = first?.code
    this.title = title
    this.detail = detail
    this.requestId = init.requestId
    this.method = init.method
    this.url = init.url
    this.warnings = init.warnings ?? []
    this.rawBody = init.rawBody
  }
}

function summariseRaw(raw: string | undefined): string {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim()
  if (text.length === 0) return 'no response body'
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

export type CfNetworkErrorKind = 'refused' | 'timeout' | 'tls' | 'dns' | 'reset' | 'other'

/** Who did not answer: the Cloud Controller, UAA, or (calibrate) a route, reached the way a client would. */
export type CfNetworkEndpoint = 'api' | 'uaa' | 'route'

/** The request never got an HTTP answer. `causeCode` is Node's error code (ECONNREFUSED, CERT_HAS_EXPIRED…). */
export class CfNetworkError extends Error {
  override readonly name = 'CfNetworkError'
  /** host[:port] of the URL. */
  readonly host: string
  /** What went wrong, in a few words ("connection refused", "certificate not trusted"). */
  readonly reason: string
  constructor(
    readonly kind: CfNetworkErrorKind,
    readonly method: string,
    readonly url: string,
    readonly causeCode: string | undefined,
    readonly endpoint: CfNetworkEndpoint = 'api',
  ) {
    const reason = reasonOf(kind, causeCode)
    super(`${method} ${url}: ${reason}${causeCode ? ` (${causeCode})` : ''}`)
    this.host = hostOf(url)
    this.reason = reason
  }
}

/**
 * Any failure of a request that got no HTTP answer (axios's error, Node's, or fetch's TypeError whose cause holds
 * the code), as a CfNetworkError. `url` is shown to the user: pass it without its query.
 */
export function networkFailure(error: unknown, request: {method: string; url: string; endpoint?: CfNetworkEndpoint}): CfNetworkError {
  const code = failureCode(error)
  const message = error instanceof Error ? error.message : String(error)
  return new CfNetworkError(classifyNetworkError(code, message), request.method, request.url, code, request.endpoint)
}

function failureCode(error: unknown): string | undefined {
  // AbortSignal.timeout() rejects fetch with a DOMException whose numeric `code` means nothing here.
  if (error instanceof DOMException) return error.name === 'TimeoutError' ? 'ETIMEDOUT' : undefined
  const {code, cause} = (error ?? {}) as {code?: unknown; cause?: {code?: unknown}}
  if (typeof code === 'string') return code
  return typeof cause?.code === 'string' ? cause.code : undefined
}

const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate is for another host',
}

function reasonOf(kind: CfNetworkErrorKind, code: string | undefined): string {
  switch (kind) {
    case 'refused':
      return 'connection refused'
    case 'timeout':
      return 'timed out'
    case 'dns':
      return code === 'ENOTFOUND' ? 'no such host' : 'the DNS lookup failed'
    case 'reset':
      return 'connection reset'
    case 'tls':
      if (code && TLS_REASONS[code]) return TLS_REASONS[code]
      return code && /CERT|SIGNATURE|ISSUER/.test(code) ? 'certificate not trusted' : 'TLS handshake failed'
    case 'other':
      return code === 'ENETUNREACH' || code === 'EHOSTUNREACH' ? 'no route to the host' : 'network failure'
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

export type CfAuthErrorCode = 'NOT_LOGGED_IN' | 'BAD_CREDENTIALS' | 'REFRESH_FAILED' | 'CLIENT_SECRET_NEEDED' | 'PASSCODE_REJECTED'

/** Login is missing, wrong or expired; the message says what to run. */
export class CfAuthError extends Error {
  override readonly name = 'CfAuthError'
  constructor(
    readonly code: CfAuthErrorCode,
    message: string,
    /** What to run or set to get past it. */
    readonly remedy: string,
  ) {
    super(message)
  }
}

export interface JobErrorSummary {
  guid: string
  operation: string
  state: string
  errors: CfErrorDetail[]
  warnings: string[]
}

/** An asynchronous job ended FAILED; `errors` are the job's own errors. */
export class CfJobFailedError extends Error {
  override readonly name = 'CfJobFailedError'
  readonly errors: CfErrorDetail[]
  readonly code: number | undefined
  constructor(readonly job: JobErrorSummary) {
    const reasons = job.errors.map((e) => e.detail).join('; ') || 'no reason given'
    super(`Job ${job.guid} (${job.operation}) failed: ${reasons}`)
    this.errors = job.errors
    this.code = job.errors[0]?.code
  }
}

/** Waiting for something asynchronous (a job, a deployment) took longer than allowed. */
export class CfWaitTimeoutError extends Error {
  override readonly name: string = 'CfWaitTimeoutError'
  constructor(
    readonly what: string,
    readonly guid: string,
    readonly timeoutMs: number,
    readonly lastState: string | undefined,
  ) {
    super(`Gave up waiting for ${what} ${guid} after ${timeoutMs} ms (last state: ${lastState ?? 'unknown'})`)
  }
}

export class CfJobTimeoutError extends CfWaitTimeoutError {
  override readonly name = 'CfJobTimeoutError'
  constructor(guid: string, timeoutMs: number, lastState: string | undefined) {
    super('job', guid, timeoutMs, lastState)
  }
}

/** A package or build the client waited for ended FAILED; `reason` is the platform's error text. */
export class CfResourceFailedError extends Error {
  override readonly name = 'CfResourceFailedError'
  constructor(
    readonly what: string,
    readonly guid: string,
    readonly reason: string,
  ) {
    super(`The ${what} ${guid} failed: ${reason}`)
  }
}

export type CfResultCountCode = 'NO_RESULTS' | 'NOT_EXACTLY_ONE'

/** `first` found nothing, or `single` did not find exactly one. */
export class CfResultCountError extends Error {
  override readonly name = 'CfResultCountError'
  constructor(
    readonly code: CfResultCountCode,
    readonly resource: string,
    readonly count: number,
    readonly filter: string,
  ) {
    super(
      code === 'NO_RESULTS'
        ? `No ${resource} found${filter ? ` for ${filter}` : ''}`
        : `Expected exactly one ${resource}${filter ? ` for ${filter}` : ''}, found ${count}`,
    )
  }
}

export type CfProtocolErrorCode = 'FOREIGN_ORIGIN' | 'MISSING_JOB_LOCATION' | 'BAD_RESPONSE'

/** The platform answered in a way the client refuses to act on (e.g. a link to another origin). */
export class CfProtocolError extends Error {
  override readonly name = 'CfProtocolError'
  constructor(
    readonly code: CfProtocolErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The cf config cannot be used: `unreadable` (permissions, a directory), `invalid` (not a JSON object), `dangling-link`
 * (a symbolic link to nothing), `not-a-directory` (CF_HOME or its .cf is a file), `unwritable`, `no-home` (no CF_HOME
 * and no home folder to put .cf in).
 */
export type CfConfigProblem = 'unreadable' | 'invalid' | 'dangling-link' | 'not-a-directory' | 'unwritable' | 'no-home'

export class CfConfigError extends Error {
  override readonly name = 'CfConfigError'
  constructor(
    readonly problem: CfConfigProblem,
    readonly path: string,
    message: string,
  ) {
    super(message)
  }
}

/** The API URL (CF_API, `login -a`, the config's Target) is not a URL. */
export class CfApiUrlError extends Error {
  override readonly name = 'CfApiUrlError'
  constructor(
    readonly url: string,
    readonly source: string,
  ) {
    super(`${source} is not a URL: "${url}".`)
  }
}

/** CF_TRACE names a file that cannot be written. */
export class CfTraceFileError extends Error {
  override readonly name = 'CfTraceFileError'
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Cannot write the CF_TRACE file ${path}: ${reason}.`)
  }
}

const TLS_CODE = /^(CERT_|ERR_TLS|ERR_SSL|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|HOSTNAME_MISMATCH|EPROTO)/

/** Which way a request failed without an HTTP answer, from Node's, axios's or undici's (fetch's) error code. */
export function classifyNetworkError(code: string | undefined, message: string): CfNetworkErrorKind {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused'
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
    case 'ESOCKETTIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'timeout'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return 'dns'
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
    case 'UND_ERR_SOCKET':
      return 'reset'
  }
  if (code && TLS_CODE.test(code)) return 'tls'
  if (/socket hang up|aborted/i.test(message)) return 'reset'
  if (/certificate|ssl|tls/i.test(message)) return 'tls'
  return 'other'
}
