// Real servers on loopback for the route-service tests: a recording upstream (the "gorouter" the
// service forwards to), the service itself with its log lines captured, and a raw HTTP client.

import {once} from 'node:events'
import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import net, {type AddressInfo} from 'node:net'

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {parsePolicy, type Policy} from '../../../src/domain/allowlist/index.js'
import {
  LOG_POLL_MS,
  nginxVersion,
  startNginxEngine,
  startRouteService,
  type LogEntry,
  type RouteService,
  type RouteServiceOptions,
} from '../../../src/route-service/index.js'

export const SIGNATURE = 'c2lnbmF0dXJlLXNlY3JldC1kby1ub3QtbG9n'
export const METADATA = 'bWV0YWRhdGEtc2VjcmV0LWRvLW5vdC1sb2c'
export const ALLOWED = '203.0.113.9'
export const DENIED = '198.51.100.66'

export interface Recorded {
  readonly method: string
  readonly url: string
  readonly rawHeaders: string[]
  readonly body: Buffer
}

export type UpstreamHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void

export interface Upstream {
  readonly port: number
  readonly origin: string
  readonly requests: Recorded[]
  /** Connections ever accepted (a denied request must add none). */
  connections: number
  readonly server: http.Server
  close(): Promise<void>
}

/** An upstream that records each request once its body is complete, then lets `handler` answer. */
export async function startUpstream(handler: UpstreamHandler = echo, options: {streaming?: boolean} = {}): Promise<Upstream> {
  const requests: Recorded[] = []
  const server = http.createServer({maxHeaderSize: 256 * 1024}, (req, res) => {
    if (options.streaming) return handler(req, res, Buffer.alloc(0))
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      requests.push({method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, body})
      handler(req, res, body)
    })
  })
  const upstream = {requests, connections: 0, server} as Omit<Upstream, 'port' | 'origin' | 'close'> & Partial<Upstream>
  server.on('connection', () => upstream.connections!++)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as AddressInfo).port
  return Object.assign(upstream, {
    port,
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections()
      server.close()
    },
  }) as Upstream
}

/** Answers with what it received, as JSON. */
export const echo: UpstreamHandler = (req, res, body) => {
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify({method: req.method, url: req.url, rawHeaders: req.rawHeaders, body: body.toString('latin1')}))
}

export interface Proxy extends RouteService {
  readonly logs: LogEntry[]
  /** Every log line as text, to search for leaked secrets. */
  logText(): string
  /** Resolves once the log lines of the requests answered so far have arrived. */
  settled(): Promise<void>
}

/** The two engines of the service; every conformance test that applies runs against both. */
export type Engine = 'node' | 'nginx'
export const ENGINES: readonly Engine[] = ['node', 'nginx']

let nginxMissing: string | undefined | false
/** Why the nginx engine cannot run here (no nginx on PATH, or one too old), said loudly once; undefined when it can. */
export function nginxUnavailable(): string | undefined {
  if (nginxMissing === false) return undefined
  if (nginxMissing !== undefined) return nginxMissing
  try {
    nginxVersion()
    nginxMissing = false
    return undefined
  } catch (error) {
    nginxMissing = (error as Error).message
    process.stderr.write(`\n${'!'.repeat(100)}\n!! NGINX ENGINE NOT EXERCISED: ${nginxMissing}\n${'!'.repeat(100)}\n`)
    return nginxMissing
  }
}

/**
 * One describe block per engine. Without nginx 1.23 or later on PATH the nginx block is skipped with a loud warning: the only skip
 * this suite allows, so that a machine without nginx still runs everything else.
 */
export function describeEngines(title: string, body: (engine: Engine) => void): void {
  for (const engine of ENGINES) {
    const name = `${title} [${engine} engine]`
    if (engine === 'nginx') describeNginx(name, () => body(engine))
    else describe(name, () => body(engine))
  }
}

/** A block that needs nginx; without it, skipped whole (hooks included) after the loud warning. */
export function describeNginx(title: string, body: () => void): void {
  const define = nginxUnavailable() === undefined ? describe : describe.skip // reason: no usable nginx here, said loudly by nginxUnavailable()
  define(title, body)
}

/**
 * A behaviour an engine cannot have here, said as loudly as a missing nginx, then skipped: e.g. nginx hides only the
 * response headers named in its configuration.
 */
export function notExercised(context: Mocha.Context, engine: Engine, what: string): void {
  process.stderr.write(`\n!! ${engine.toUpperCase()} ENGINE NOT EXERCISED: ${what}\n`)
  // .ci/run repeats these lines beside the totals.
  context.skip() // reason: `what`, printed above: each caller names an nginx limit no configuration changes
}

/** Options both engines understand; the rest (server timeouts, calibrate) are the Node engine's own. */
type SharedOptions = Pick<RouteServiceOptions, 'instanceHeader' | 'upstreamTls' | 'upstreamTimeouts'>
type NodeOnlyOptions = Omit<Partial<RouteServiceOptions>, keyof SharedOptions>

/**
 * The service with the "local" hop profile (socket peer on loopback, then the client), a policy for
 * the upstream's route that allows 203.0.113.0/24 and 2001:db8::/32, and logs captured.
 */
export async function startProxy(
  upstream: Upstream | undefined,
  overrides: Partial<RouteServiceOptions> & {routes?: unknown[]; hops?: unknown} = {},
  engine: Engine = 'node',
): Promise<Proxy> {
  const routes =
    overrides.routes ?? (upstream === undefined ? [] : [{route: `127.0.0.1:${upstream.port}`, allow: ['203.0.113.0/24', '2001:db8::/32']}])
  const {hops = 'local', routes: _routes, ...options} = overrides
  const parsed = parsePolicy({hops, routes})
  if (parsed.policy === undefined) throw new Error(JSON.stringify(parsed.diagnostics))
  if (engine === 'nginx') return startNginxProxy(parsed.policy, options)
  const logs: LogEntry[] = []
  const service = await startRouteService({
    policy: parsed.policy,
    host: '127.0.0.1',
    logger: (entry) => logs.push(entry),
    shutdownGraceMs: 2000,
    ...options,
  })
  return Object.assign(service, {
    logs,
    logText: () => logs.map((entry) => JSON.stringify(entry)).join('\n'),
    settled: async () => undefined,
  })
}

async function startNginxProxy(policy: Policy, overrides: SharedOptions & NodeOnlyOptions): Promise<Proxy> {
  const {instanceHeader, upstreamTls, upstreamTimeouts, ...nodeOnly} = overrides
  if (Object.keys(nodeOnly).length > 0)
    throw new Error(`the nginx engine takes no ${Object.keys(nodeOnly).join(', ')}: run this test on the node engine only`)
  const logs: LogEntry[] = []
  let caDir: string | undefined
  if (upstreamTls?.ca !== undefined) {
    caDir = mkdtempSync(path.join(tmpdir(), 'cgx-ca-'))
    writeFileSync(path.join(caDir, 'ca.pem'), [upstreamTls.ca].flat().join('\n'))
  }
  const engine = await startNginxEngine({
    policy,
    instanceHeader,
    upstreamTimeouts,
    ...(caDir === undefined ? {} : {caFile: path.join(caDir, 'ca.pem')}),
    onLogLine: (line) => logs.push(JSON.parse(line)),
  })
  return {
    url: engine.url,
    port: engine.port,
    logs,
    logText: () => logs.map((entry) => JSON.stringify(entry)).join('\n'),
    // nginx writes a log line after the response, and the engine reads it within LOG_POLL_MS.
    settled: () => new Promise((resolve) => setTimeout(resolve, LOG_POLL_MS * 3)),
    close: async () => {
      await engine.close()
      if (caDir !== undefined) rmSync(caDir, {recursive: true, force: true})
    },
  }
}

export interface Reply {
  readonly status: number
  readonly rawHeaders: string[]
  readonly headers: http.IncomingHttpHeaders
  readonly body: Buffer
  readonly text: string
}

export interface CallOptions {
  readonly method?: string
  readonly path?: string
  readonly forwardedUrl?: string | string[] | null
  readonly xff?: string | string[] | null
  readonly signature?: boolean
  readonly headers?: http.OutgoingHttpHeaders
  readonly body?: string | Buffer
}

/** A request as gorouter sends it to the route service; every part can be left out or changed. */
export function call(proxy: {url: string}, upstreamOrigin: string, options: CallOptions = {}): Promise<Reply> {
  const headers: http.OutgoingHttpHeaders = {...options.headers}
  const forwardedUrl = options.forwardedUrl === undefined ? `${upstreamOrigin}/app/path?q=1` : options.forwardedUrl
  if (forwardedUrl !== null) headers['x-cf-forwarded-url'] = forwardedUrl
  const xff = options.xff === undefined ? ALLOWED : options.xff
  if (xff !== null) headers['x-forwarded-for'] = xff
  if (options.signature !== false) Object.assign(headers, {'x-cf-proxy-signature': SIGNATURE, 'x-cf-proxy-metadata': METADATA})
  // Node's client frames a GET/DELETE/OPTIONS body only when told its length.
  if (options.body !== undefined && headers['transfer-encoding'] === undefined)
    headers['content-length'] ??= Buffer.byteLength(options.body)
  return send(proxy.url, {method: options.method ?? 'GET', path: options.path ?? '/', headers}, options.body)
}

export function send(
  base: string,
  request: {method: string; path: string; headers: http.OutgoingHttpHeaders},
  body?: string | Buffer,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${request.path}`, {method: request.method, headers: request.headers, agent: false}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const all = Buffer.concat(chunks)
        resolve({status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, headers: res.headers, body: all, text: all.toString('utf8')})
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Writes bytes exactly as given and returns everything the server sends until it closes or goes quiet. */
export function rawExchange(port: number, bytes: string | Buffer, quietMs = 300): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let received = ''
    let timer: NodeJS.Timeout | undefined
    const finish = () => {
      clearTimeout(timer)
      socket.destroy()
      resolve(received)
    }
    const quiet = () => {
      clearTimeout(timer)
      timer = setTimeout(finish, quietMs)
    }
    socket.on('connect', () => {
      socket.write(bytes)
      quiet()
    })
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1')
      quiet()
    })
    socket.on('end', finish)
    socket.on('error', (error) => (received === '' ? reject(error) : finish()))
  })
}

/** The value of a header in flat raw form, all lines in order. */
export function headerLines(rawHeaders: readonly string[], name: string): string[] {
  const lines: string[] = []
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === name) lines.push(rawHeaders[i + 1])
  return lines
}

export function echoed(reply: Reply): {method: string; url: string; rawHeaders: string[]; body: string} {
  return JSON.parse(reply.text)
}
