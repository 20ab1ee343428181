// The public surface of src/cf: the client facade, login/target helpers, errors and their predicates,
// and the wire types of every resource.
export {createCfClient, type CfClient, type CfClientOptions, type CfTarget, type ConnectionOptions} from './client.js'
export {createCfClientFromConfig, credentialsFromEnv, type FromConfigOptions} from './from-config.js'
export {login, setTarget, type LoginCredentials, type LoginOptions, type LoginResult, type SetTargetOptions} from './login.js'
// Named, not `export *`: the bundler leaves out of a command what it does not use only through named re-exports
// (scripts/bundle-cli.js), and a command that catches one error class must not start the HTTP client.
export {
  CfApiError,
  CfApiUrlError,
  CfAuthError,
  CfConfigError,
  CfJobFailedError,
  CfJobTimeoutError,
  CfNetworkError,
  CfProtocolError,
  CfResourceFailedError,
  CfResultCountError,
  CfTraceFileError,
  CfWaitTimeoutError,
  classifyNetworkError,
  networkFailure,
  type CfApiErrorInit,
  type CfAuthErrorCode,
  type CfConfigProblem,
  type CfErrorDetail,
  type CfNetworkEndpoint,
  type CfNetworkErrorKind,
  type CfProtocolErrorCode,
  type CfResultCountCode,
  type JobErrorSummary,
} from './errors.js'
export {
  CF_ERROR_CODES,
  hasCfErrorCode,
  isBadQueryParameter,
  isInvalidAuthToken,
  isNotAuthenticated,
  isNotAuthorized,
  isNotFound,
  isPackageBitsAlreadyUploaded,
  isRateLimited,
  isServiceInstanceAlreadyBoundToSameRoute,
  isUniquenessError,
  isUnprocessable,
} from './error-codes.js'
export {
  configPath,
  CONFIG_VERSION,
  DEFAULT_UAA_CLIENT,
  emptyConfig,
  normalizeApiUrl,
  oauthClient,
  readConfig,
  updateConfig,
  validApiUrl,
  writeConfig,
  type CfConfigData,
  type CfEnv,
  type OrganizationFields,
  type SpaceFields,
} from './config.js'
export {describeFileError} from './file-errors.js'
export {systemClock, type Clock} from './clock.js'
export {mapConcurrent, DEFAULT_CONCURRENCY} from './concurrency.js'
export {createTokenSource, notLoggedIn, type EnvCredentials, type TokenSource, type TokenSourceOptions} from './auth.js'
export {createHttp, type AuthorizationProvider, type CfHttp, type CfRequest, type CfResponse, type HttpOptions} from './http.js'
export {HEADER_REQUEST_ID, HEADER_WARNINGS, parseWarningsHeader} from './headers.js'
export {decodeTokenClaims, isTokenExpiring, stripTokenType, tokenScopes, tokenSubject, type TokenClaims} from './jwt.js'
export {
  fetchAll,
  fetchAllBatched,
  fetchAllFiltered,
  fetchFirst,
  fetchPage,
  fetchSingle,
  GUID_BATCH_SIZE,
  mergeIncluded,
} from './pagination.js'
export {jobGuidFromLocation, type Job, type JobState, type JobsClient} from './jobs.js'
export type {PollOptions, WaitOptions} from './poll.js'
export {chunk, encodeQuery, MAX_PER_PAGE, type Query} from './query.js'
export {backoffDelayMs, decideRetry, DEFAULT_RETRY_POLICY, rateLimitWaitMs, type RetryPolicy} from './retry.js'
export {createTraceWriter, PRIVATE_DATA, type TraceWriter} from './trace.js'
export {discoverEndpoints, type ApiEndpoints, type Tokens} from './uaa.js'
export {createWarningCollector, type WarningCollector} from './warnings.js'
export {
  relationshipGuids,
  toMany,
  toOne,
  type Guid,
  type Included,
  type Link,
  type ListAllResult,
  type ListOptions,
  type Metadata,
  type MetadataUpdate,
  type Page,
  type Pagination,
  type Resource,
  type ToManyRelationship,
  type ToOneRelationship,
} from './types.js'
export type * from './resources/apps.js'
export type * from './resources/builds.js'
export type * from './resources/deployments.js'
export type * from './resources/domains.js'
export type * from './resources/droplets.js'
export {dropletPackageGuid} from './resources/droplets.js'
export {
  SHARED_ISOLATION_SEGMENT_GUID,
  type IsolationSegment,
  type IsolationSegmentCreate,
  type IsolationSegmentListOptions,
  type IsolationSegmentUpdate,
  type IsolationSegmentsClient,
} from './resources/isolation-segments.js'
export type * from './resources/organizations.js'
export type * from './resources/packages.js'
export type * from './resources/processes.js'
export type * from './resources/root.js'
export type * from './resources/routes.js'
export type * from './resources/security-groups.js'
export type * from './resources/service-instances.js'
export type * from './resources/service-route-bindings.js'
export type * from './resources/spaces.js'
