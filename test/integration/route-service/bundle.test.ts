// The bundle `deploy` pushes, run as Cloud Foundry runs it: `node server.mjs` with PORT and
// CGX_ALLOWLIST, nothing installed. Covers start-up refusal (case 42) and SIGTERM during a request.

import assert from 'node:assert/strict'
import {execFileSync, spawn, type ChildProcess} from 'node:child_process'
import {once} from 'node:events'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'

import {ALLOWED, call, DENIED, startUpstream, type Upstream} from './harness.js'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const builtBundle = path.join(root, 'dist/route-service/bundle/server.mjs')

interface Running {
  readonly child: ChildProcess
  readonly lines: Array<Record<string, unknown>>
  readonly url: string
}

function run(bundle: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [bundle], {env: {PATH: process.env.PATH ?? '', PORT: '0', ...env}, stdio: ['ignore', 'pipe', 'pipe']})
}

/** Starts the bundle and waits for its JSON start line. */
async function start(bundle: string, env: Record<string, string>): Promise<Running> {
  const child = run(bundle, env)
  const lines: Array<Record<string, unknown>> = []
  const reader = createInterface({input: child.stdout!})
  const started = new Promise<number>((resolve, reject) => {
    reader.on('line', (line) => {
      const entry = JSON.parse(line)
      lines.push(entry)
      if (entry.event === 'start') resolve(entry.port)
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)))
  })
  return {child, lines, url: `http://127.0.0.1:${await started}`}
}

async function exitOf(child: ChildProcess): Promise<{code: number | null; stderr: string}> {
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const [code] = await once(child, 'exit')
  return {code, stderr}
}

describe('route-service: the deployable bundle', function () {
  this.timeout(30_000)
  let bundle: string
  let tempDir: string | undefined
  let upstream: Upstream
  before(async () => {
    upstream = await startUpstream((req, res) => setTimeout(() => res.end(`done ${req.url}`), req.url === '/slow' ? 300 : 0))
    if (existsSync(builtBundle)) {
      bundle = builtBundle
    } else {
      tempDir = mkdtempSync(path.join(tmpdir(), 'cgx-bundle-'))
      execFileSync(process.execPath, [path.join(root, 'scripts/bundle-route-service.js'), '--outdir', tempDir])
      bundle = path.join(tempDir, 'server.mjs')
    }
  })
  after(async () => {
    await upstream.close()
    if (tempDir !== undefined) rmSync(tempDir, {recursive: true, force: true})
  })

  const policy = () => JSON.stringify({hops: 'local', routes: [{route: `127.0.0.1:${upstream.port}`, allow: ['203.0.113.0/24']}]})

  it('ships a package.json the buildpack can start without installing anything', () => {
    const manifest = JSON.parse(readFileSync(path.join(path.dirname(bundle), 'package.json'), 'utf8'))
    assert.deepEqual(manifest, {
      name: 'cgx-route-service',
      private: true,
      type: 'module',
      engines: {node: '>=20'},
      scripts: {start: 'node --max-semi-space-size=1 server.mjs'},
    })
    assert.match(readFileSync(bundle, 'utf8').slice(0, 200), /^\/\/ cgx allowlist route service/)
  })

  it('runs with node alone: allows, denies, answers health, and finishes a request in flight on SIGTERM', async () => {
    const service = await start(bundle, {CGX_ALLOWLIST: policy()})
    try {
      assert.equal((await call(service, upstream.origin, {xff: ALLOWED})).status, 200)
      assert.equal((await call(service, upstream.origin, {xff: DENIED})).status, 403)
      assert.equal((await fetch(`${service.url}/_health`)).status, 200)
      const inFlight = call(service, upstream.origin, {xff: ALLOWED, forwardedUrl: `${upstream.origin}/slow`})
      while (!upstream.requests.some((request) => request.url === '/slow')) await new Promise((resolve) => setTimeout(resolve, 5))
      const exited = exitOf(service.child)
      service.child.kill('SIGTERM')
      const reply = await inFlight
      assert.equal(reply.status, 200)
      assert.equal(reply.text, 'done /slow')
      assert.equal((await exited).code, 0)
      await assert.rejects(fetch(`${service.url}/_health`))
      assert.deepEqual(
        service.lines.map((line) => line.event),
        ['start', 'deny', 'stopping', 'stopped'],
      )
    } finally {
      service.child.kill('SIGKILL')
    }
  })

  it('42: refuses to start on a missing or invalid policy, naming every problem', async () => {
    const missing = await exitOf(run(bundle, {}))
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /POLICY_MISSING/)
    const invalid = await exitOf(
      run(bundle, {
        CGX_ALLOWLIST: JSON.stringify({
          hops: 'local',
          routes: [
            {route: 'a.example', allow: ['10.0.0.1/8']},
            {route: 'a.example', allow: []},
          ],
        }),
      }),
    )
    assert.equal(invalid.code, 1)
    assert.match(invalid.stderr, /routes\[0\]\.allow\[0\].*10\.0\.0\.0\/8/)
    assert.match(invalid.stderr, /routes\[1\].*listed twice/)
  })

  it('42: starts with an allow list as open as /0 (two halves of IPv4) only when forced, and warns', async () => {
    const everyone = JSON.stringify({hops: 'local', routes: [{route: 'a.example', allow: ['0.0.0.0/1', '128.0.0.0/1']}]})
    const refused = await exitOf(run(bundle, {CGX_ALLOWLIST: everyone}))
    assert.equal(refused.code, 1)
    const forced = await start(bundle, {CGX_ALLOWLIST: everyone, CGX_ALLOW_WHOLE_SPACE: 'true'})
    forced.child.kill('SIGTERM')
    await once(forced.child, 'exit')
    assert.deepEqual(
      forced.lines.filter((line) => line.event === 'policy-warning').map((line) => line.code),
      ['CIDR_WHOLE_SPACE'],
    )
  })
})
