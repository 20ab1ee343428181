// The v3 error envelope (capi behaviour 1) and the errors the simulator raises.

export interface CfErrorEntry {
  detail: string
  title: string
  code: number
}

/** Thrown by handlers; the server turns it into `{errors:[...]}` with `status`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly entries: CfErrorEntry[],
    readonly headers: Record<string, string> = {},
  ) {
    super(entries.map((e) => e.detail).join('; '))
  }

  get body(): {errors: CfErrorEntry[]} {
    return {errors: this.entries}
  }
}

function cfError(status: number, name: string, code: number, detail: string): ApiError {
  return new ApiError(status, [{detail, title: `CF-${name}`, code}])
}

export const notAuthenticated = (): ApiError => cfError(401, 'NotAuthenticated', 10002, 'Authentication error')
export const invalidAuthToken = (): ApiError => cfError(401, 'InvalidAuthToken', 1000, 'Invalid Auth Token')
export const notAuthorized = (): ApiError => cfError(403, 'NotAuthorized', 10003, 'You are not authorized to perform the requested action')
export const resourceNotFound = (resource: string): ApiError => cfError(404, 'ResourceNotFound', 10010, `${resource} not found`)
export const unknownRequest = (): ApiError => cfError(404, 'NotFound', 10000, 'Unknown request')
export const messageParseError = (): ApiError =>
  cfError(400, 'MessageParseError', 1001, 'Request invalid due to parse error: invalid request body')
export const badQuery = (detail: string): ApiError => cfError(400, 'BadQueryParameter', 10005, `The query parameter is invalid: ${detail}`)
export const badRequest = (detail: string): ApiError => cfError(400, 'BadRequest', 1004, `Bad request: ${detail}`)
export const unprocessable = (detail: string): ApiError => cfError(422, 'UnprocessableEntity', 10008, detail)
export const uniqueness = (detail: string): ApiError => cfError(422, 'UniquenessError', 10016, detail)
export const alreadyBoundToSameRoute = (): ApiError =>
  cfError(422, 'ServiceInstanceAlreadyBoundToSameRoute', 130008, 'The route and service instance are already bound.')
export const bitsAlreadyUploaded = (): ApiError =>
  cfError(400, 'PackageBitsAlreadyUploaded', 150004, 'Bits may be uploaded only once. Create a new package to upload different bits.')
export const limitExceeded = (kind: 'labels' | 'annotations', count: number, max: number): ApiError =>
  kind === 'labels'
    ? cfError(422, 'LabelLimitExceeded', 390020, `Failed to add ${count} labels because it would exceed maximum of ${max}`)
    : cfError(422, 'AnnotationLimitExceeded', 390023, `Failed to add ${count} annotations because it would exceed maximum of ${max}`)

/** 429 as the rate limiter sends it: text/plain with a v3 body and Retry-After (behaviour 21). */
export function rateLimited(retryAfterSec: number, resetEpochSec: number): ApiError {
  const error = cfError(429, 'RateLimitExceeded', 10013, 'Rate Limit Exceeded')
  Object.assign(error.headers, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Retry-After': String(retryAfterSec),
    'X-RateLimit-Limit': '2000',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': String(resetEpochSec),
  })
  return error
}

/** A 5xx with the v3 envelope, for injected faults (503 is CC's ServiceUnavailable, others a ServerError). */
export function serverFault(status: number): ApiError {
  return status === 503
    ? cfError(503, 'ServiceUnavailable', 10015, 'Service Unavailable')
    : cfError(status, 'ServerError', 10001, 'Server error')
}
