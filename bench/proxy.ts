// Benchmark: the allowlist route service on both engines against plain nginx proxy_pass with upstream keepalive (one
// worker): the nginx engine (the policy compiled, one nginx worker), the Node engine (the built bundle, one Node
// process) and a minimal undici proxy with no checks (the floor of any proxy on Node), all in front of the same nginx
// upstream, under the same wrk load, in interleaved rounds; medians reported. Then each engine's RSS while a 1 GiB
// upload streams through it. A bare Node HTTP server answering by itself runs in the same rounds: the ceiling of
// anything on node:http. Loopback only, bounded runs. Writes the "## Proxy" section of bench/results.md, with
// bench/proxy/notes.md below the table. Run with `npm run bench:proxy`.

import {execFile, execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os, {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'

import {parsePolicy} from '../src/domain/allowlist/index.js'
import {startNginxEngine, type NginxEngine} from '../src/route-service/index.js'
import {writeSection} from './results-file.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bundle = path.join(root, 'dist/route-service/bundle/server.mjs')
const notesFile = path.join(root, 'bench/proxy/notes.md')
const minimalProxy = path.join(root, 'bench/proxy/minimal-undici-proxy.mjs')

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const UPLOAD_BYTES = 1024 ** 3
const CLIENT = '203.0.113.9'
/** The heap setting `deploy` should give the app: Node's default young generation alone lets RSS pass 64 MiB under load. */
const SERVICE_NODE_OPTIONS = process.env.BENCH_SERVICE_NODE_OPTIONS ?? '--max-semi-space-size=1'

interface WrkResult {
  readonly requests: number
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
  writeFileSync(
    path.join(prefix, 'nginx.conf'),
    `
    worker_processes 1; daemon off; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log warn;
    events { worker_connections 8192; }
    http {
      access_log off;
      client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fcgi;
      uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
      keepalive_requests 1000000;
      ${upstream}
      server { listen 127.0.0.1:${port}; ${server} }
    }`,
  )
  return spawn('nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], {stdio: 'ignore'})
}

/** nginx answers before reading a body; the upload needs an upstream that reads every byte. */
function startDrainingUpstream(port: number): ChildProcess {
  const script = `require('http').createServer((q, s) => { let n = 0; q.on('data', (c) => (n += c.length)); q.on('end', () => s.end(String(n))) }).listen(${port}, '127.0.0.1')`
  return spawn(process.execPath, ['-e', script], {stdio: 'ignore'})
}

/** The ceiling of anything on node:http: Node's own server answering the same body, no proxying at all. */
function startBareNodeServer(port: number): ChildProcess {
  const script = `require('http').createServer((q, s) => { s.writeHead(200, {'content-type': 'text/plain'}); s.end('hello from the upstream app\\n') }).listen(${port}, '127.0.0.1')`
  return spawn(process.execPath, [...SERVICE_NODE_OPTIONS.split(' '), '-e', script], {stdio: 'ignore'})
}

const benchPolicy = (upstreamPorts: number[]) => ({
  hops: 'local',
  routes: upstreamPorts.map((upstreamPort) => ({route: `127.0.0.1:${upstreamPort}`, allow: ['203.0.113.0/24']})),
})

function startMinimalProxy(port: number): ChildProcess {
  return spawn(process.execPath, [...SERVICE_NODE_OPTIONS.split(' '), minimalProxy, String(port)], {stdio: 'ignore', cwd: root})
}

/** The nginx engine exactly as `serve --engine nginx` runs it: the policy compiled into the shipped nginx.conf. */
function startNginxEngineOn(port: number, upstreamPorts: number[]): Promise<NginxEngine> {
  return startNginxEngine({policy: parsePolicy(benchPolicy(upstreamPorts)).policy!, port, onLogLine: () => undefined})
}

function startService(port: number, upstreamPorts: number[]): ChildProcess {
  const policy = benchPolicy(upstreamPorts)
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
  const args = [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${seconds}s`,
    '--latency',
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    `http://127.0.0.1:${port}/bench`,
  ]
  const {stdout: out} = await promisify(execFile)('wrk', args, {encoding: 'utf8'})
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])
  const requests = Number(/(\d+) requests in/.exec(out)?.[1])
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1]
  if (errors !== undefined) throw new Error(`wrk saw ${errors} failed responses from port ${port}`)
  return {requests, rps, p50Ms: percentile(out, '50'), p99Ms: percentile(out, '99')}
}

function percentile(out: string, which: string): number {
  const match = new RegExp(`\\s${which}%\\s+([\\d.]+)(us|ms|s)`).exec(out)
  if (match === null) throw new Error(`no ${which}th percentile in wrk output`)
  const scale = {us: 0.001, ms: 1, s: 1000}[match[2] as 'us' | 'ms' | 's']
  return Number(match[1]) * scale
}

interface Rss {
  readonly total: number
  /** Without RssFile, the pages of the node binary mapped from the page cache (about 40 MiB of Node 20 here). */
  readonly anon: number
}

function rssMiB(pid: number): Rss {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1])
  return {total: kib('VmRSS') / 1024, anon: kib('RssAnon') / 1024}
}

/** A process and its children (nginx: the master and its workers). */
function processTree(pid: number): number[] {
  return [
    pid,
    ...spawnSync('pgrep', ['-P', String(pid)], {encoding: 'utf8'})
      .stdout.split('\n')
      .filter(Boolean)
      .map(Number),
  ]
}

function treeRssMiB(tree: number[]): Rss {
  return tree.map(rssMiB).reduce((a, b) => ({total: a.total + b.total, anon: a.anon + b.anon}))
}

/**
 * CPU seconds (user + system) a process tree has used. On a machine other work shares, CPU time per request says more
 * than requests per second: it does not count the time the proxy waited for a core.
 */
function treeCpuSeconds(pid: number): number {
  const ticks = (one: number) =>
    readFileSync(`/proc/${one}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ')
      .slice(11, 13)
      .map(Number)
  return (
    processTree(pid)
      .flatMap(ticks)
      .reduce((a, b) => a + b, 0) / 100
  )
}

const mib = (rss: Rss) => `${rss.total.toFixed(1)} MiB (anonymous ${rss.anon.toFixed(1)})`

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * Samples the RSS of `pid` (and its children) every 100 ms while `work` runs; returns the peaks. The children are listed
 * once, before: a pgrep every 100 ms (a process spawned, all of /proc read) took enough of the two cores to add about
 * 2.5 ms to the p99 of whichever proxy was sampled, and only the engines were (bench/proxy/notes.md, fifth pass).
 */
async function peakRssDuring(pid: number, work: () => Promise<unknown> | unknown): Promise<Rss> {
  const tree = processTree(pid)
  let peak = treeRssMiB(tree)
  const sample = () => {
    const now = treeRssMiB(tree)
    peak = {total: Math.max(peak.total, now.total), anon: Math.max(peak.anon, now.anon)}
  }
  const timer = setInterval(sample, 100)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  sample()
  return peak
}

/** Streams `bytes` through the service as one PUT with Content-Length; resolves with the status and the byte count the upstream read. */
function upload(port: number, upstreamPort: number, bytes: number): Promise<string> {
  const chunk = Buffer.alloc(1024 * 1024, 120)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: '/upload',
        agent: false,
        headers: {...routeHeaders(upstreamPort, '/upload'), 'content-length': bytes},
      },
      (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk))
        res.on('end', () => resolve(`status ${res.statusCode}, upstream read ${body} bytes`))
      },
    )
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

const CONTENDERS = ['nginx', 'nginxEngine', 'nodeEngine', 'undici', 'bare'] as const
type Contender = (typeof CONTENDERS)[number]

interface Round {
  readonly results: Record<Contender, WrkResult>
  /** CPU microseconds per request of each contender's own processes. */
  readonly cpuUs: Record<Contender, number>
  /** Peak RSS of each engine during its own run. */
  readonly rss: {readonly nginxEngine: Rss; readonly nodeEngine: Rss}
}

async function runRounds(
  ports: Record<Contender, number>,
  pids: Record<Contender, number>,
  headers: Record<string, string>,
): Promise<Round[]> {
  for (const port of Object.values(ports)) await wrk(port, 2, headers)
  const rounds: Round[] = []
  for (let round = 1; round <= ROUNDS; round++) {
    const results = {} as Record<Contender, WrkResult>
    const cpuUs = {} as Record<Contender, number>
    const rss = {} as {nginxEngine: Rss; nodeEngine: Rss}
    for (const contender of CONTENDERS) {
      const cpuBefore = treeCpuSeconds(pids[contender])
      if (contender === 'nginxEngine' || contender === 'nodeEngine') {
        rss[contender] = await peakRssDuring(
          pids[contender],
          async () => (results[contender] = await wrk(ports[contender], SECONDS, headers)),
        )
      } else {
        results[contender] = await wrk(ports[contender], SECONDS, headers)
      }
      cpuUs[contender] = ((treeCpuSeconds(pids[contender]) - cpuBefore) * 1e6) / results[contender].requests
    }
    rounds.push({results, cpuUs, rss})
    console.log(
      `round ${round}: ${CONTENDERS.map((c) => `${c} ${results[c].rps.toFixed(0)} req/s p99 ${results[c].p99Ms.toFixed(2)} ms ${cpuUs[c].toFixed(0)} µs`).join(' | ')}` +
        ` | RSS nginx engine ${mib(rss.nginxEngine)}, node engine ${mib(rss.nodeEngine)}`,
    )
  }
  return rounds
}

interface Upload {
  readonly outcome: string
  readonly seconds: number
  readonly idle: Rss
  readonly peak: Rss
}

async function measureUpload(pid: number, port: number, drainPort: number): Promise<Upload> {
  const idle = treeRssMiB(processTree(pid))
  let outcome = ''
  const started = Date.now()
  const peak = await peakRssDuring(pid, async () => (outcome = await upload(port, drainPort, UPLOAD_BYTES)))
  return {outcome, seconds: (Date.now() - started) / 1000, idle, peak}
}

const LABELS: Record<Contender, string> = {
  nginx: 'nginx proxy_pass (keepalive), no checks',
  nginxEngine: 'cgx route service, nginx engine',
  nodeEngine: 'cgx route service, Node engine',
  undici: 'minimal node:http + undici proxy, no checks',
  bare: 'reference: bare Node server, no proxying',
}
const TARGETS: Partial<Record<Contender, string>> = {nginxEngine: '≥ 0.85× nginx; p99 ≤ 1.25×', nodeEngine: '≥ 0.9× minimal undici'}

function section(rounds: Round[], uploads: {nginxEngine: Upload; nodeEngine: Upload}, loadBefore: string, loadAfter: string): string {
  const m = (pick: (r: Round) => number) => median(rounds.map(pick))
  const rps = (c: Contender) => m((r) => r.results[c].rps)
  const p50 = (c: Contender) => m((r) => r.results[c].p50Ms)
  const p99 = (c: Contender) => m((r) => r.results[c].p99Ms)
  const cpu = (c: Contender) => m((r) => r.cpuUs[c])
  const rows = CONTENDERS.map(
    (c) =>
      `| ${LABELS[c]} | ${rps(c).toFixed(0)} req/s | ${(rps(c) / rps('nginx')).toFixed(2)}× | ` +
      `${p50(c).toFixed(2)} ms | ${p99(c).toFixed(2)} ms | ${(p99(c) / p99('nginx')).toFixed(2)}× | ${cpu(c).toFixed(0)} µs | ${TARGETS[c] ?? ''} |`,
  )
  const peak = (engine: 'nginxEngine' | 'nodeEngine') => ({
    total: Math.max(...rounds.map((r) => r.rss[engine].total)),
    anon: Math.max(...rounds.map((r) => r.rss[engine].anon)),
  })
  const uploadRow = (u: Upload) => `${u.outcome}, ${u.seconds.toFixed(1)} s; RSS ${mib(u.idle)} → peak ${mib(u.peak)}`
  const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8').trim() : ''
  return [
    '## Proxy',
    '',
    `\`npm run bench:proxy\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${spawnSync('nginx', ['-v'], {encoding: 'utf8'}).stderr.trim()}`,
    `(${ROUNDS} interleaved rounds of ${SECONDS} s, wrk -t1 -c${CONNECTIONS}, one worker or process each, same nginx upstream, loopback, ${os.cpus().length} cores shared by everything; medians;`,
    `Node engine run as \`NODE_OPTIONS=${SERVICE_NODE_OPTIONS} node server.mjs\`; load average ${loadBefore} before the run, ${loadAfter} after).`,
    '',
    '| | throughput | vs nginx | p50 | p99 | p99 vs nginx | CPU per request | target |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Node engine vs the minimal undici proxy: ${(rps('nodeEngine') / rps('undici')).toFixed(2)}× (target ≥ 0.9×). ` +
      `CPU per request, the measure a shared machine disturbs least: nginx engine ${(cpu('nginx') / cpu('nginxEngine')).toFixed(2)}× of plain nginx's ` +
      `throughput per core, Node engine ${(cpu('undici') / cpu('nodeEngine')).toFixed(2)}× of the minimal undici proxy's.`,
    '',
    '| memory | nginx engine (master + worker) | Node engine | target |',
    '|---|---|---|---|',
    `| RSS under load (peak) | ${mib(peak('nginxEngine'))} | ${mib(peak('nodeEngine'))} | nginx engine ≤ 32 MiB |`,
    `| 1 GiB streamed upload | ${uploadRow(uploads.nginxEngine)} | ${uploadRow(uploads.nodeEngine)} | flat |`,
    '',
    notes,
    '',
  ].join('\n')
}

async function main(): Promise<void> {
  if (!has('nginx') || !has('wrk')) {
    console.log('bench:proxy skipped: nginx and wrk are needed (Debian: apt-get install -y nginx wrk).')
    return
  }
  if (!existsSync(bundle)) throw new Error(`no bundle at ${bundle}: run npm run build first`)
  const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0]
  const loadBefore = loadAverage()
  const dir = mkdtempSync(path.join(tmpdir(), 'cgx-bench-proxy-'))
  const ports = {} as Record<Contender | 'upstream' | 'drain', number>
  for (const name of [...CONTENDERS, 'upstream', 'drain'] as const) ports[name] = await freePort()
  const routes = [ports.upstream, ports.drain]
  const service = startService(ports.nodeEngine, routes)
  const processes = [
    startNginx(dir, 'upstream', ports.upstream, `client_max_body_size 0; location / { return 200 "hello from the upstream app\\n"; }`),
    startNginx(
      dir,
      'proxy',
      ports.nginx,
      'location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; }',
      ports.upstream,
    ),
    service,
    startMinimalProxy(ports.undici),
    startDrainingUpstream(ports.drain),
    startBareNodeServer(ports.bare),
  ]
  const engine = await startNginxEngineOn(ports.nginxEngine, routes)
  try {
    await Promise.all(Object.values(ports).map(waitForPort))
    const [, plain, , minimal, , bare] = processes
    const pids = {nginx: plain.pid!, nginxEngine: engine.pid, nodeEngine: service.pid!, undici: minimal.pid!, bare: bare.pid!}
    const rounds = await runRounds(ports, pids, routeHeaders(ports.upstream, '/bench'))
    const uploads = {
      nginxEngine: await measureUpload(engine.pid, ports.nginxEngine, ports.drain),
      nodeEngine: await measureUpload(service.pid!, ports.nodeEngine, ports.drain),
    }
    const text = section(rounds, uploads, loadBefore, loadAverage())
    writeSection('## Proxy', text)
    console.log(`\n${text}`)
  } finally {
    await engine.close()
    for (const child of processes) child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    rmSync(dir, {recursive: true, force: true})
  }
}

await main()
