// /v3/droplets: the staged result of a build.
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

export function createDropletsClient(ctx: ResourceContext) {
  return {
    get: (guid: string) => ctx.http.get<Droplet>(path`/v3/droplets/${guid}`),
  }
}

export type DropletsClient = ReturnType<typeof createDropletsClient>
