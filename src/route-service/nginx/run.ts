// The nginx engine on this machine: the policy compiled, nginx.conf filled as the buildpack would fill it, and nginx
// (from PATH) run in a prefix of its own until close(). Used by `serve --engine nginx` and the conformance suite.

import {spawn, spawnSync, type ChildProcess} from 'node:child_process'
import {once} from 'node:events'
import {closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync} from 'node:fs'
import net, {type AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'

import type {Policy} from '../../domain/allowlist/index.js'
import type {UpstreamTimeouts} from '../upstream.js'
import {compileNginxPolicy} from './compile.js'
import {NGINX_CA_VAR, NGINX_POLICY_VAR} from '../contract.js'
import {fillTemplate, NGINX_CONF_TEMPLATE} from './template.js'

/** Debian 13's; Debian 12's nginx and nginx-light are 1.22, older than NGINX_MINIMUM. */
export const NGINX_PACKAGE = 'nginx'
/**
 * nginx before 1.23 reads only the first line of a repeated request header, so a doubled X-CF-Forwarded-Url would be
 * judged by its first line where the Node engine refuses it; 1.23 joins the lines, which the compiled policy refuses.
 */
export const NGINX_MINIMUM = '1.23'
const INSTALL = `install nginx ${NGINX_MINIMUM} or later (Debian 13: apt-get install -y ${NGINX_PACKAGE})`
/** Debian's and cflinuxfs4's bundle of trusted roots. */
export const SYSTEM_CA_FILE = '/etc/ssl/certs/ca-certificates.crt'

/** How often nginx's log is read; a line reaches onLogLine this long after nginx wrote it, at most. */
export const LOG_POLL_MS = 20

export class NginxEngineError extends Error {
  /** EADDRINUSE as Node's own listen error says it, so callers answer a taken port the same way for both engines. */
  constructor(
    readonly code: 'NGINX_MISSING' | 'NGINX_TOO_OLD' | 'NGINX_START_FAILED' | 'EADDRINUSE',
    message: string,
  ) {
    super(message)
    this.name = 'NginxEngineError'
  }
}

export interface NginxEngineOptions {
  readonly policy: Policy
  /** 0 or absent: a free port. */
  readonly port?: number
  readonly instanceHeader?: string
  /** As the Node engine takes them; what nginx cannot express is refused (NginxCompileError). */
  readonly upstreamTimeouts?: UpstreamTimeouts
  /** Trusted roots for upstream TLS (PEM file). Default: the system bundle. */
  readonly caFile?: string
  /** Each line nginx writes to stdout (the JSON deny lines), within LOG_POLL_MS. Default: this process's stdout. */
  readonly onLogLine?: (line: string) => void
}

export interface NginxEngine {
  readonly url: string
  readonly port: number
  readonly pid: number
  close(): Promise<void>
}

/** The version of the nginx on PATH, or an error naming what to install when there is none or it is too old. */
export function nginxVersion(): string {
  const probe = spawnSync('nginx', ['-v'], {encoding: 'utf8'})
  if (probe.error !== undefined || probe.status !== 0) throw new NginxEngineError('NGINX_MISSING', `nginx is not on PATH; ${INSTALL}`)
  // "nginx version: nginx/1.26.3", a distribution's suffix after it at most.
  const version = /\/(\d+(?:\.\d+)+)/.exec(probe.stderr)?.[1] ?? probe.stderr.trim()
  if (!atLeast(version, NGINX_MINIMUM.split('.').map(Number))) {
    throw new NginxEngineError(
      'NGINX_TOO_OLD',
      `nginx ${version} on PATH is older than ${NGINX_MINIMUM}, which reads only the first line of a repeated header ` +
        `(a doubled X-CF-Forwarded-Url); ${INSTALL} and put it first on PATH`,
    )
  }
  return version
}

export async function startNginxEngine(options: NginxEngineOptions): Promise<NginxEngine> {
  const upstreamResolve = atLeast(nginxVersion(), [1, 27, 3])
  const {instanceHeader, upstreamTimeouts} = options
  const compiled = compileNginxPolicy(options.policy, {instanceHeader, upstreamResolve, upstreamTimeouts})
  const prefix = mkdtempSync(path.join(tmpdir(), 'cgx-nginx-'))
  try {
    // A port we picked can be taken between our check and nginx's bind: pick again.
    for (let attempt = 0; ; attempt++) {
      const port = options.port || (await freePort())
      const conf = fillTemplate(NGINX_CONF_TEMPLATE, {
        port,
        nameservers: nameservers(),
        env: {[NGINX_POLICY_VAR]: compiled, [NGINX_CA_VAR]: options.caFile ?? SYSTEM_CA_FILE},
      })
      writeFileSync(path.join(prefix, 'nginx.conf'), conf)
      const started = await run(prefix, port)
      if ('child' in started) return engine(started.child, prefix, port, options.onLogLine)
      const taken = /Address already in use/.test(started.stderr)
      if (taken && options.port) throw new NginxEngineError('EADDRINUSE', `port ${port} is in use`)
      if (!taken || attempt >= 4)
        throw new NginxEngineError('NGINX_START_FAILED', `nginx did not start: ${started.stderr.trim().split('\n').at(-1) ?? 'no output'}`)
    }
  } catch (error) {
    rmSync(prefix, {recursive: true, force: true})
    throw error
  }
}

/** Whether a version "1.22.1" is at least [1, 27, 3]. */
export function atLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.split('.').map(Number)
  for (let i = 0; i < minimum.length; i++) if ((parts[i] ?? 0) !== minimum[i]) return (parts[i] ?? 0) > minimum[i]
  return true
}

async function run(prefix: string, port: number): Promise<{child: ChildProcess} | {stderr: string}> {
  // nginx opens /dev/stdout itself, which fails on the socket pair Node would give it: a file it can open instead.
  const stdout = openSync(path.join(prefix, 'stdout.log'), 'w')
  const child = spawn('nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], {stdio: ['ignore', stdout, 'pipe']})
  closeSync(stdout)
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = once(child, 'exit').then(() => 'exited' as const)
  for (;;) {
    if ((await Promise.race([exited, pause(20)])) === 'exited') return {stderr}
    if (await accepts(port)) return {child}
  }
}

/** Hands each complete line nginx appended to stdout.log to onLine, until the returned stop is called. */
function followLog(file: string, onLine: (line: string) => void): () => void {
  const fd = openSync(file, 'r')
  const buffer = Buffer.alloc(64 * 1024)
  let pending = ''
  const poll = () => {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) pending += buffer.toString('utf8', 0, read)
    const lines = pending.split('\n')
    pending = lines.pop()!
    for (const line of lines) if (line !== '') onLine(line)
  }
  const timer = setInterval(poll, LOG_POLL_MS)
  return () => {
    clearInterval(timer)
    poll()
    closeSync(fd)
  }
}

function engine(child: ChildProcess, prefix: string, port: number, onLogLine: ((line: string) => void) | undefined): NginxEngine {
  const stopFollowing = followLog(path.join(prefix, 'stdout.log'), onLogLine ?? ((line) => process.stdout.write(`${line}\n`)))
  let closed: Promise<void> | undefined
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit')
      // QUIT: stop accepting, finish requests in flight; KILL after the same grace as the Node engine.
      child.kill('SIGQUIT')
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
      await exited
      clearTimeout(timer)
    }
    stopFollowing()
    rmSync(prefix, {recursive: true, force: true})
  }
  return {url: `http://127.0.0.1:${port}`, port, pid: child.pid!, close: () => (closed ??= close())}
}

/** The resolver addresses varify would read (its default when there are none). */
function nameservers(): string[] {
  let text = ''
  try {
    text = readFileSync('/etc/resolv.conf', 'utf8')
  } catch {
    // No resolv.conf: the default below.
  }
  const found = [...text.matchAll(/^nameserver\s+(\S+)/gm)].map(([, address]) => (address.includes(':') ? `[${address}]` : address))
  return found.length > 0 ? found : ['169.254.0.2']
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const {port} = server.address() as AddressInfo
  server.close()
  await once(server, 'close')
  return port
}

async function accepts(port: number): Promise<boolean> {
  const socket = net.connect(port, '127.0.0.1')
  const outcome = await new Promise<boolean>((resolve) => socket.once('connect', () => resolve(true)).once('error', () => resolve(false)))
  socket.destroy()
  return outcome
}

function pause(ms: number): Promise<'waited'> {
  return new Promise((resolve) => setTimeout(() => resolve('waited'), ms))
}
