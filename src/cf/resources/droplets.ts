// /v3/droplets: the staged result of a build; an app's droplets.
import {fetchAll} from '../pagination.js'
import {path} from '../query.js'
import type {ResourceContext} from '../resource.js'
import type {Metadata, Resource, ToOneRelationship} from '../types.js'

export interface Droplet extends Resource {
  state: 'AWAITING_UPLOAD' | 'PROCESSING_UPLOAD' | 'STAGED' | 'COPYING' | 'FAILED' | 'EXPIRED'
  error: string | null
  lifecycle: {type: string; data: Record<string, unknown>}
  checksum: {type: string; value: string} | null
  buildpacks?: {name: string; detect_output?: string; version?: string; buildpack_name?: string}[]
  stack?: string | null
  image?: string | null
  execution_metadata?: string
  process_types: Record<string, string>
  relationships: {app: ToOneRelationship}
  metadata: Metadata
}

export interface AppDropletListOptions {
  states?: Droplet['state'][]
  current?: boolean
  order_by?: 'created_at' | '-created_at' | 'updated_at' | '-updated_at'
}

export function createDropletsClient(ctx: ResourceContext) {
  return {
    get: (guid: string) => ctx.http.get<Droplet>(path`/v3/droplets/${guid}`),
    listForApp: async (appGuid: string, options?: AppDropletListOptions): Promise<Droplet[]> =>
      (await fetchAll<Droplet>(ctx.http, path`/v3/apps/${appGuid}/droplets`, options)).resources,
  }
}

/** The package a droplet was staged from: the guid at the end of its `package` link (a droplet has no other field). */
export function dropletPackageGuid(droplet: Droplet): string | undefined {
  const href = droplet.links.package?.href
  return href === undefined ? undefined : decodeURIComponent(new URL(href).pathname.split('/').at(-1) ?? '')
}

export type DropletsClient = ReturnType<typeof createDropletsClient>
