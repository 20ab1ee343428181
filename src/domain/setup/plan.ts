// A plan is data (Terraform's plans package): what would change, where, from what to what, and why.
// Symbols and colors belong to the renderer; executing it belongs to the ops layer.

export const PLAN_FORMAT_VERSION = '1.0'

export type Action = 'create' | 'update' | 'delete' | 'no-op'

export type ResourceType = 'segment' | 'org' | 'space' | 'security_group' | 'route_allowlist' | 'client_certificate'

/** The managed fields of an object, by their names in the file (`networks`, `orgs`, `default_segment`, ...). */
export type Fields = Readonly<Record<string, unknown>>

export interface Change {
  readonly action: Action
  /** 'segment.vpn-east', 'org.agency-a', 'org.agency-a.space.prod', 'security_group.dns', 'route_allowlist."api.x.gov/v1"'. */
  readonly address: string
  readonly type: ResourceType
  /** The names that identify the object (org and space for a space). */
  readonly name: {readonly org?: string; readonly space?: string; readonly name: string}
  /** The managed fields as they are (null when the object does not exist). */
  readonly before: Fields | null
  /** The managed fields as they will be (null when the object is deleted). */
  readonly after: Fields | null
  /** Why, for people; never used to decide anything. */
  readonly reason: string
}

export interface PlanSummary {
  readonly create: number
  readonly update: number
  readonly delete: number
  readonly noOp: number
}

export interface Plan {
  readonly formatVersion: string
  readonly api: string
  readonly prune: boolean
  readonly changes: readonly Change[]
  readonly summary: PlanSummary
  /** Things apply is likely to trip over (e.g. a revoke the platform will refuse), said before anything runs. */
  readonly warnings: readonly string[]
}

export function hasChanges(plan: Plan): boolean {
  return plan.changes.some((change) => change.action !== 'no-op')
}

export function summarize(changes: readonly Change[]): PlanSummary {
  const count = (action: Action) => changes.filter((change) => change.action === action).length
  return {create: count('create'), update: count('update'), delete: count('delete'), noOp: count('no-op')}
}

/** A name as an address part: bare when it is a plain word, quoted otherwise (`route_allowlist."a.gov/v1"`). */
export function addressPart(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name)
}

export function addressOf(type: ResourceType, name: Change['name']): string {
  if (type === 'space') return `org.${addressPart(name.org ?? '')}.space.${addressPart(name.name)}`
  if (type === 'client_certificate') {
    return `org.${addressPart(name.org ?? '')}.space.${addressPart(name.space ?? '')}.client_certificate.${addressPart(name.name)}`
  }
  return `${type}.${addressPart(name.name)}`
}
