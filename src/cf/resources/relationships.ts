// Reading and writing relationship endpoints (`/relationships/...`), shared by the resource modules.
import type {ResourceContext} from '../resource.js'
import {toMany, toOne, type ToManyRelationship, type ToOneRelationship} from '../types.js'

export async function getToOne(ctx: ResourceContext, path: string): Promise<string | null> {
  const relationship = await ctx.http.get<ToOneRelationship>(path)
  return relationship.data?.guid ?? null
}

/** PATCH a to-one relationship; `null` clears it. Returns what the API says it is now. */
export async function setToOne(ctx: ResourceContext, path: string, guid: string | null): Promise<string | null> {
  const response = await ctx.http.send<ToOneRelationship>({method: 'PATCH', path, json: toOne(guid)})
  return response.data?.data?.guid ?? null
}

export async function getToMany(ctx: ResourceContext, path: string): Promise<string[]> {
  const relationship = await ctx.http.get<ToManyRelationship>(path)
  return relationship.data.map((entry) => entry.guid)
}

/** POST to a to-many relationship (adds; existing members stay). Returns the full membership. */
export async function addToMany(ctx: ResourceContext, path: string, guids: readonly string[]): Promise<string[]> {
  const response = await ctx.http.send<ToManyRelationship>({method: 'POST', path, json: toMany(guids)})
  return (response.data?.data ?? []).map((entry) => entry.guid)
}

export async function removeFromMany(ctx: ResourceContext, path: string): Promise<void> {
  await ctx.http.send({method: 'DELETE', path})
}
