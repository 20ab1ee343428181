import assert from 'node:assert/strict'

import {loadPolicy, PolicyLoadError} from '../../../src/route-service/load-policy.js'

describe('route-service loadPolicy', () => {
  it('reads CGX_ALLOWLIST and reports warnings', () => {
    const warnings: string[] = []
    const policy = loadPolicy({env: {CGX_ALLOWLIST: '{"hops":"local","routes":[]}'}, onWarning: (w) => warnings.push(w.code)})
    assert.equal(policy.hops.length, 1)
    assert.deepEqual(warnings, ['ROUTES_EMPTY'])
  })

  it('throws a coded error naming every problem', () => {
    assert.throws(
      () => loadPolicy({env: {}}),
      (error: PolicyLoadError) => error.code === 'POLICY_MISSING',
    )
    assert.throws(
      () =>
        loadPolicy({
          env: {CGX_ALLOWLIST: '{"hops":[],"routes":[{"route":"a.example","allow":["300.0.0.0/8"]},{"route":"b","allow":["0.0.0.0/0"]}]}'},
        }),
      (error: PolicyLoadError) =>
        error.code === 'POLICY_INVALID' &&
        /routes\[0\]\.allow\[0\]/.test(error.message) &&
        /routes\[1\]\.allow/.test(error.message) &&
        error.diagnostics.length === 2,
    )
    assert.throws(
      () => loadPolicy({env: {}, policyFile: '/nonexistent/policy.json'}),
      (error: PolicyLoadError) => error.code === 'POLICY_FILE_UNREADABLE',
    )
  })

  it('accepts a whole-space allow list only when told to', () => {
    const env = {CGX_ALLOWLIST: '{"hops":[],"routes":[{"route":"a.example","allow":["::/0"]}]}'}
    assert.throws(() => loadPolicy({env}))
    assert.equal(loadPolicy({env, allowWholeSpace: true}).routes.length, 1)
    assert.equal(loadPolicy({env: {...env, CGX_ALLOW_WHOLE_SPACE: 'true'}}).routes.length, 1)
  })
})
