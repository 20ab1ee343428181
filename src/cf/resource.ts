// The uniform verbs (go-cfclient client/route.go): get, list, listAll, first, single, create, update,
// delete. Each resource module takes the ones its endpoint supports and adds its relationship verbs.
import type {CfHttp} from './http.js'
import type {JobsClient} from './jobs.js'
import {fetchAllFiltered, fetchFirst, fetchPage, fetchSingle} from './pagination.js'
import type {PollOptions} from './poll.js'
import type {Query} from './query.js'
import type {ListAllResult, Page} from './types.js'

export interface ResourceContext {
  http: CfHttp
  jobs: JobsClient
}

/** Options of a single GET, e.g. `{include: ['organization']}`. */
export type GetOptions = Query

export function resourceVerbs<T extends {guid: string}, Create, Update, ListOpts extends Query>(
  ctx: ResourceContext,
  basePath: string,
  noun: string,
) {
  const itemPath = (guid: string) => `${basePath}/${encodeURIComponent(guid)}`
  return {
    get: (guid: string, options?: GetOptions): Promise<T> => ctx.http.get<T>(itemPath(guid), options),
    /** One page (per_page defaults to 5000). */
    list: (options?: ListOpts): Promise<Page<T>> => fetchPage<T>(ctx.http, basePath, options),
    /** Every page's resources; a filter list of more than 200 GUIDs is sent in batches and merged. */
    listAll: async (options?: ListOpts): Promise<T[]> => (await fetchAllFiltered<T>(ctx.http, basePath, options)).resources,
    first: (options: ListOpts): Promise<T> => fetchFirst<T>(ctx.http, basePath, options, noun),
    single: (options: ListOpts): Promise<T> => fetchSingle<T>(ctx.http, basePath, options, noun),
    create: async (body: Create): Promise<T> => (await ctx.http.send<T>({method: 'POST', path: basePath, json: body})).data,
    update: async (guid: string, body: Update): Promise<T> =>
      (await ctx.http.send<T>({method: 'PATCH', path: itemPath(guid), json: body})).data,
    /** Delete; when the API answers with a job, returns after the job completed. */
    delete: async (guid: string, options?: PollOptions): Promise<void> => {
      await sendAndAwait(ctx, {method: 'DELETE', path: itemPath(guid)}, options)
    },
  }
}

/** For resources with `include`: every page's resources plus the merged, de-duplicated parents. */
export function includedLister<T extends {guid: string}, ListOpts extends Query>(ctx: ResourceContext, basePath: string) {
  return (options?: ListOpts): Promise<ListAllResult<T>> => fetchAllFiltered<T>(ctx.http, basePath, options)
}

/** Send a request whose answer may be 202 + job, wait for the job, and return the first response. */
export async function sendAndAwait<T>(
  ctx: ResourceContext,
  request: Parameters<CfHttp['send']>[0],
  options?: PollOptions,
): Promise<{status: number; data: T}> {
  const response = await ctx.http.send<T>(request)
  await ctx.jobs.awaitAccepted(response, options)
  return response
}
