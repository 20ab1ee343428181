// The facade (go-cfclient client/client.go): one object with a sub-client per resource, all sharing one
// HTTP client, one warning list and one token source.
import type {Clock} from './clock.js'
import {createHttp, type AuthorizationProvider, type CfHttp, type HttpOptions} from './http.js'
import {createJobsClient, type JobsClient} from './jobs.js'
import type {PollOptions} from './poll.js'
import type {ResourceContext} from './resource.js'
import {createAppsClient} from './resources/apps.js'
import {createBuildsClient} from './resources/builds.js'
import {createDeploymentsClient} from './resources/deployments.js'
import {createDomainsClient} from './resources/domains.js'
import {createDropletsClient} from './resources/droplets.js'
import {createIsolationSegmentsClient} from './resources/isolation-segments.js'
import {createOrganizationsClient} from './resources/organizations.js'
import {createPackagesClient} from './resources/packages.js'
import {createProcessesClient} from './resources/processes.js'
import {createRootClient} from './resources/root.js'
import {createRoutesClient} from './resources/routes.js'
import {createSecurityGroupsClient} from './resources/security-groups.js'
import {createServiceInstancesClient} from './resources/service-instances.js'
import {createServiceRouteBindingsClient} from './resources/service-route-bindings.js'
import {createSpacesClient} from './resources/spaces.js'
import type {TraceWriter} from './trace.js'
import type {WarningCollector} from './warnings.js'

/** Connection settings shared by the API and UAA clients. */
export interface ConnectionOptions {
  skipSslValidation?: boolean
  userAgent?: string
  connectTimeoutMs?: number
  requestTimeoutMs?: number
  retry?: HttpOptions['retry']
  trace?: TraceWriter
  clock?: Clock
  warnings?: WarningCollector
  /** Defaults for waiting on jobs (timeout, interval). */
  jobs?: PollOptions
}

export interface CfClientOptions extends ConnectionOptions {
  apiUrl: string
  auth?: AuthorizationProvider
}

export interface CfTarget {
  api: string
  organization?: {guid: string; name: string}
  space?: {guid: string; name: string}
}

export interface CfClient {
  root: ReturnType<typeof createRootClient>
  organizations: ReturnType<typeof createOrganizationsClient>
  spaces: ReturnType<typeof createSpacesClient>
  isolationSegments: ReturnType<typeof createIsolationSegmentsClient>
  securityGroups: ReturnType<typeof createSecurityGroupsClient>
  domains: ReturnType<typeof createDomainsClient>
  routes: ReturnType<typeof createRoutesClient>
  serviceInstances: ReturnType<typeof createServiceInstancesClient>
  serviceRouteBindings: ReturnType<typeof createServiceRouteBindingsClient>
  jobs: JobsClient
  apps: ReturnType<typeof createAppsClient>
  processes: ReturnType<typeof createProcessesClient>
  packages: ReturnType<typeof createPackagesClient>
  builds: ReturnType<typeof createBuildsClient>
  droplets: ReturnType<typeof createDropletsClient>
  deployments: ReturnType<typeof createDeploymentsClient>
  /** What the platform said (X-Cf-Warnings, job warnings); `drain()` returns and clears them. */
  warnings: WarningCollector
  /** The CC API version (`links.cloud_controller_v3.meta.version` of GET /), read once per client; compare it
   * with `versionAtLeast` (api-version.ts). */
  apiVersion(): Promise<string>
  /** The API and, when built from config, the targeted org and space. */
  target: CfTarget
  /** The logged-in user or client, decoded from the token (no request); undefined before the first call. */
  currentUser(): string | undefined
  /** The token's scopes, decoded from it (no request); undefined before the first call. */
  currentScopes(): string[] | undefined
  /** Release pooled connections (keep-alive sockets). */
  close(): void
}

export function httpOptions(apiUrl: string, options: ConnectionOptions, auth?: AuthorizationProvider): HttpOptions {
  return {
    apiUrl,
    auth,
    skipSslValidation: options.skipSslValidation,
    userAgent: options.userAgent,
    connectTimeoutMs: options.connectTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs,
    retry: options.retry,
    trace: options.trace,
    clock: options.clock,
    warnings: options.warnings,
  }
}

/** A client for `apiUrl` with the caller's token provider (or none, for the public documents only). */
export function createCfClient(options: CfClientOptions): CfClient {
  const http = createHttp(httpOptions(options.apiUrl, options, options.auth))
  return assembleClient(http, options.jobs, {
    target: {api: http.apiUrl},
    currentUser: () => undefined,
    currentScopes: () => undefined,
    close: () => http.close(),
  })
}

export function assembleClient(
  http: CfHttp,
  jobDefaults: PollOptions | undefined,
  extras: Pick<CfClient, 'target' | 'currentUser' | 'currentScopes' | 'close'>,
): CfClient {
  const jobs = createJobsClient(http, jobDefaults)
  const ctx: ResourceContext = {http, jobs}
  const root = createRootClient(ctx)
  return {
    root,
    apiVersion: root.apiVersion,
    organizations: createOrganizationsClient(ctx),
    spaces: createSpacesClient(ctx),
    isolationSegments: createIsolationSegmentsClient(ctx),
    securityGroups: createSecurityGroupsClient(ctx),
    domains: createDomainsClient(ctx),
    routes: createRoutesClient(ctx),
    serviceInstances: createServiceInstancesClient(ctx),
    serviceRouteBindings: createServiceRouteBindingsClient(ctx),
    jobs,
    apps: createAppsClient(ctx),
    processes: createProcessesClient(ctx),
    packages: createPackagesClient(ctx),
    builds: createBuildsClient(ctx),
    droplets: createDropletsClient(ctx),
    deployments: createDeploymentsClient(ctx),
    warnings: http.warnings,
    ...extras,
  }
}
