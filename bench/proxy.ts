// Benchmark: the allowlist route service (the built bundle, one Node process) against nginx
// proxy_pass with upstream keepalive (one worker), both in front of the same nginx upstream, under
// the same wrk load, in interleaved rounds; medians reported. Then the service's RSS while a 1 GiB
// upload streams through it. Loopback only, bounded runs. Writes the "## Proxy" section of
// bench/results.md. Run with `npm run bench:proxy` (after a build).

import {execFile, execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'

const root = fileURLToPath(new URL('..', import.meta.url))
const bundle = path.join(root, 'dist/route-service/bundle/server.mjs')
const resultsFile = path.join(root, 'bench/results.md')

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const UPLOAD_BYTES = 1024 ** 3
const CLIENT = '203.0.113.9'
/** The heap setting `deploy` should give the app: Node's default young generation alone lets RSS pass 64 MiB under load. */
const SERVICE_NODE_OPTIONS = process.env.BENCH_SERVICE_NODE_OPTIONS ?? '--max-semi-space-size=1'

interface WrkResult {
  readonly rps: number
  readonly p50Ms: number
  readonly p99Ms: number
}

function has(command: string): boolean {
  try {
    execFileSync('which', [command], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const {port} = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)))
      socket.on('error', () => resolve(false))
    })
    if (open) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`nothing listens on ${port}`)
}

/** One nginx process, one worker, its own prefix; `server` is the body of one server block. */
function startNginx(dir: string, name: string, port: number, server: string, upstreamPort?: number): ChildProcess {
  const prefix = path.join(dir, name)
  execFileSync('mkdir', ['-p', prefix])
  const upstream = upstreamPort === undefined ? '' : `upstream app { server 127.0.0.1:${upstreamPort}; keepalive 128; }`
  writeFileSync(path.join(prefix, 'nginx.conf'), `
    worker_processes 1; daemon off; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log warn;
    events { worker_connections 8192; }
    http {
      access_log off;
      client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fcgi;
      uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
      keepalive_requests 1000000;
      ${upstream}
      server { listen 127.0.0.1:${port}; ${server} }
    }`)
  return spawn('nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], {stdio: 'ignore'})
}

/** nginx answers before reading a body; the upload needs an upstream that reads every byte. */
function startDrainingUpstream(port: number): ChildProcess {
  const script = `require('http').createServer((q, s) => { let n = 0; q.on('data', (c) => (n += c.length)); q.on('end', () => s.end(String(n))) }).listen(${port}, '127.0.0.1')`
  return spawn(process.execPath, ['-e', script], {stdio: 'ignore'})
}

function startService(port: number, upstreamPorts: number[]): ChildProcess {
  const policy = {hops: 'local', routes: upstreamPorts.map((upstreamPort) => ({route: `127.0.0.1:${upstreamPort}`, allow: ['203.0.113.0/24']}))}
  const env = {PATH: process.env.PATH, PORT: String(port), CGX_ALLOWLIST: JSON.stringify(policy), NODE_OPTIONS: SERVICE_NODE_OPTIONS}
  return spawn(process.execPath, [bundle], {env, stdio: 'ignore'})
}

function routeHeaders(upstreamPort: number, urlPath: string): Record<string, string> {
  return {
    'X-CF-Forwarded-Url': `http://127.0.0.1:${upstreamPort}${urlPath}`,
    'X-Forwarded-For': CLIENT,
    'X-CF-Proxy-Signature': 'bench-signature',
    'X-CF-Proxy-Metadata': 'bench-metadata',
  }
}

async function wrk(port: number, seconds: number, headers: Record<string, string>): Promise<WrkResult> {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), `http://127.0.0.1:${port}/bench`]
  const {stdout: out} = await promisify(execFile)('wrk', args, {encoding: 'utf8'})
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1]
  if (errors !== undefined) throw new Error(`wrk saw ${errors} failed responses from port ${port}`)
  return {rps, p50Ms: percentile(out, '50'), p99Ms: percentile(out, '99')}
}

function percentile(out: string, which: string): number {
  const match = new RegExp(`\\s${which}%\\s+([\\d.]+)(us|ms|s)`).exec(out)
  if (match === null) throw new Error(`no ${which}th percentile in wrk output`)
  const scale = {us: 0.001, ms: 1, s: 1000}[match[2] as 'us' | 'ms' | 's']
  return Number(match[1]) * scale
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Samples the RSS of `pid` every 100 ms while `work` runs; returns the peak. */
async function peakRssDuring(pid: number, work: () => Promise<unknown> | unknown): Promise<number> {
  let peak = rssMiB(pid)
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 100)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  return Math.max(peak, rssMiB(pid))
}

/** Streams `bytes` through the service as one PUT with Content-Length; resolves with the status and the byte count the upstream read. */
function upload(port: number, upstreamPort: number, bytes: number): Promise<string> {
  const chunk = Buffer.alloc(1024 * 1024, 120)
  return new Promise((resolve, reject) => {
    const req = http.request({host: '127.0.0.1', port, method: 'PUT', path: '/upload', agent: false,
      headers: {...routeHeaders(upstreamPort, '/upload'), 'content-length': bytes}}, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk))
      res.on('end', () => resolve(`status ${res.statusCode}, upstream read ${body} bytes`))
    })
    req.on('error', reject)
    let sent = 0
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

function writeResults(section: string): void {
  const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmarks\n'
  const start = previous.indexOf('\n## Proxy\n')
  let next = previous
  if (start >= 0) {
    const end = previous.indexOf('\n## ', start + 1)
    next = previous.slice(0, start) + (end < 0 ? '' : previous.slice(end))
  }
  writeFileSync(resultsFile, `${next.trimEnd()}\n\n${section.trimEnd()}\n`)
}

async function main(): Promise<void> {
  if (!has('nginx') || !has('wrk')) {
    console.log('bench:proxy skipped: nginx and wrk are needed (Debian: apt-get install -y nginx wrk).')
    return
  }
  if (!existsSync(bundle)) throw new Error(`no bundle at ${bundle}: run npm run build first`)
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ')[0]
  const dir = mkdtempSync(path.join(tmpdir(), 'cgx-bench-proxy-'))
  const [upstreamPort, nginxPort, servicePort, drainPort] = [await freePort(), await freePort(), await freePort(), await freePort()]
  const processes = [
    startNginx(dir, 'upstream', upstreamPort, `client_max_body_size 0; location / { return 200 "hello from the upstream app\\n"; }`),
    startNginx(dir, 'proxy', nginxPort, 'location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; }', upstreamPort),
    startService(servicePort, [upstreamPort, drainPort]),
    startDrainingUpstream(drainPort),
  ]
  const service = processes[2]
  try {
    await Promise.all([upstreamPort, nginxPort, servicePort, drainPort].map(waitForPort))
    const headers = routeHeaders(upstreamPort, '/bench')
    await wrk(nginxPort, 2, headers)
    await wrk(servicePort, 2, headers)
    const rounds: Array<{nginx: WrkResult; service: WrkResult; rss: number}> = []
    for (let round = 1; round <= ROUNDS; round++) {
      const nginx = await wrk(nginxPort, SECONDS, headers)
      let result: WrkResult | undefined
      const rss = await peakRssDuring(service.pid!, async () => (result = await wrk(servicePort, SECONDS, headers)))
      rounds.push({nginx, service: result!, rss})
      console.log(`round ${round}: nginx ${nginx.rps.toFixed(0)} req/s p99 ${nginx.p99Ms.toFixed(2)} ms | service ${result!.rps.toFixed(0)} req/s p99 ${result!.p99Ms.toFixed(2)} ms, RSS ${rss.toFixed(1)} MiB`)
    }
    const idleRss = rssMiB(service.pid!)
    let uploadOutcome = ''
    const uploadStarted = Date.now()
    const uploadPeak = await peakRssDuring(service.pid!, async () => (uploadOutcome = await upload(servicePort, drainPort, UPLOAD_BYTES)))
    const uploadSeconds = (Date.now() - uploadStarted) / 1000
    const m = (pick: (r: typeof rounds[number]) => number) => median(rounds.map(pick))
    const figures = {
      nginxRps: m((r) => r.nginx.rps), serviceRps: m((r) => r.service.rps),
      nginxP50: m((r) => r.nginx.p50Ms), serviceP50: m((r) => r.service.p50Ms),
      nginxP99: m((r) => r.nginx.p99Ms), serviceP99: m((r) => r.service.p99Ms),
      rss: Math.max(...rounds.map((r) => r.rss)),
    }
    const section = [
      '## Proxy',
      '',
      `\`npm run bench:proxy\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${spawnSync('nginx', ['-v'], {encoding: 'utf8'}).stderr.trim()}`,
      `(${ROUNDS} interleaved rounds of ${SECONDS} s, wrk -t1 -c${CONNECTIONS}, one worker each, same nginx upstream, loopback, 2 cores shared by everything; medians;`,
      `service run as \`NODE_OPTIONS=${SERVICE_NODE_OPTIONS} node server.mjs\`; load average before the run ${loadBefore}).`,
      '',
      '| | nginx proxy_pass (keepalive) | cgx route service | ratio | target |',
      '|---|---|---|---|---|',
      `| throughput | ${figures.nginxRps.toFixed(0)} req/s | ${figures.serviceRps.toFixed(0)} req/s | ${(figures.serviceRps / figures.nginxRps).toFixed(2)}× | ≥ 0.80× |`,
      `| p50 latency | ${figures.nginxP50.toFixed(2)} ms | ${figures.serviceP50.toFixed(2)} ms | ${(figures.serviceP50 / figures.nginxP50).toFixed(2)}× | |`,
      `| p99 latency | ${figures.nginxP99.toFixed(2)} ms | ${figures.serviceP99.toFixed(2)} ms | ${(figures.serviceP99 / figures.nginxP99).toFixed(2)}× | ≤ 1.25× |`,
      `| service RSS under load (peak) | | ${figures.rss.toFixed(1)} MiB | | ≤ 64 MiB |`,
      `| 1 GiB streamed upload | | ${uploadOutcome}, ${uploadSeconds.toFixed(1)} s; RSS ${idleRss.toFixed(1)} → peak ${uploadPeak.toFixed(1)} MiB | | flat |`,
      '',
    ].join('\n')
    writeResults(section)
    console.log(`\n${section}`)
  } finally {
    for (const child of processes) child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    rmSync(dir, {recursive: true, force: true})
  }
}

await main()
