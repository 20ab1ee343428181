// The records the simulator keeps. Plain JSON so the whole state can be written to a file and read back.
import type {Metadata} from './metadata.js'

export interface BaseRecord {
  guid: string
  created_at: string
  updated_at: string
  metadata: Metadata
}

export interface OrgRecord extends BaseRecord {
  name: string
  suspended: boolean
  quota_guid: string
  default_isolation_segment_guid: string | null
}

export interface SpaceRecord extends BaseRecord {
  name: string
  organization_guid: string
  isolation_segment_guid: string | null
}

export interface SegmentRecord extends BaseRecord {
  name: string
  organization_guids: string[]
}

export interface SecurityRule {
  protocol: string
  destination: string
  ports?: string
  type?: number
  code?: number
  description?: string
  log?: boolean
}

export interface SecurityGroupRecord extends BaseRecord {
  name: string
  rules: SecurityRule[]
  globally_enabled: {running: boolean; staging: boolean}
  running_space_guids: string[]
  staging_space_guids: string[]
}

export interface DomainRecord extends BaseRecord {
  name: string
  internal: boolean
  organization_guid: string | null
  shared_organization_guids: string[]
}

export interface DestinationRecord {
  guid: string
  app_guid: string
  process_type: string
  /** Null when written without one: CC then shows the app's default port (see `defaultPort`). */
  port: number | null
  protocol: string
  weight: number | null
  created_at: string
  updated_at: string
}

export interface RouteRecord extends BaseRecord {
  host: string
  path: string
  domain_guid: string
  space_guid: string
  options: Record<string, unknown>
  destinations: DestinationRecord[]
}

/** `description` is null while a broker operation is in progress (CC's *_IN_PROGRESS_OPERATION). */
export interface LastOperation {
  type: string
  state: string
  description: string | null
  created_at: string
  updated_at: string
}

/** What a managed instance has from its broker. Plans are modelled only as the guid and name the instance shows. */
export interface ManagedDetails {
  service_plan_guid: string
  service_plan_name: string
  dashboard_url: string | null
  /** What the broker answers on bind for a route service (requires: route_forwarding); null when it is not one. */
  route_service_url: string | null
}

/** A user-provided instance, or a managed one when `managed` is set (then credentials, syslog and URL stay empty). */
export interface ServiceInstanceRecord extends BaseRecord {
  name: string
  space_guid: string
  tags: string[]
  credentials: Record<string, unknown>
  syslog_drain_url: string | null
  route_service_url: string | null
  last_operation: LastOperation
  managed?: ManagedDetails
}

export interface RouteBindingRecord extends BaseRecord {
  route_guid: string
  service_instance_guid: string
  route_service_url: string | null
  last_operation: LastOperation
}

export interface JobRecord extends BaseRecord {
  operation: string
  state: 'PROCESSING' | 'COMPLETE' | 'FAILED'
  resource_type: string | null
  resource_guid: string | null
  errors: Array<{code: number; title: string; detail: string}>
  warnings: Array<{detail: string}>
}

export interface AppRecord extends BaseRecord {
  name: string
  space_guid: string
  /** Absent in state files written before Docker apps existed: buildpack. */
  lifecycle?: 'buildpack' | 'docker'
  state: 'STARTED' | 'STOPPED'
  buildpacks: string[]
  stack: string
  current_droplet_guid: string | null
  environment_variables: Record<string, string>
}

/** One running instance: where it was placed and what environment it started with (never changes after start). */
export interface InstanceRecord {
  index: number
  instance_guid: string
  isolation_segment_guid: string
  environment: Record<string, string>
  droplet_guid: string | null
  since: string
}

export interface ProcessRecord extends BaseRecord {
  app_guid: string
  type: string
  command: string | null
  instances: number
  memory_in_mb: number
  disk_in_mb: number
  log_rate_limit_in_bytes_per_second: number
  health_check_type: string
  /** For an http health check: the path probed. */
  health_check_endpoint?: string
  version: string
  running: InstanceRecord[]
}

export interface PackageRecord extends BaseRecord {
  app_guid: string
  type: 'bits' | 'docker'
  state: 'AWAITING_UPLOAD' | 'PROCESSING_UPLOAD' | 'READY' | 'FAILED'
  bits_bytes: number | null
  checksum: string | null
}

export interface BuildRecord extends BaseRecord {
  app_guid: string
  package_guid: string
  state: 'STAGING' | 'STAGED' | 'FAILED'
  droplet_guid: string | null
  error: string | null
  created_by: {guid: string; name: string; email: string}
  /** The buildpacks the build asked for (lifecycle.data.buildpacks); absent in state files written before. */
  buildpacks?: string[]
}

export interface DropletRecord extends BaseRecord {
  app_guid: string
  package_guid: string | null
  state: 'STAGED'
  checksum: string
  process_types: Record<string, string>
  /** A Docker droplet: its image and the ports the image exposes (CC reads them from the staging result). */
  docker?: {image: string; ports: number[]}
}

export type DeploymentState = 'DEPLOYING' | 'PREPAUSED' | 'PAUSED' | 'CANCELING' | 'DEPLOYED' | 'CANCELED'

export interface DeploymentRecord extends BaseRecord {
  app_guid: string
  state: DeploymentState
  superseded: boolean
  strategy: 'rolling' | 'canary'
  max_in_flight: number
  canary_steps: Array<{instance_weight: number}> | null
  current_step: number
  droplet_guid: string
  previous_droplet_guid: string | null
  new_process_guids: string[]
  target_instances: number
  revision_version: number
  last_status_change: string
}

export interface UserRecord {
  guid: string
  username: string
  password: string
  admin: boolean
  org_manager: string[]
  space_developer: string[]
}

export interface ClientRecord {
  id: string
  secret: string
  admin: boolean
}

/** What the router enforces for a route: the route service it sends requests through, and how many destinations it has
 * (none: the router answers 404, closed; some and no route service: open to anyone). */
export interface RouterState {
  routeServiceUrl: string | null
  destinations: number
}

export interface RouterEntry extends RouterState {
  guid: string
  url: string
  history: Array<RouterState & {time: string; journalIndex: number | null}>
}
