// Wire shapes shared by every resource (go-cfclient resource/types.go). Field names are the API's own.

export interface Link {
  href: string
  method?: string
}

export interface Metadata {
  labels: Record<string, string>
  annotations: Record<string, string>
}

/** For create and update: a key set to null is deleted, keys left out are kept (PATCH merges). */
export interface MetadataUpdate {
  labels?: Record<string, string | null>
  annotations?: Record<string, string | null>
}

export interface Guid {
  guid: string
}

export interface ToOneRelationship {
  data: Guid | null
}

export interface ToManyRelationship {
  data: Guid[]
}

/** What every v3 resource object has. */
export interface Resource {
  guid: string
  created_at: string
  updated_at: string
  links: Record<string, Link>
}

export interface Pagination {
  total_results: number
  total_pages: number
  first: Link
  last: Link
  next: Link | null
  previous: Link | null
}

/** `included` of a list or a single GET: parents by plural type (`organizations`, `spaces`, `domains`…). */
export type Included = Record<string, Resource[]>

export interface Page<T> {
  pagination: Pagination
  resources: T[]
  included?: Included
}

/** Options every list endpoint takes (go-cfclient ListOptions). Filters are added per resource. */
export interface ListOptions {
  page?: number
  per_page?: number
  order_by?: string
  label_selector?: string
  guids?: string[]
  created_ats?: string
  updated_ats?: string
}

/** A whole listing: every page's resources and the merged, de-duplicated `included`. */
export interface ListAllResult<T> {
  resources: T[]
  included: Included
}

export function toOne(guid: string | null): ToOneRelationship {
  return {data: guid === null ? null : {guid}}
}

export function toMany(guids: readonly string[]): ToManyRelationship {
  return {data: guids.map((guid) => ({guid}))}
}

export function relationshipGuids(relationship: ToManyRelationship): string[] {
  return relationship.data.map((entry) => entry.guid)
}
