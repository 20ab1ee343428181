// `cgx route-service serve` as the process a user (or a test) runs: the policy from the environment, JSON lines
// on stdout, a graceful stop on SIGTERM; and a policy with an error never starts.
import assert from 'node:assert/strict'
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process'
import {once} from 'node:events'
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import net, {type AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {parseEnvelope, repoRoot, runCli} from '../helpers/cli.js'
import {call, DENIED, nginxUnavailable, notExercised, startUpstream} from '../integration/route-service/harness.js'

export interface ServedProxy {
  port: number
  lines: () => Array<Record<string, unknown>>
  stop(): Promise<number | null>
}

/** Starts `cgx route-service serve --port 0` with this environment and resolves once it listens. */
export function serveProxy(env: Record<string, string>, args: string[] = []): Promise<ServedProxy> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [path.join(repoRoot, 'bin', 'run.js'), 'route-service', 'serve', '--port', '0', ...args],
    {
      env: {PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env},
    },
  )
  let stdout = ''
  const lines = () =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stdout}`)), 10_000)
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      const start = lines().find((line) => line.event === 'start')
      if (start === undefined) return
      clearTimeout(timer)
      resolve({port: start.port as number, lines, stop: () => (child.kill('SIGTERM'), exited)})
    })
    child.on('error', reject)
  })
}

describe('e2e: cgx route-service serve', () => {
  it('serves the health path, logs JSON lines, and stops gracefully on SIGTERM', async () => {
    const policy = JSON.stringify({hops: 'local', routes: [{route: 'api.agency-a.gov', allow: ['203.0.113.0/24']}]})
    const proxy = await serveProxy({CGX_ALLOWLIST: policy})
    const health = await fetch(`http://127.0.0.1:${proxy.port}/_health`)
    assert.deepEqual([health.status, await health.text()], [200, 'ok\n'])
    assert.equal(await proxy.stop(), 0)
    assert.deepEqual(
      proxy.lines().map((line) => line.event),
      ['start', 'stopping', 'stopped'],
    )
  })

  it('refuses to start with an invalid policy: exit 1, every problem named', async () => {
    const result = await runCli(['route-service', 'serve', '--port', '0'], {
      env: {CGX_ALLOWLIST: '{"hops":"local","routes":[{"route":"a.gov","allow":["10.0.0.1/8"]}]}'},
    })
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /routes\[0\]\.allow\[0\]: "10\.0\.0\.1\/8" has host bits set/)
  })

  it('a port already in use is a clear error (PORT_IN_USE), not a bug report', async () => {
    const holder = net.createServer().listen(0)
    await once(holder, 'listening')
    const {port} = holder.address() as AddressInfo
    try {
      const env = {CGX_ALLOWLIST: JSON.stringify({hops: 'local', routes: [{route: 'a.gov', allow: ['203.0.113.0/24']}]})}
      const human = await runCli(['route-service', 'serve', '--port', String(port)], {env})
      assert.equal(human.exitCode, 1)
      assert.match(
        human.stderr,
        new RegExp(`port ${port} is in use on .+\\.\\n {2}Stop what listens there, or pick another port with --port`, 'i'),
      )
      assert.doesNotMatch(human.stderr, /bug in cgx/)
      const json = await runCli(['route-service', 'serve', '--port', String(port), '--json'], {env})
      assert.equal(json.exitCode, 1)
      assert.equal(parseEnvelope(json).error?.code, 'PORT_IN_USE')
    } finally {
      holder.close()
    }
  })

  it('--engine nginx: the same policy compiled, run by nginx: allows, denies with a JSON line, answers health, stops on SIGTERM', async function () {
    const unavailable = nginxUnavailable()
    if (unavailable !== undefined) return notExercised(this, 'nginx', unavailable)
    const upstream = await startUpstream()
    try {
      const policy = JSON.stringify({hops: 'local', routes: [{route: `127.0.0.1:${upstream.port}`, allow: ['203.0.113.0/24']}]})
      const proxy = await serveProxy({CGX_ALLOWLIST: policy}, ['--engine', 'nginx'])
      const url = `http://127.0.0.1:${proxy.port}`
      assert.equal((await call({url}, upstream.origin)).status, 200)
      assert.equal((await call({url}, upstream.origin, {xff: DENIED})).status, 403)
      assert.equal((await fetch(`${url}/_health`)).status, 200)
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.equal(await proxy.stop(), 0)
      assert.deepEqual(
        proxy.lines().map((line) => [line.event, line.engine ?? line.reason]),
        [
          ['start', 'nginx'],
          ['deny', 'address-not-allowed'],
          ['stopping', undefined],
          ['stopped', undefined],
        ],
      )
      await assert.rejects(fetch(`${url}/_health`))
    } finally {
      await upstream.close()
    }
  })

  it('--engine nginx without nginx on PATH: NGINX_MISSING, naming what to install', async () => {
    const emptyPath = mkdtempSync(path.join(tmpdir(), 'cgx-no-nginx-'))
    try {
      const env = {PATH: emptyPath, CGX_ALLOWLIST: JSON.stringify({hops: 'local', routes: []})}
      const result = await runCli(['route-service', 'serve', '--port', '0', '--engine', 'nginx', '--json'], {env})
      assert.equal(result.exitCode, 1)
      const error = parseEnvelope(result).error
      assert.equal(error?.code, 'NGINX_MISSING')
      assert.match(JSON.stringify(error), /nginx 1\.23 or later/)
      assert.match(JSON.stringify(error), /apt-get install -y nginx/)
    } finally {
      rmSync(emptyPath, {recursive: true, force: true})
    }
  })

  it('--engine nginx with an nginx older than 1.23 on PATH: NGINX_TOO_OLD, naming what to install, before starting', async () => {
    // An executable that answers `nginx -v` as Debian 12's nginx-light does, and fails anything else.
    const oldPath = mkdtempSync(path.join(tmpdir(), 'cgx-old-nginx-'))
    const nginx = path.join(oldPath, 'nginx')
    writeFileSync(nginx, '#!/bin/sh\n[ "$1" = -v ] || exit 1\necho "nginx version: nginx/1.22.1" >&2\n')
    chmodSync(nginx, 0o755)
    try {
      const env = {PATH: `${oldPath}:/usr/bin:/bin`, CGX_ALLOWLIST: JSON.stringify({hops: 'local', routes: []})}
      const json = await runCli(['route-service', 'serve', '--port', '0', '--engine', 'nginx', '--json'], {env})
      assert.equal(json.exitCode, 1)
      const error = parseEnvelope(json).error
      assert.equal(error?.code, 'NGINX_TOO_OLD')
      assert.match(error?.message ?? '', /nginx 1\.22\.1 .*older than 1\.23/)
      assert.match(JSON.stringify(error), /apt-get install -y nginx/)
      const human = await runCli(['route-service', 'serve', '--port', '0', '--engine', 'nginx'], {env})
      assert.equal(human.exitCode, 1)
      assert.match(human.stderr, /first line of a repeated header/)
      assert.doesNotMatch(human.stderr, /bug in cgx/)
    } finally {
      rmSync(oldPath, {recursive: true, force: true})
    }
  })

  it('--engine nginx refuses what only the node engine does (the calibrate diagnostic) before starting', async () => {
    const env = {CGX_CALIBRATE: 'true', CGX_ALLOWLIST: JSON.stringify({hops: 'local', routes: []})}
    const result = await runCli(['route-service', 'serve', '--port', '0', '--engine', 'nginx'], {env})
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /calibrate diagnostic runs on the node engine only/)
  })
})
