// The request pipeline: /_sim control, journal, latency, faults, UAA, auth, dispatch, error envelope, persistence.
import {randomUUID} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {setTimeout as sleep} from 'node:timers/promises'
import {authenticate} from './access.js'
import {handleControl, type ControlParts} from './control.js'
import type {Dispatcher} from './dispatch.js'
import {ApiError, rateLimited, serverFault, unknownRequest} from './errors.js'
import type {FaultRule} from './faults.js'
import {JsonText, type Ctx, type Principal, type Reply} from './http.js'
import {cgiEscape, parseQuery} from './query.js'
import {issueToken, loginInfo, passcodePage} from './uaa.js'
import {authorizeWrite} from './write-access.js'

export interface PipelineParts extends ControlParts {
  latencyMs: number
  publicRoutes: Dispatcher
  apiRoutes: Dispatcher
  /** Called after a request that may have changed state. */
  changed(): void
}

const ANONYMOUS: Principal = {
  admin: false,
  userName: null,
  userGuid: null,
  clientId: '',
  orgs: new Set(),
  managerOf: new Set(),
  developerOf: new Set(),
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, reply: Reply): void {
  res.statusCode = reply.status
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value)
  if (reply.body === undefined) {
    res.end()
    return
  }
  if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.end(reply.body instanceof JsonText ? reply.body.text : JSON.stringify(reply.body))
}

const errorReply = (error: ApiError): Reply => ({status: error.status, body: error.body, headers: error.headers})

function faultReply(fault: FaultRule): Reply {
  if (fault.status === 429) {
    const retry = fault.retryAfterSec ?? 1
    return errorReply(rateLimited(retry, Math.floor(Date.now() / 1000) + retry))
  }
  return errorReply(serverFault(fault.status ?? 503))
}

async function route(
  parts: PipelineParts,
  ctx: Omit<Ctx, 'principal' | 'params' | 'route'> & {rawQuery: string},
  authorization?: string,
): Promise<Reply> {
  if (ctx.path === '/uaa/login' && ctx.method === 'GET') return loginInfo(ctx.base, ctx.store.now())
  if (ctx.path === '/uaa/passcode' && ctx.method === 'GET') return passcodePage(parts.services)
  if (ctx.path === '/uaa/oauth/token' && ctx.method === 'POST') {
    return issueToken(parts.services, ctx.headers, ctx.body.toString('utf8'), ctx.rawQuery, ctx.base)
  }
  const open = parts.publicRoutes.match(ctx.method, ctx.path)
  if (open) return open.handler({...ctx, params: open.params, route: open.route, principal: ANONYMOUS})
  const found = parts.apiRoutes.match(ctx.method, ctx.path)
  if (!found) throw unknownRequest()
  const principal = authenticate(ctx.store, authorization)
  const routed: Ctx = {...ctx, params: found.params, route: found.route, principal}
  authorizeWrite(routed)
  return found.handler(routed)
}

export function createListener(parts: PipelineParts): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(parts, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, {status: 500, body: {errors: [{detail: String(error), title: 'CF-ServerError', code: 10001}]}})
    })
  }
}

async function handle(parts: PipelineParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? '/'
  const mark = target.indexOf('?')
  const path = mark < 0 ? target : target.slice(0, mark)
  const rawQuery = mark < 0 ? '' : target.slice(mark + 1)
  const method = req.method ?? 'GET'
  const body = await readAll(req)
  if (path.startsWith('/_sim/')) return handleControl(parts, req, res, path, body)
  res.setHeader('X-VCAP-Request-ID', randomUUID())
  const {index, entry} = parts.journal.open(method, path, rawQuery)
  if (parts.latencyMs > 0) await sleep(parts.latencyMs)
  const fault = parts.faults.take(method, path)
  if (fault?.delayMs) await sleep(fault.delayMs)
  if (fault?.reset) {
    req.socket.destroy()
    return
  }
  const ctx = {
    method,
    path,
    rawQuery,
    query: parseQuery(rawQuery),
    headers: req.headers,
    body,
    base: `http://${req.headers.host}`,
    journalIndex: index,
    services: parts.services,
    store: parts.services.store,
  }
  let reply: Reply
  try {
    reply = fault?.status ? faultReply(fault) : await route(parts, ctx, req.headers.authorization)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    reply = errorReply(error)
  }
  if (fault?.warning) reply.headers = {...reply.headers, 'X-Cf-Warnings': cgiEscape(fault.warning)}
  entry.status = reply.status
  send(res, reply)
  if (method !== 'GET' && reply.status < 400) parts.changed()
}
