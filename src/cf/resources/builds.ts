// /v3/builds: stage a package into a droplet.
import {CfResourceFailedError} from '../errors.js'
import {waitForResource, type WaitOptions} from '../poll.js'
import {path} from '../query.js'
import type {ResourceContext} from '../resource.js'
import type {Metadata, MetadataUpdate, Resource, ToOneRelationship} from '../types.js'

export interface Build extends Resource {
  state: 'STAGING' | 'STAGED' | 'FAILED'
  staging_memory_in_mb: number
  staging_disk_in_mb: number
  error: string | null
  lifecycle: {type: string; data: Record<string, unknown>}
  package: {guid: string}
  droplet: {guid: string} | null
  created_by?: {guid: string; name: string; email: string}
  relationships: {app: ToOneRelationship}
  metadata: Metadata
}

export interface BuildCreate {
  package: {guid: string}
  lifecycle?: {type: string; data?: Record<string, unknown>}
  staging_memory_in_mb?: number
  staging_disk_in_mb?: number
  metadata?: MetadataUpdate
}

export function createBuildsClient(ctx: ResourceContext) {
  const get = (guid: string) => ctx.http.get<Build>(path`/v3/builds/${guid}`)
  return {
    get,
    create: async (body: BuildCreate): Promise<Build> =>
      (await ctx.http.send<Build>({method: 'POST', path: '/v3/builds', json: body})).data,
    /** Poll until STAGED (returned, with its droplet); FAILED is a CfResourceFailedError with the staging error. */
    waitUntilStaged: async (guid: string, options?: WaitOptions<Build>): Promise<Build> => {
      const done = await waitForResource(
        ctx.http.clock,
        {what: 'build', guid, get: () => get(guid), isDone: (build) => build.state !== 'STAGING', stateOf: (build) => build.state},
        options,
      )
      if (done.state === 'FAILED') throw new CfResourceFailedError('build', guid, done.error ?? 'staging failed')
      return done
    },
  }
}

export type BuildsClient = ReturnType<typeof createBuildsClient>
