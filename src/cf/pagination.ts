// Listing (go-cfclient client/pager.go): follow `pagination.next.href` to the end with the largest page
// CC allows, merge `included`, and the `first` / `single` shortcuts with named errors. A next link is
// absolute and may name another host (CC builds it from its external domain); only its path and query are
// used, against the API the client was made for, so the token never goes anywhere else.
import {mapConcurrent, DEFAULT_CONCURRENCY} from './concurrency.js'
import {CfResultCountError} from './errors.js'
import type {CfHttp} from './http.js'
import {chunk, encodeQuery, MAX_PER_PAGE, type Query} from './query.js'
import type {Included, ListAllResult, Page, Resource} from './types.js'

/** GUIDs per request when a filter list is long (util/batcher in the cf CLI). */
export const GUID_BATCH_SIZE = 200

export async function fetchPage<T>(http: CfHttp, path: string, query: Query = {}): Promise<Page<T>> {
  return http.get<Page<T>>(path, {per_page: MAX_PER_PAGE, ...query})
}

export async function fetchAll<T>(http: CfHttp, path: string, query: Query = {}): Promise<ListAllResult<T>> {
  let page = await fetchPage<T>(http, path, query)
  const resources = [...page.resources]
  let included = mergeIncluded({}, page.included)
  while (page.pagination?.next?.href) {
    page = await http.get<Page<T>>(onApiOrigin(http, page.pagination.next.href))
    resources.push(...page.resources)
    included = mergeIncluded(included, page.included)
  }
  return {resources, included}
}

/**
 * List with a long filter (`key` = e.g. `space_guids`) split into batches, in parallel, merged.
 * Resources matched by several batches are kept once. No values means no request and no results.
 */
export async function fetchAllBatched<T extends {guid: string}>(
  http: CfHttp,
  path: string,
  query: Query,
  batch: {key: string; values: readonly string[]; size?: number},
): Promise<ListAllResult<T>> {
  const batches = chunk(batch.values, batch.size ?? GUID_BATCH_SIZE)
  const results = await mapConcurrent(batches, DEFAULT_CONCURRENCY, (values) => fetchAll<T>(http, path, {...query, [batch.key]: values}))
  const seen = new Set<string>()
  const resources: T[] = []
  let included: Included = {}
  for (const result of results) {
    for (const resource of result.resources) {
      if (seen.has(resource.guid)) continue
      seen.add(resource.guid)
      resources.push(resource)
    }
    included = mergeIncluded(included, result.included)
  }
  return {resources, included}
}

/**
 * `fetchAll`, except that a filter list longer than GUID_BATCH_SIZE (the first such key) is sent in
 * batches, so a report can filter by thousands of GUIDs without an over-long URL.
 */
export async function fetchAllFiltered<T extends {guid: string}>(http: CfHttp, path: string, query: Query = {}): Promise<ListAllResult<T>> {
  const long = Object.entries(query).find(([, value]) => Array.isArray(value) && value.length > GUID_BATCH_SIZE)
  if (!long) return fetchAll<T>(http, path, query)
  return fetchAllBatched<T>(http, path, query, {key: long[0], values: long[1] as string[]})
}

/** The first match, or CfResultCountError NO_RESULTS. Asks for one item only. */
export async function fetchFirst<T>(http: CfHttp, path: string, query: Query, resource: string): Promise<T> {
  const page = await fetchPage<T>(http, path, {...query, per_page: 1})
  const found = page.resources[0]
  if (found === undefined) throw new CfResultCountError('NO_RESULTS', resource, 0, describeFilter(query))
  return found
}

/** The only match, or CfResultCountError (NO_RESULTS / NOT_EXACTLY_ONE). Two per page are enough to tell. */
export async function fetchSingle<T>(http: CfHttp, path: string, query: Query, resource: string): Promise<T> {
  const page = await fetchPage<T>(http, path, {...query, per_page: 2})
  const count = page.pagination?.total_results ?? page.resources.length
  if (count === 0) throw new CfResultCountError('NO_RESULTS', resource, 0, describeFilter(query))
  if (count !== 1 || page.resources.length !== 1) throw new CfResultCountError('NOT_EXACTLY_ONE', resource, count, describeFilter(query))
  return page.resources[0] as T
}

/** Merge `included` maps, keeping each parent once (by guid) in first-seen order. */
export function mergeIncluded(into: Included, more: Included | undefined): Included {
  const merged: Included = {...into}
  for (const [kind, list] of Object.entries(more ?? {})) {
    const existing = merged[kind] ?? []
    const known = new Set(existing.map((item) => item.guid))
    merged[kind] = [...existing, ...list.filter((item: Resource) => !known.has(item.guid))]
  }
  return merged
}

function onApiOrigin(http: CfHttp, href: string): string {
  const link = new URL(href)
  return new URL(`${link.pathname}${link.search}`, new URL(http.apiUrl).origin).toString()
}

function describeFilter(query: Query): string {
  const filters = Object.fromEntries(Object.entries(query).filter(([key]) => !['per_page', 'page', 'include'].includes(key)))
  return decodeURIComponent(encodeQuery(filters)).replace(/&/g, ' ')
}
