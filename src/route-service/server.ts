// The allowlist route service: node:http in front, undici behind, the passes in between.
// Each request: inspect headers → answer locally (health, calibrate) or decide → deny or forward.

import {createServer, ServerResponse, type IncomingMessage, type Server} from 'node:http'
import type {AddressInfo, Socket} from 'node:net'
import type {Duplex} from 'node:stream'

import type {Agent} from 'undici'

import {compilePolicy, decide, type CompiledPolicy, type Policy} from '../domain/allowlist/index.js'
import type {Logger} from './contract.js'
import {jsonLineLogger} from './log.js'
import {deny, refuseRequestLine} from './passes/deny.js'
import {forward, type ForwardRequest} from './passes/forward.js'
import {inspectRequest, type InspectedRequest} from './passes/inspect.js'
import {answerCalibration, answerHealth, calibrationReport, isCalibration, isHealthCheck} from './passes/local-answers.js'
import {upstreamRequestHeaders} from './passes/rewrite-headers.js'
import {FIRST_BYTE_TIMEOUT_SECONDS, HEADERS_TIMEOUT_SECONDS, IDLE_TIMEOUT_SECONDS, REQUEST_TIMEOUT_SECONDS} from './timeouts.js'
import {createUpstreamAgent, type UpstreamTimeouts, type UpstreamTls} from './upstream.js'

/** Defaults (and why) in timeouts.ts; tests shorten them. */
export interface ServerTimeouts {
  /** Whole request, body included. */
  readonly requestMs?: number
  /** A new connection that sends nothing for this long is closed (no answer: nothing was asked). */
  readonly firstByteMs?: number
  /** From a request's first byte to the end of its headers (slowloris); answered 408. */
  readonly headersMs?: number
  /** Idle between requests; Node closes the connection 1 s after it (its keep-alive buffer). */
  readonly keepAliveMs?: number
  /** How often Node enforces requestMs and headersMs; the headers timeout is late by up to this much. Default 1 s. */
  readonly checkIntervalMs?: number
}

export interface RouteServiceOptions {
  readonly policy: Policy
  /** Default 0: any free port. */
  readonly port?: number
  /** Default: every interface. */
  readonly host?: string
  /** Default: JSON lines on stdout. */
  readonly logger?: Logger
  readonly upstreamTimeouts?: UpstreamTimeouts
  readonly upstreamTls?: UpstreamTls
  readonly serverTimeouts?: ServerTimeouts
  /** A client header passed on as X-CF-APP-INSTANCE, e.g. "XX-CF-APP-INSTANCE" (gorouter drops the real one). */
  readonly instanceHeader?: string
  /** Serve the calibrate diagnostic. Off by default. */
  readonly calibrate?: boolean
  /** How long close() lets in-flight requests finish before cutting them. Default 20 s. */
  readonly shutdownGraceMs?: number
}

export interface RouteService {
  readonly url: string
  readonly port: number
  /** Stop accepting, let in-flight requests finish (up to the grace period), then release everything. */
  close(): Promise<void>
}

/** Request headers up to the ALB's 64 KiB limit must pass (Node's default is 16 KiB). */
const MAX_REQUEST_HEADER_BYTES = 64 * 1024

interface Context {
  readonly compiled: CompiledPolicy
  readonly agent: Agent
  readonly logger: Logger
  readonly instanceHeader?: string
  readonly calibrate: boolean
  closing: boolean
  closeIdle: () => void
}

export async function startRouteService(options: RouteServiceOptions): Promise<RouteService> {
  // Malformed requests (smuggling attempts, oversized headers, slow headers) are answered by Node
  // itself with 400, 431 or 408 and a closed connection, before any of this code sees them.
  const server = createHttpServer(options.serverTimeouts)
  const context: Context = {
    compiled: compilePolicy(options.policy),
    agent: createUpstreamAgent(options.upstreamTimeouts, options.upstreamTls),
    logger: options.logger ?? jsonLineLogger(),
    instanceHeader: options.instanceHeader?.toLowerCase(),
    calibrate: options.calibrate ?? false,
    closing: false,
    closeIdle: () => server.closeIdleConnections(),
  }
  const upgraded = new Set<Duplex>()
  server.on('request', (req, res) => handle(context, req, res, false))
  server.on('checkContinue', (req, res) => handle(context, req, res, true))
  server.on('upgrade', (req, socket, head) => handleUpgrade(context, req, socket, head, upgraded))
  server.on('connect', (req, socket: Duplex) => refuseRequestLine(responseOn(req, socket), inspectRequest(req), context.logger))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host, () => resolve())
  })
  const {port} = server.address() as AddressInfo
  let closed: Promise<void> | undefined
  return {
    url: localUrl(options.host, port),
    port,
    close: () => (closed ??= shutDown(context, server, upgraded, options.shutdownGraceMs ?? 20_000)),
  }
}

/** A URL a local client can use: wildcard hosts become loopback, IPv6 literals get brackets. */
function localUrl(host: string | undefined, port: number): string {
  const reachable = host === undefined || host === '::' || host === '0.0.0.0' ? '127.0.0.1' : host
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`
}

function createHttpServer(timeouts: ServerTimeouts = {}): Server {
  const server = createServer({
    maxHeaderSize: MAX_REQUEST_HEADER_BYTES,
    requestTimeout: timeouts.requestMs ?? REQUEST_TIMEOUT_SECONDS * 1000,
    headersTimeout: timeouts.headersMs ?? HEADERS_TIMEOUT_SECONDS * 1000,
    keepAliveTimeout: timeouts.keepAliveMs ?? IDLE_TIMEOUT_SECONDS * 1000,
    connectionsCheckingInterval: timeouts.checkIntervalMs ?? 1000,
  })
  const firstByteMs = timeouts.firstByteMs ?? FIRST_BYTE_TIMEOUT_SECONDS * 1000
  server.on('connection', (socket: Socket) => closeIfSilent(socket, firstByteMs))
  return server
}

/**
 * Node's headersTimeout only covers a connection once its first byte has arrived, so one that never sends
 * anything would stay open for good. The socket's inactivity timeout covers it until a request's headers are in
 * (every byte restarts it, so a slow sender is left to headersTimeout); handle() lifts it once a request is in.
 * Node destroys the socket when it fires, since nothing else listens for 'timeout'.
 */
function closeIfSilent(socket: Socket, firstByteMs: number): void {
  socket.setTimeout(firstByteMs)
}

function handle(
  context: Context,
  req: IncomingMessage,
  res: ServerResponse,
  expectsContinue: boolean,
  upgrade?: ForwardRequest['upgrade'],
): void {
  // Past its headers a request is bounded by requestTimeout only: a pause in a body or a slow answer is not idleness.
  req.socket.setTimeout(0)
  if (context.closing) {
    res.shouldKeepAlive = false
    // A response in flight when closing began leaves an idle keep-alive connection behind.
    res.once('close', () => setImmediate(() => context.closeIdle()))
  }
  const inspected = inspectRequest(req)
  if (req.url === '*') return refuseRequestLine(res, inspected, context.logger)
  if (req.url === undefined || req.url[0] !== '/') return deny(res, {reason: 'bad-request-target'}, inspected, context.logger)
  if (isHealthCheck(req, inspected)) return answerHealth(res)
  const verdict = decide(inspected.facts, context.compiled)
  if (context.calibrate && isCalibration(req, inspected)) {
    return answerCalibration(res, calibrationReport(req.rawHeaders, inspected, context.compiled, verdict))
  }
  if (!verdict.allowed) return deny(res, verdict, inspected, context.logger)
  if (expectsContinue) res.writeContinue()
  forward(
    context.agent,
    req,
    res,
    {
      target: verdict.target,
      route: verdict.route,
      headers: upstreamHeaders(context, req, inspected),
      hasBody: inspected.hasBody,
      requestId: inspected.requestId,
      ...(upgrade === undefined ? {} : {upgrade}),
    },
    context.logger,
  )
}

function upstreamHeaders(context: Context, req: IncomingMessage, inspected: InspectedRequest): string[] {
  return upstreamRequestHeaders(req.rawHeaders, {
    connectionTokens: inspected.connectionTokens,
    secretHeaders: context.compiled.secretHeaders,
    instanceHeader: context.instanceHeader,
  })
}

/**
 * Upgrades (websockets) go through the same passes. Until the upstream switches protocols, the
 * client socket is answered through an ordinary response object, so denials and gateway errors
 * look exactly like those of plain requests.
 */
function handleUpgrade(context: Context, req: IncomingMessage, socket: Duplex, head: Buffer, upgraded: Set<Duplex>): void {
  upgraded.add(socket)
  socket.once('close', () => upgraded.delete(socket))
  const res = responseOn(req, socket)
  const protocol = req.headers.upgrade ?? 'websocket'
  handle(context, req, res, false, {protocol, socket, head})
}

/** A response object over a socket Node handed over raw (upgrade, CONNECT); the socket ends with it. */
function responseOn(req: IncomingMessage, socket: Duplex): ServerResponse {
  socket.on('error', () => socket.destroy())
  const res = new ServerResponse(req)
  res.assignSocket(socket as Socket)
  res.shouldKeepAlive = false
  res.once('finish', () => socket.end())
  return res
}

async function shutDown(context: Context, server: Server, upgraded: Set<Duplex>, graceMs: number): Promise<void> {
  context.closing = true
  const drained = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeIdleConnections()
  let timer: NodeJS.Timeout | undefined
  const graceOver = new Promise<'forced'>((resolve) => (timer = setTimeout(() => resolve('forced'), graceMs)))
  const outcome = await Promise.race([drained, graceOver])
  clearTimeout(timer)
  if (outcome === 'forced') {
    server.closeAllConnections()
    await drained
  }
  for (const socket of upgraded) socket.destroy()
  await (outcome === 'forced' ? context.agent.destroy() : context.agent.close())
}
