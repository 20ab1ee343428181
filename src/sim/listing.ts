// One list pipeline for every collection: refuse unknown keys, filter, order, page, present, include.
import {badQuery} from './errors.js'
import {JsonText, type Ctx, type Reply} from './http.js'
import {labelSelector, type Metadata} from './metadata.js'
import {hrefMaker, paginate, readPageRequest, sortItems, timestampFilter, type Timestamped} from './pagination.js'
import {listValue, queryError, rejectUnknownKeys, stringValue, type QueryErrorStyle} from './query.js'

type Row = Timestamped & {metadata?: Metadata}

/** A parent resource that `include=` can add, e.g. the organizations of listed spaces. */
export interface Inclusion<T> {
  key: string
  parents: (ctx: Ctx, items: T[]) => Row[]
  present: (ctx: Ctx, parent: never) => unknown
}

/** The keys every CC list accepts, which its "Valid parameters are:" message names first, in this order. */
export const LIST_KEYS = ['page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids'] as const

export interface ListSpec<T extends Row> {
  /** Allowed query keys, in the order CC prints them. */
  allowed: readonly string[]
  style?: QueryErrorStyle
  orderFields?: readonly string[]
  /** Filter name -> predicate over the filter's items. */
  filters?: Record<string, (values: string[], ctx: Ctx) => (item: T) => boolean>
  /** include value -> what it adds. */
  includes?: Record<string, Array<Inclusion<T>>>
  present: (ctx: Ctx, item: T) => unknown
  /**
   * Everything `present` reads from a record besides its GUID and creation time, when that is all it reads: the
   * record's JSON is then cached and reused while these values stay the same (compared with ===), so a page of
   * 5,000 spaces is not presented and serialised again for every request.
   */
  dependsOn?: (item: T) => readonly unknown[]
}

interface CachedJson {
  base: string
  dependencies: readonly unknown[]
  json: string
}

const cachedJson = new WeakMap<object, CachedJson>()

function resourceJson<T extends Row>(ctx: Ctx, item: T, spec: ListSpec<T>): string {
  if (spec.dependsOn === undefined) return JSON.stringify(spec.present(ctx, item))
  const dependencies = spec.dependsOn(item)
  const cached = cachedJson.get(item)
  if (cached !== undefined && cached.base === ctx.base && sameValues(cached.dependencies, dependencies)) return cached.json
  const json = JSON.stringify(spec.present(ctx, item))
  cachedJson.set(item, {base: ctx.base, dependencies, json})
  return json
}

const sameValues = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((v, i) => v === b[i])

const DEFAULT_ORDER = ['created_at', 'updated_at']

function byCreatedThenGuid(a: Row, b: Row): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1
  return a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0
}

/** Resolves `include=` into the inclusions to apply; 400 for an unknown value. */
export function requestedInclusions<T extends Row>(ctx: Ctx, includes: ListSpec<T>['includes']): Array<Inclusion<T>> {
  const values = listValue(ctx.query, 'include')
  if (!values || !includes) return []
  const valid = Object.keys(includes)
  const bad = values.filter((v) => !valid.includes(v))
  if (bad.length > 0) {
    const quote = (items: string[]) => items.map((v) => `'${v}'`).join(', ')
    throw badQuery(`Invalid included resource: ${quote(bad)}. Valid included resources are: ${quote(valid)}`)
  }
  return values.flatMap((v) => includes[v])
}

/** `{<key>: [unique parents ordered by created_at, guid]}` for the given page. */
export function included<T extends Row>(ctx: Ctx, inclusions: Array<Inclusion<T>>, items: T[]): Record<string, unknown[]> | undefined {
  if (inclusions.length === 0) return undefined
  const out: Record<string, unknown[]> = {}
  const seen = new Set<string>()
  for (const inclusion of inclusions) {
    if (seen.has(inclusion.key)) continue
    seen.add(inclusion.key)
    const unique = new Map(inclusion.parents(ctx, items).map((p) => [p.guid, p]))
    out[inclusion.key] = [...unique.values()].sort(byCreatedThenGuid).map((p) => inclusion.present(ctx, p as never))
  }
  return out
}

function filterPredicates<T extends Row>(ctx: Ctx, spec: ListSpec<T>): Array<(item: T) => boolean> {
  const style = spec.style ?? 'bad-query'
  const predicates: Array<(item: T) => boolean> = [timestampFilter<T>(ctx.query)]
  const guids = listValue(ctx.query, 'guids')
  if (guids) predicates.push((item) => guids.includes(item.guid))
  const selector = stringValue(ctx.query, 'label_selector')
  if (selector !== undefined) {
    const matches = labelSelector(selector, (detail) => queryError(style, detail))
    predicates.push((item) => item.metadata !== undefined && matches(item.metadata))
  }
  for (const [name, make] of Object.entries(spec.filters ?? {})) {
    const values = listValue(ctx.query, name)
    if (values) predicates.push(make(values, ctx))
  }
  return predicates
}

export function listResponse<T extends Row>(ctx: Ctx, items: T[], spec: ListSpec<T>): Reply {
  const style = spec.style ?? 'bad-query'
  rejectUnknownKeys(ctx.query, spec.allowed, style)
  const request = readPageRequest(ctx.query, spec.orderFields ?? DEFAULT_ORDER, style)
  const inclusions = requestedInclusions(ctx, spec.includes)
  const predicates = filterPredicates(ctx, spec)
  const matching = sortItems(
    items.filter((item) => predicates.every((p) => p(item))),
    request.orderBy,
  )
  const {pagination, page} = paginate(matching, request, hrefMaker(ctx.base, ctx.path, ctx.query, request.perPage))
  // The bytes JSON.stringify({pagination, resources, included}) would give, from each resource's (cached) JSON.
  const resources = page.map((item) => resourceJson(ctx, item, spec)).join(',')
  const extra = included(ctx, inclusions, page)
  const text = `{"pagination":${JSON.stringify(pagination)},"resources":[${resources}]${extra ? `,"included":${JSON.stringify(extra)}` : ''}}`
  return {status: 200, body: new JsonText(text)}
}

/** A single GET that honours `include=` the way its list does. */
export function showResponse<T extends Row>(ctx: Ctx, item: T, spec: Pick<ListSpec<T>, 'includes' | 'present'>): Reply {
  if (spec.includes) rejectUnknownKeys(ctx.query, ['include'], 'bad-query')
  const body = spec.present(ctx, item) as Record<string, unknown>
  const extra = included(ctx, requestedInclusions(ctx, spec.includes), [item])
  return {status: 200, body: extra ? {...body, included: extra} : body}
}

/** Filter factory for a field that must be one of the given values. */
export const fieldIn =
  <T>(field: (item: T) => string | null) =>
  (values: string[]) =>
  (item: T) =>
    values.includes(field(item) ?? '')
