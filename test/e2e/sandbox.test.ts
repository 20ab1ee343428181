import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import path from 'node:path'
import {createInterface} from 'node:readline'

import {repoRoot, runCli, tempCfHome} from '../helpers/cli.js'

describe('e2e: cgx sandbox', () => {
  it('serves a foundation that cgx can log in to, and stops cleanly on SIGTERM', async () => {
    const home = tempCfHome()
    const sandbox = spawn(process.execPath, [path.join(repoRoot, 'bin', 'run.js'), 'sandbox', '--port', '0'], {
      env: {PATH: process.env.PATH ?? '', HOME: home.cfHome, NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const api = await new Promise<string>((resolve, reject) => {
        sandbox.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
        createInterface({input: sandbox.stdout}).on('line', (line) => {
          const [key, value] = line.split('\t')
          if (key === 'API') resolve(value)
        })
      })
      assert.match(api, /^http:\/\/127\.0\.0\.1:\d+$/)
      const login = await runCli(['login', '-a', api, '-u', 'admin', '-p', 'admin', '-o', 'agency-a', '-s', 'prod'], {env: {CF_HOME: home.cfHome}})
      assert.equal(login.exitCode, 0, login.stderr)
      assert.match(login.stdout, /space\s+prod/)

      sandbox.removeAllListeners('exit')
      const exitCode = await new Promise<number | null>((resolve) => {
        sandbox.on('exit', resolve)
        sandbox.kill('SIGTERM')
      })
      assert.equal(exitCode, 0)
    } finally {
      sandbox.kill('SIGKILL')
      home.cleanup()
    }
  })
})
