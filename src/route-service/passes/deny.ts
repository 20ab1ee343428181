// Pass 3 (denied): a short, constant 403 that echoes nothing from the request (a reflected header
// could be the signature, a 60-second pass to the app), and one log line saying why.

import type {ServerResponse} from 'node:http'

import type {DenyReason} from '../../domain/allowlist/index.js'
import type {Logger} from '../contract.js'
import {clipForLog, logEvent} from '../log.js'

export const SERVICE_NAME = 'cgx allowlist route service'
const DENY_BODY = `Forbidden: this route is restricted by the ${SERVICE_NAME}.\n`

export interface Denial {
  readonly reason: DenyReason | 'bad-request-target'
  readonly client?: string
  readonly route?: string
  readonly position?: number
}

/** A request with a body is answered without reading it, and its connection closed afterwards. */
export function deny(res: ServerResponse, denial: Denial, request: DeniedRequest, logger: Logger): void {
  logDenial(denial, request, logger)
  writePlain(res, 403, DENY_BODY, request.hasBody)
}

/**
 * CONNECT and `OPTIONS *`: request lines no route service can serve (gorouter sends neither). nginx's parser answers
 * them 400 before any configuration runs; so does this engine, logging the same deny line nginx writes for them.
 */
export function refuseRequestLine(res: ServerResponse, request: DeniedRequest, logger: Logger): void {
  logDenial({reason: 'bad-request-target'}, request, logger)
  writePlain(res, 400, 'Bad request.\n', true)
}

interface DeniedRequest {
  readonly requestId?: string
  readonly hasBody: boolean
}

function logDenial(denial: Denial, request: DeniedRequest, logger: Logger): void {
  logEvent(logger, 'deny', {
    route: denial.route,
    client: clipForLog(denial.client, 64),
    reason: denial.reason,
    position: denial.position,
    requestId: clipForLog(request.requestId, 64),
  })
}

/**
 * A locally generated plain-text answer. `close` ends the connection afterwards: used when the
 * request body was not (and will not be) read, so a large unread upload cannot stall the socket.
 */
export function writePlain(res: ServerResponse, status: number, body: string, close: boolean): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(close ? {connection: 'close'} : {}),
  })
  res.end(body)
}
