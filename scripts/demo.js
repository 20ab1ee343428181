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
for (const name of ["CF_API", "CF_USERNAME", "CF_PASSWORD", "CF_CLIENT_ID", "CF_CLIENT_SECRET"]) delete env[name]

const tour = (api) => [
  ['Log in to the sandbox (the config is cf-compatible: `cf` would share it)', ['login', '-a', api, '-u', 'admin', '-p', 'admin']],
  ['Target an org and space', ['target', '-o', 'agency-a', '-s', 'prod']],
  ['Show the target as JSON (every command takes --json)', ['target', '--json']],
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

function step(title, args) {
  process.stdout.write(`\n\x1b[1m# ${title}\x1b[0m\n$ cgx ${args.join(' ')}\n`)
  const result = spawnSync(process.execPath, [cgx, ...args], {env, stdio: 'inherit'})
  if (result.status !== 0) throw new Error(`cgx ${args[0]} failed with exit code ${result.status}`)
}

let sandbox
try {
  sandbox = await startSandbox()
  process.stdout.write(`Sandbox foundation running at ${sandbox.api} (CF_HOME=${cfHome})\n`)
  for (const [title, args] of tour(sandbox.api)) step(title, args)
  process.stdout.write('\nDone. Run `./bin/run.js sandbox` to keep a foundation running and explore; `./bin/run.js --help` lists the commands.\n')
} catch (error) {
  process.stderr.write(`demo failed: ${error.message}\n`)
  process.exitCode = 1
} finally {
  sandbox?.child.removeAllListeners('exit')
  sandbox?.child.kill('SIGTERM')
  rmSync(cfHome, {recursive: true, force: true})
}
