// /v3/security_groups (ASGs), with their running/staging space bindings. Deleting one is a job.
import {path} from '../query.js'
import {resourceVerbs, type ResourceContext} from '../resource.js'
import type {ListOptions, Resource, ToManyRelationship} from '../types.js'
import {addToMany, removeFromMany} from './relationships.js'

export interface SecurityGroupRule {
  protocol: 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'all'
  destination: string
  ports?: string
  type?: number
  code?: number
  description?: string
  log?: boolean
}

export interface SecurityGroup extends Resource {
  name: string
  rules: SecurityGroupRule[]
  globally_enabled: {running: boolean; staging: boolean}
  relationships: {running_spaces: ToManyRelationship; staging_spaces: ToManyRelationship}
}

export interface SecurityGroupCreate {
  name: string
  rules?: SecurityGroupRule[]
  globally_enabled?: {running?: boolean; staging?: boolean}
  relationships?: {running_spaces?: ToManyRelationship; staging_spaces?: ToManyRelationship}
}

/** `rules` replaces the whole list; `globally_enabled` is merged. */
export interface SecurityGroupUpdate {
  name?: string
  rules?: SecurityGroupRule[]
  globally_enabled?: {running?: boolean; staging?: boolean}
}

export interface SecurityGroupListOptions extends ListOptions {
  names?: string[]
  globally_enabled_running?: boolean
  globally_enabled_staging?: boolean
  running_space_guids?: string[]
  staging_space_guids?: string[]
}

/** Filters of `/v3/spaces/:guid/{running,staging}_security_groups`. */
export interface SpaceSecurityGroupListOptions {
  guids?: string[]
  names?: string[]
  order_by?: string
  per_page?: number
}

type Lifecycle = 'running' | 'staging'

export function createSecurityGroupsClient(ctx: ResourceContext) {
  const bind = (lifecycle: Lifecycle) => (guid: string, spaceGuids: readonly string[]) =>
    addToMany(ctx, `${path`/v3/security_groups/${guid}`}/relationships/${lifecycle}_spaces`, spaceGuids)
  const unbind = (lifecycle: Lifecycle) => (guid: string, spaceGuid: string) =>
    removeFromMany(ctx, `${path`/v3/security_groups/${guid}`}/relationships/${lifecycle}_spaces/${encodeURIComponent(spaceGuid)}`)
  return {
    ...resourceVerbs<SecurityGroup, SecurityGroupCreate, SecurityGroupUpdate, SecurityGroupListOptions>(
      ctx,
      '/v3/security_groups',
      'security group',
    ),
    /** Bind to spaces for running apps (idempotent); returns the bound space GUIDs. */
    bindRunningSpaces: bind('running'),
    bindStagingSpaces: bind('staging'),
    unbindRunningSpace: unbind('running'),
    unbindStagingSpace: unbind('staging'),
  }
}

export type SecurityGroupsClient = ReturnType<typeof createSecurityGroupsClient>
