// Pass 3 (allowed): stream the request to the forwarded origin and the response back, both ways with
// backpressure, nothing buffered. Upstream failures become 502/504 while nothing has been sent yet,
// and a torn connection afterwards, never a response that claims success. A client that goes away
// aborts the upstream request.

import type {IncomingMessage, ServerResponse} from 'node:http'
import type {Duplex} from 'node:stream'

import type {Dispatcher} from 'undici'

import type {ForwardedTarget} from '../../domain/allowlist/index.js'
import {GATEWAY_REASON, type Logger} from '../contract.js'
import {logEvent} from '../log.js'
import {errorCode, gatewayStatus} from '../upstream.js'
import {writePlain} from './deny.js'
import {clientResponseHeaders} from './rewrite-headers.js'

export interface ForwardRequest {
  readonly target: ForwardedTarget
  readonly route: string
  readonly headers: string[]
  readonly hasBody: boolean
  readonly requestId: string | undefined
  /** For websocket upgrades: the client socket and the bytes that arrived after its headers. */
  readonly upgrade?: {readonly protocol: string; readonly socket: Duplex; readonly head: Buffer}
}

export function forward(agent: Dispatcher, req: IncomingMessage, res: ServerResponse, request: ForwardRequest, logger: Logger): void {
  const handler = new ForwardHandler(res, request, logger)
  agent.dispatch(
    {
      origin: request.target.origin,
      path: request.target.pathAndQuery,
      method: req.method ?? 'GET',
      headers: request.headers,
      body: request.hasBody ? req : null,
      ...(request.upgrade === undefined ? {} : {upgrade: request.upgrade.protocol}),
    },
    handler,
  )
}

const GATEWAY_BODY = {502: 'Bad gateway: the route could not be reached.\n', 504: 'Gateway timeout: the route did not answer in time.\n'}

/**
 * undici's native handler interface (v7 wraps the newer controller-style handlers into this one):
 * it hands over response headers raw, in wire order and spelling, with no parsing we would undo.
 */
class ForwardHandler implements Dispatcher.DispatchHandler {
  private abortUpstream: ((error?: Error) => void) | undefined
  private resumeUpstream: (() => void) | undefined
  private clientGone = false

  constructor(
    private readonly res: ServerResponse,
    private readonly request: ForwardRequest,
    private readonly logger: Logger,
  ) {
    res.once('close', () => {
      if (res.writableFinished) return
      this.clientGone = true
      this.abortUpstream?.()
    })
  }

  onConnect(abort: (error?: Error) => void): void {
    this.abortUpstream = abort
    if (this.clientGone) abort()
  }

  onHeaders(status: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean {
    // 1xx from the app stay here: the client gets at most the one 100 Continue we sent ourselves.
    if (status < 200) return true
    this.res.writeHead(status, statusText, clientResponseHeaders(rawHeaders))
    this.resumeUpstream = resume
    return true
  }

  /** A slow client pauses the upstream until its socket drains (listening only then saves a listener per request). */
  onData(chunk: Buffer): boolean {
    if (this.res.write(chunk)) return true
    this.res.once('drain', this.resumeUpstream!)
    return false
  }

  onComplete(): void {
    this.res.end()
  }

  onUpgrade(status: number, rawHeaders: Buffer[] | string[] | null, upstream: Duplex): void {
    const upgrade = this.request.upgrade
    if (upgrade === undefined) return void upstream.destroy()
    const headers = clientResponseHeaders((rawHeaders ?? []) as Buffer[])
    const lines = [`HTTP/1.1 ${status} Switching Protocols`, 'Connection: Upgrade', `Upgrade: ${upgrade.protocol}`]
    for (let i = 0; i < headers.length; i += 2) lines.push(`${headers[i]}: ${headers[i + 1]}`)
    upgrade.socket.write(`${lines.join('\r\n')}\r\n\r\n`)
    if (upgrade.head.length > 0) upstream.write(upgrade.head)
    splice(upgrade.socket, upstream)
  }

  onError(error: Error): void {
    if (this.clientGone) return
    const status = gatewayStatus(error)
    logEvent(this.logger, 'upstream-error', {
      route: this.request.route,
      origin: this.request.target.origin,
      error: errorCode(error),
      status: this.res.headersSent ? undefined : status,
      reason: this.res.headersSent ? undefined : GATEWAY_REASON[status],
      requestId: this.request.requestId,
    })
    if (this.res.headersSent) this.res.destroy()
    else writePlain(this.res, status, GATEWAY_BODY[status], true)
  }
}

/** Two sockets joined both ways; either side ending or failing ends the other. */
function splice(client: Duplex, upstream: Duplex): void {
  const closeBoth = () => {
    client.destroy()
    upstream.destroy()
  }
  client.on('error', closeBoth).on('close', closeBoth)
  upstream.on('error', closeBoth).on('close', closeBoth)
  client.pipe(upstream)
  upstream.pipe(client)
}
