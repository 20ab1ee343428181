// /v3/apps: lifecycle actions, environment variables, the current droplet and the app's processes.
import {fetchAll} from '../pagination.js'
import {path} from '../query.js'
import {includedLister, resourceVerbs, type ResourceContext} from '../resource.js'
import type {ListOptions, Metadata, MetadataUpdate, Resource, ToOneRelationship} from '../types.js'
import type {Droplet} from './droplets.js'
import type {Process} from './processes.js'
import {setToOne} from './relationships.js'
import type {Route, RouteListOptions} from './routes.js'

export interface Lifecycle {
  type: 'buildpack' | 'docker' | 'cnb'
  data: {buildpacks?: string[]; stack?: string}
}

export interface App extends Resource {
  name: string
  state: 'STARTED' | 'STOPPED'
  lifecycle: Lifecycle
  relationships: {space: ToOneRelationship; current_droplet?: ToOneRelationship}
  metadata: Metadata
}

export interface AppCreate {
  name: string
  relationships: {space: ToOneRelationship}
  environment_variables?: Record<string, string>
  lifecycle?: Lifecycle
  metadata?: MetadataUpdate
}

export interface AppUpdate {
  name?: string
  lifecycle?: Lifecycle
  metadata?: MetadataUpdate
}

export interface AppListOptions extends ListOptions {
  names?: string[]
  space_guids?: string[]
  organization_guids?: string[]
  stacks?: string[]
  lifecycle_type?: string
  include?: ('space' | 'space.organization')[]
}

/** Variables to merge into the app's environment: a string sets, null deletes. */
export type EnvironmentVariablesUpdate = Record<string, string | null>

export function createAppsClient(ctx: ResourceContext) {
  const envPath = (guid: string) => path`/v3/apps/${guid}/environment_variables`
  const act =
    (name: 'start' | 'stop' | 'restart') =>
    async (guid: string): Promise<App> =>
      (await ctx.http.send<App>({method: 'POST', path: `${path`/v3/apps/${guid}`}/actions/${name}`})).data
  return {
    ...resourceVerbs<App, AppCreate, AppUpdate, AppListOptions>(ctx, '/v3/apps', 'app'),
    listAllWithIncluded: includedLister<App, AppListOptions>(ctx, '/v3/apps'),
    /** Kept out of CF_TRACE both ways: environment variables often hold secrets. */
    getEnvironmentVariables: async (guid: string): Promise<Record<string, string>> =>
      (await ctx.http.send<{var: Record<string, string>}>({method: 'GET', path: envPath(guid), secretResponse: true})).data.var ?? {},
    /** Merge `vars` (null deletes a key); returns the resulting variables. Takes effect on restart or deployment. */
    updateEnvironmentVariables: async (guid: string, vars: EnvironmentVariablesUpdate): Promise<Record<string, string>> =>
      (
        await ctx.http.send<{var: Record<string, string>}>({
          method: 'PATCH',
          path: envPath(guid),
          json: {var: vars},
          secretRequest: true,
          secretResponse: true,
        })
      ).data.var ?? {},
    start: act('start'),
    stop: act('stop'),
    restart: act('restart'),
    setCurrentDroplet: (guid: string, dropletGuid: string) =>
      setToOne(ctx, path`/v3/apps/${guid}/relationships/current_droplet`, dropletGuid),
    getCurrentDroplet: (guid: string) => ctx.http.get<Droplet>(path`/v3/apps/${guid}/droplets/current`),
    listProcesses: async (guid: string): Promise<Process[]> =>
      (await fetchAll<Process>(ctx.http, path`/v3/apps/${guid}/processes`)).resources,
    listRoutes: async (guid: string, options?: RouteListOptions): Promise<Route[]> =>
      (await fetchAll<Route>(ctx.http, path`/v3/apps/${guid}/routes`, options)).resources,
  }
}

export type AppsClient = ReturnType<typeof createAppsClient>
