// What a handler receives and returns, and the small helpers every handler uses to read bodies.
import type {IncomingHttpHeaders} from 'node:http'
import {fieldsUnknownAt} from './api-versions.js'
import {messageParseError, unprocessable} from './errors.js'
import type {Passcodes} from './passcodes.js'
import type {Query} from './query.js'
import type {Store} from './store.js'
import type {RouterView} from './router-view.js'

export interface Principal {
  admin: boolean
  userName: string | null
  userGuid: string | null
  clientId: string
  /** Orgs where the caller has any role (org manager, or space developer in one of its spaces). */
  orgs: Set<string>
  managerOf: Set<string>
  /** Spaces where the caller is a Space Developer. */
  developerOf: Set<string>
}

export interface Services {
  store: Store
  router: RouterView
  /** The CC API version presented (GET /), and the one whose body fields are known. */
  apiVersion: string
  tokenLifetimeSec: number
  /** UAA's one-time passcodes, and the user whose code the /passcode page shows (the sandbox's default user). */
  passcodes: Passcodes
  passcodeUser: string
  jobDelayMs: number
  stagingDelayMs: number
  deploymentStepMs: number
  /** Runs `task` after `ms` (state changes in the background are persisted like request changes). */
  later(ms: number, task: () => void): void
  /** Runs `task` every `ms` until it returns false. */
  every(ms: number, task: () => boolean): void
}

export interface Ctx {
  method: string
  path: string
  query: Query
  params: Record<string, string>
  /** The dispatcher pattern that matched, e.g. `/v3/routes/:guid`. */
  route: string
  headers: IncomingHttpHeaders
  body: Buffer
  /** `http://host:port` as the client addressed us, for absolute hrefs. */
  base: string
  principal: Principal
  journalIndex: number | null
  services: Services
  store: Store
}

export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/** A reply body already serialised (list pages built from cached resource JSON); sent as is. */
export class JsonText {
  constructor(readonly text: string) {}
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>

export const ok = (body: unknown, status = 200): Reply => ({status, body})
export const noContent = (): Reply => ({status: 204})
export const acceptedJob = (ctx: Ctx, jobGuid: string): Reply => ({status: 202, headers: {Location: `${ctx.base}/v3/jobs/${jobGuid}`}})

export type Body = Record<string, unknown>

const isObject = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The JSON body as an object; 400 MessageParseError when it does not parse, 422 on unknown top-level keys,
 * which include the allowed ones the presented API version does not know yet. */
export function readBody(ctx: Ctx, allowed: readonly string[]): Body {
  const tooNew = fieldsUnknownAt(ctx.services.apiVersion, ctx.method, ctx.route)
  const text = ctx.body.toString('utf8').trim()
  let parsed: unknown = {}
  if (text !== '') {
    try {
      parsed = JSON.parse(text)
    } catch {
      throw messageParseError()
    }
  }
  if (!isObject(parsed)) throw messageParseError()
  const unknown = Object.keys(parsed).filter((key) => !allowed.includes(key) || tooNew.includes(key))
  if (unknown.length > 0) throw unprocessable(`Unknown field(s): ${unknown.map((k) => `'${k}'`).join(', ')}`)
  return parsed
}

/** `relationships.<name>.data.guid` of a body, or undefined. */
export function relationshipGuid(body: Body, name: string): string | undefined {
  const relationships = isObject(body.relationships) ? body.relationships : {}
  const rel = relationships[name]
  const data = isObject(rel) ? rel.data : undefined
  return isObject(data) && typeof data.guid === 'string' ? data.guid : undefined
}

/** `data: [{guid}]` of a to-many relationship body; 422 with CC's messages otherwise. */
export function toManyGuids(body: Body): string[] {
  if (body.data === undefined) throw unprocessable("Data can't be blank, Data must be an array")
  if (!Array.isArray(body.data)) throw unprocessable('Data must be an array')
  return body.data.map((item) => (isObject(item) && typeof item.guid === 'string' ? item.guid : ''))
}

/** `data: {guid} | null` of a to-one relationship body. */
export function toOneGuid(body: Body): string | null {
  if (body.data === null) return null
  if (!isObject(body.data) || typeof body.data.guid !== 'string' || Object.keys(body.data).length !== 1) {
    throw unprocessable("Data can only accept key 'guid'")
  }
  return body.data.guid
}

export function requireName(body: Body): string {
  if (body.name === undefined || body.name === null || body.name === '') throw unprocessable("Name can't be blank")
  if (typeof body.name !== 'string') throw unprocessable('Name must be a string')
  if (body.name.length > 255) throw unprocessable('Name is too long (maximum is 255 characters)')
  return body.name
}

export {isObject}
