// Paging, ordering and timestamp filters shared by every list endpoint (capi behaviours 5-7).
import {queryError, pageHref, stringValue, type Query, type QueryErrorStyle} from './query.js'

export interface Timestamped {
  guid: string
  created_at: string
  updated_at: string
}

export interface PageRequest {
  page: number
  perPage: number
  orderBy?: {field: string; descending: boolean}
}

function positiveInt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  return /^\d+$/.test(text) ? Number(text) : Number.NaN
}

export function readPageRequest(query: Query, orderFields: readonly string[], style: QueryErrorStyle): PageRequest {
  const page = positiveInt(stringValue(query, 'page')) ?? 1
  const perPage = positiveInt(stringValue(query, 'per_page')) ?? 50
  if (!(page >= 1)) throw queryError(style, 'Page must be a positive integer')
  if (!(perPage >= 1 && perPage <= 5000)) throw queryError(style, 'Per page must be between 1 and 5000')
  const order = stringValue(query, 'order_by')
  if (order === undefined) return {page, perPage}
  const field = order.replace(/^[-+]/, '')
  if (!orderFields.includes(field)) {
    throw queryError(style, `Order by can only be: ${orderFields.map((f) => `'${f}'`).join(', ')}`)
  }
  return {page, perPage, orderBy: {field, descending: order.startsWith('-')}}
}

const comparators: Record<string, (a: string, b: string) => boolean> = {
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
}

/** `created_ats` / `updated_ats`, exact (comma list) or with [lt|lte|gt|gte], on every list. */
export function timestampFilter<T extends Timestamped>(query: Query): (item: T) => boolean {
  const tests: Array<(item: T) => boolean> = []
  for (const [key, raw] of query) {
    const match = /^(created|updated)_ats(?:\[(lt|lte|gt|gte)\])?$/.exec(key)
    if (!match) continue
    const field = `${match[1]}_at` as 'created_at' | 'updated_at'
    const values = decodeURIComponent(raw).split(',')
    const op = match[2]
    tests.push(op ? (item) => comparators[op](item[field], values[0]) : (item) => values.includes(item[field]))
  }
  return (item) => tests.every((test) => test(item))
}

export function sortItems<T>(items: T[], orderBy: PageRequest['orderBy']): T[] {
  if (!orderBy) return items
  const {field, descending} = orderBy
  const sign = descending ? -1 : 1
  return [...items].sort((a, b) => {
    const x = String((a as Record<string, unknown>)[field] ?? '')
    const y = String((b as Record<string, unknown>)[field] ?? '')
    return x === y ? 0 : x < y ? -sign : sign
  })
}

export interface Pagination {
  total_results: number
  total_pages: number
  first: {href: string}
  last: {href: string}
  next: {href: string} | null
  previous: {href: string} | null
}

export function paginate<T>(items: T[], request: PageRequest, href: (page: number) => string): {pagination: Pagination; page: T[]} {
  const totalPages = Math.max(1, Math.ceil(items.length / request.perPage))
  const start = (request.page - 1) * request.perPage
  return {
    pagination: {
      total_results: items.length,
      total_pages: totalPages,
      first: {href: href(1)},
      last: {href: href(totalPages)},
      next: request.page < totalPages ? {href: href(request.page + 1)} : null,
      previous: request.page > 1 ? {href: href(request.page - 1)} : null,
    },
    page: items.slice(start, start + request.perPage),
  }
}

export function hrefMaker(base: string, path: string, query: Query, perPage: number): (page: number) => string {
  return (page) => pageHref(base, path, query, page, perPage)
}
