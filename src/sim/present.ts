// Pieces every presenter shares: absolute links, to-one relationships, timestamps and metadata.
import type {Ctx} from './http.js'
import type {BaseRecord} from './model.js'

export const link = (ctx: Ctx, path: string, method?: string): {href: string; method?: string} =>
  method ? {href: `${ctx.base}${path}`, method} : {href: `${ctx.base}${path}`}

export const toOne = (guid: string | null): {data: {guid: string} | null} => ({data: guid ? {guid} : null})

export const toMany = (guids: string[]): {data: Array<{guid: string}>} => ({data: guids.map((guid) => ({guid}))})

export const stamps = (record: BaseRecord): {guid: string; created_at: string; updated_at: string} => ({
  guid: record.guid,
  created_at: record.created_at,
  updated_at: record.updated_at,
})

export const metadataOf = (record: BaseRecord): {labels: Record<string, string>; annotations: Record<string, string>} => ({
  labels: {...record.metadata.labels},
  annotations: {...record.metadata.annotations},
})

/** A to-one relationship endpoint body: `related` is omitted when data is null (behaviour 11). */
export function toOneRelationship(ctx: Ctx, selfPath: string, guid: string | null, relatedPath: string): unknown {
  const links: Record<string, unknown> = {self: link(ctx, selfPath)}
  if (guid) links.related = link(ctx, relatedPath)
  return {data: guid ? {guid} : null, links}
}

/** A to-many relationship endpoint body, with or without `related`. */
export function toManyRelationship(ctx: Ctx, selfPath: string, guids: string[], relatedPath?: string): unknown {
  const links: Record<string, unknown> = {self: link(ctx, selfPath)}
  if (relatedPath) links.related = link(ctx, relatedPath)
  return {data: guids.map((guid) => ({guid})), links}
}
