#!/usr/bin/env node
// The guided tour behind `npm run demo`: start a sandbox foundation, log in with a throwaway CF_HOME,
// run a few cgx commands against it, and stop the sandbox. Uses the built CLI exactly as a user would.
import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'

const cgx = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const cfHome = mkdtempSync(path.join(tmpdir(), 'cgx-demo-'))
const env = {...process.env, CF_HOME: cfHome}
for (const name of ['CF_API', 'CF_USERNAME', 'CF_PASSWORD', 'CF_CLIENT_ID', 'CF_CLIENT_SECRET']) delete env[name]

const tour = (api) => [
  ['Log in to the sandbox (the config is cf-compatible: `cf` would share it)', ['login', '-a', api, '-u', 'admin', '-p', 'admin']],
  ['Target an org and space', ['target', '-o', 'agency-a', '-s', 'prod']],
  ['Isolation segments and the private networks behind them', ['segment', 'list']],
  ['Where every space runs, why, what is misconfigured, which apps need a restart', ['segment', 'status']],
  ['Which spaces can reach the VPN networks, on which ports, and why', ['reach', '--org', 'agency-a']],
  [
    'A CI policy check: may anything outside agency-a/prod reach 10.10.0.0/16 on 5432? (exit 3 when so)',
    ['reach', '--fail-if-reachable', '10.10.0.0/16', '--port', '5432', '--allow-space', 'agency-a/prod'],
    [0, 3],
  ],
  [
    'Deploy the allowlist route service for agency-a (pushed through the v3 API, waited for)',
    ['route-service', 'deploy', '--org', 'agency-a', '--space', 'allowlist'],
  ],
  [
    'Protect a route: only 203.0.113.0/24 gets in (policy live first, then the route is bound)',
    ['route-allow', 'add', 'api.agency-a.gov/v1', '--allow', '203.0.113.0/24'],
  ],
  ['Would this address get in? (exit 0 yes, 1 no)', ['route-allow', 'check', 'api.agency-a.gov/v1', '198.51.100.7'], [1]],
  [
    'Routes and their protection: allowlisted, foreign route services, unprotected',
    ['route-allow', 'list', '--org', 'agency-a', '--all-routes'],
  ],
  [
    'The egress ranges to give the owner of an external service',
    ['egress', 'ranges', '--api', 'https://api.fr.cloud.gov', '--format', 'nginx'],
  ],
  ['Everything as data: the same report as JSON', ['segment', 'status', '--org', 'agency-c', '--json']],
]

function startSandbox() {
  // Piped, the sandbox prints tab-separated fields ("API\thttp://127.0.0.1:PORT") on stdout as it starts.
  const child = spawn(process.execPath, [cgx, 'sandbox', '--port', '0'], {env, stdio: ['ignore', 'pipe', 'ignore']})
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`the sandbox exited early (code ${code})`)))
    const lines = createInterface({input: child.stdout})
    lines.on('line', (line) => {
      const [key, value] = line.split('\t')
      if (key === 'API') resolve({child, api: value})
    })
  })
}

function step(title, args, expected = [0]) {
  process.stdout.write(`\n\x1b[1m# ${title}\x1b[0m\n$ cgx ${args.join(' ')}\n`)
  // Tables as on a terminal, even when the tour itself is piped.
  const result = spawnSync(process.execPath, [cgx, ...args], {env: {FORCE_TTY: '1', ...env}, stdio: 'inherit'})
  if (!expected.includes(result.status)) throw new Error(`cgx ${args.join(' ')} exited with ${result.status}`)
}

let sandbox
try {
  sandbox = await startSandbox()
  process.stdout.write(`Sandbox foundation running at ${sandbox.api} (CF_HOME=${cfHome})\n`)
  for (const [title, args, expected] of tour(sandbox.api)) step(title, args, expected)
  process.stdout.write(
    '\nDone. Run `./bin/run.js sandbox` to keep a foundation running and explore; `./bin/run.js --help` lists the commands.\n',
  )
} catch (error) {
  process.stderr.write(`demo failed: ${error.message}\n`)
  process.exitCode = 1
} finally {
  sandbox?.child.removeAllListeners('exit')
  sandbox?.child.kill('SIGTERM')
  rmSync(cfHome, {recursive: true, force: true})
}
