// /v3/processes: scaling, and the per-instance stats that tell which isolation segment an instance runs
// on (so a restart can be recommended after a segment change).
import {fetchAllFiltered} from '../pagination.js'
import {path} from '../query.js'
import type {ResourceContext} from '../resource.js'
import type {ListOptions, Metadata, MetadataUpdate, Resource, ToOneRelationship} from '../types.js'

export interface HealthCheck {
  type: 'port' | 'process' | 'http'
  data: {timeout?: number | null; invocation_timeout?: number | null; interval?: number | null; endpoint?: string}
}

export interface Process extends Resource {
  type: string
  command: string | null
  user?: string
  instances: number
  memory_in_mb: number
  disk_in_mb: number
  log_rate_limit_in_bytes_per_second: number
  health_check: HealthCheck
  readiness_health_check?: HealthCheck
  version?: string
  relationships: {app: ToOneRelationship; revision?: ToOneRelationship}
  metadata: Metadata
}

export interface ProcessScale {
  instances?: number
  memory_in_mb?: number
  disk_in_mb?: number
  log_rate_limit_in_bytes_per_second?: number
}

/** PATCH /v3/processes/:guid: the start command (null: the droplet's default) and the health check. */
export interface ProcessUpdate {
  command?: string | null
  health_check?: {type: HealthCheck['type']; data?: HealthCheck['data']}
  metadata?: MetadataUpdate
}

export interface ProcessInstanceStats {
  type: string
  index: number
  instance_guid?: string
  state: 'RUNNING' | 'CRASHED' | 'STARTING' | 'STOPPING' | 'DOWN'
  routable?: boolean
  host: string
  uptime: number
  isolation_segment: string | null
  details: string | null
  usage?: Record<string, unknown>
  [field: string]: unknown
}

export interface ProcessListOptions extends ListOptions {
  types?: string[]
  app_guids?: string[]
  space_guids?: string[]
  organization_guids?: string[]
}

export function createProcessesClient(ctx: ResourceContext) {
  return {
    get: (guid: string) => ctx.http.get<Process>(path`/v3/processes/${guid}`),
    update: async (guid: string, body: ProcessUpdate): Promise<Process> =>
      (await ctx.http.send<Process>({method: 'PATCH', path: path`/v3/processes/${guid}`, json: body})).data,
    /** Every page; a filter of more than 200 GUIDs is sent in batches. */
    listAll: async (options?: ProcessListOptions): Promise<Process[]> =>
      (await fetchAllFiltered<Process>(ctx.http, '/v3/processes', options)).resources,
    getStats: async (guid: string): Promise<ProcessInstanceStats[]> =>
      (await ctx.http.get<{resources: ProcessInstanceStats[]}>(path`/v3/processes/${guid}/stats`)).resources,
    /** Scale; CC answers 202 with the process (not a job). */
    scale: async (guid: string, scale: ProcessScale): Promise<Process> =>
      (await ctx.http.send<Process>({method: 'POST', path: path`/v3/processes/${guid}/actions/scale`, json: scale})).data,
  }
}

export type ProcessesClient = ReturnType<typeof createProcessesClient>
