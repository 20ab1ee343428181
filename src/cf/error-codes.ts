// Predicates keyed on the Cloud Controller error code (errors/v2.yml, errors/v3.yml), after go-cfclient's
// resource/error_cf.go. A job that FAILED carries the same codes, so both error kinds are checked.
import {CfApiError, CfJobFailedError} from './errors.js'

export const CF_ERROR_CODES = {
  invalidAuthToken: 1000,
  messageParseError: 1001,
  notAuthenticated: 10002,
  notAuthorized: 10003,
  badQueryParameter: 10005,
  unprocessableEntity: 10008,
  resourceNotFound: 10010,
  rateLimitExceeded: 10013,
  ipBasedRateLimitExceeded: 10014,
  uniquenessError: 10016,
  serviceInstanceAlreadyBoundToSameRoute: 130008,
  packageBitsAlreadyUploaded: 150004,
} as const

/** Does `error` carry the CF error `code` (in any entry of the envelope)? */
export function hasCfErrorCode(error: unknown, code: number): boolean {
  if (error instanceof CfApiError || error instanceof CfJobFailedError) {
    return error.errors.some((entry) => entry.code === code)
  }
  return false
}

const byCode = (code: number) => (error: unknown) => hasCfErrorCode(error, code)

export const isInvalidAuthToken = byCode(CF_ERROR_CODES.invalidAuthToken)
export const isNotAuthenticated = byCode(CF_ERROR_CODES.notAuthenticated)
export const isNotAuthorized = byCode(CF_ERROR_CODES.notAuthorized)
export const isBadQueryParameter = byCode(CF_ERROR_CODES.badQueryParameter)
export const isUnprocessable = byCode(CF_ERROR_CODES.unprocessableEntity)
export const isNotFound = byCode(CF_ERROR_CODES.resourceNotFound)
export const isServiceInstanceAlreadyBoundToSameRoute = byCode(CF_ERROR_CODES.serviceInstanceAlreadyBoundToSameRoute)
export const isPackageBitsAlreadyUploaded = byCode(CF_ERROR_CODES.packageBitsAlreadyUploaded)

/** 10016 is both v2 ServiceBrokerRateLimitExceeded and v3 UniquenessError; the title tells them apart. */
export function isUniquenessError(error: unknown): boolean {
  return error instanceof CfApiError && error.errors.some((e) => e.title === 'CF-UniquenessError')
}

export function isRateLimited(error: unknown): boolean {
  return (
    hasCfErrorCode(error, CF_ERROR_CODES.rateLimitExceeded) ||
    hasCfErrorCode(error, CF_ERROR_CODES.ipBasedRateLimitExceeded) ||
    (error instanceof CfApiError && error.status === 429)
  )
}
