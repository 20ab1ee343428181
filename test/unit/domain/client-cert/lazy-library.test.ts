import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'

import {repoRoot} from '../../../helpers/cli.js'

// @peculiar/x509 (and the Reflect polyfill it needs) is for the client-cert commands only: loading the modules that
// import the client-cert code (setup's plan and apply, the client-cert ops) must not load it; issuing does.
describe('domain/client-cert: the X.509 library is loaded on first use only', () => {
  it('is not loaded by importing setup or the client-cert ops, and is once a CA is made', function () {
    this.timeout(30_000)
    const script = `
      await import('./src/ops/setup/index.ts')
      await import('./src/ops/client-cert/create.ts')
      const before = typeof Reflect.getMetadata
      const {createCa} = await import('./src/domain/client-cert/issue.ts')
      await createCa({org: 'o', days: 1, now: new Date()})
      console.log(before, typeof Reflect.getMetadata)`
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {cwd: repoRoot, encoding: 'utf8'})
    assert.equal(out.trim(), 'undefined function')
  })
})
