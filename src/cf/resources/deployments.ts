// /v3/deployments: rolling (or canary) replacement of an app's web process, and waiting for it to finish.
// A deployment ends FINALIZED with reason DEPLOYED, CANCELED or SUPERSEDED; the caller decides what a
// non-DEPLOYED end means, so waiting returns the final object instead of throwing.
import {fetchAll, fetchPage} from '../pagination.js'
import {waitForResource, type WaitOptions} from '../poll.js'
import {path} from '../query.js'
import type {ResourceContext} from '../resource.js'
import type {ListOptions, Metadata, MetadataUpdate, Resource, ToOneRelationship} from '../types.js'

export interface DeploymentStatus {
  value: 'ACTIVE' | 'FINALIZED'
  reason: 'DEPLOYING' | 'PAUSED' | 'CANCELING' | 'DEPLOYED' | 'CANCELED' | 'SUPERSEDED'
  details?: {last_successful_healthcheck?: string; last_status_change?: string; error?: string}
  canary?: {steps: {current: number; total: number}}
}

export interface Deployment extends Resource {
  status: DeploymentStatus
  strategy: 'rolling' | 'canary'
  options?: {max_in_flight?: number; web_instances?: number; canary?: {steps: {instance_weight: number}[]}}
  droplet: {guid: string}
  previous_droplet: {guid: string} | null
  new_processes: {guid: string; type: string}[]
  revision: {guid: string; version: number} | null
  relationships: {app: ToOneRelationship}
  metadata: Metadata
}

export interface DeploymentCreate {
  relationships: {app: ToOneRelationship}
  droplet?: {guid: string}
  revision?: {guid: string}
  strategy?: 'rolling' | 'canary'
  options?: {max_in_flight?: number; web_instances?: number; memory_in_mb?: number; disk_in_mb?: number}
  metadata?: MetadataUpdate
}

export interface DeploymentListOptions extends ListOptions {
  app_guids?: string[]
  states?: string[]
  status_reasons?: string[]
  status_values?: string[]
}

export function createDeploymentsClient(ctx: ResourceContext) {
  const get = (guid: string) => ctx.http.get<Deployment>(path`/v3/deployments/${guid}`)
  const action = async (guid: string, name: 'cancel' | 'continue'): Promise<void> => {
    await ctx.http.send({method: 'POST', path: `${path`/v3/deployments/${guid}`}/actions/${name}`})
  }
  return {
    get,
    list: (options?: DeploymentListOptions) => fetchPage<Deployment>(ctx.http, '/v3/deployments', options),
    listAll: async (options?: DeploymentListOptions) => (await fetchAll<Deployment>(ctx.http, '/v3/deployments', options)).resources,
    create: async (body: DeploymentCreate): Promise<Deployment> =>
      (await ctx.http.send<Deployment>({method: 'POST', path: '/v3/deployments', json: body})).data,
    cancel: (guid: string) => action(guid, 'cancel'),
    continue: (guid: string) => action(guid, 'continue'),
    /** Poll until FINALIZED; `onProgress` sees every poll. */
    waitUntilFinalized: (guid: string, options?: WaitOptions<Deployment>): Promise<Deployment> =>
      waitForResource(
        ctx.http.clock,
        {
          what: 'deployment',
          guid,
          get: () => get(guid),
          isDone: (d) => d.status.value === 'FINALIZED',
          stateOf: (d) => `${d.status.value}/${d.status.reason}`,
        },
        options,
      ),
  }
}

export type DeploymentsClient = ReturnType<typeof createDeploymentsClient>
