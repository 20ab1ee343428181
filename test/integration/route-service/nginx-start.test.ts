// The nginx engine fails closed at start: nginx.conf as the buildpack fills it, with the compiled policy missing or
// mangled in the environment, is refused by nginx itself (`nginx -t`), so an instance never runs without its policy and
// a rolling deployment of a broken environment never replaces the instances that still run the old one.

import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {parsePolicy} from '../../../src/domain/allowlist/index.js'
import {compileNginxPolicy, fillTemplate, NGINX_CONF_TEMPLATE} from '../../../src/route-service/index.js'
import {describeNginx} from './harness.js'

describeNginx('route-service, nginx engine: starting with the policy from the environment', () => {
  let prefix: string
  before(() => (prefix = mkdtempSync(path.join(tmpdir(), 'cgx-nginx-t-'))))
  after(() => rmSync(prefix, {recursive: true, force: true}))

  /** `nginx -t` on nginx.conf filled with this environment: whether nginx would start. */
  function nginxAccepts(env: Record<string, string | undefined>): boolean {
    const conf = path.join(prefix, 'nginx.conf')
    writeFileSync(
      conf,
      fillTemplate(NGINX_CONF_TEMPLATE, {
        port: 8080,
        nameservers: ['169.254.0.2'],
        env: {CGX_NGINX_CA_FILE: '/etc/ssl/certs/ca-certificates.crt', ...env},
      }),
    )
    return spawnSync('nginx', ['-t', '-p', prefix, '-c', conf], {stdio: 'ignore'}).status === 0
  }

  // The Node engine's own refusals are case 42 of bundle.test.ts.
  it('starts with the compiled policy, and refuses a missing, cut or hand-edited one', () => {
    const compiled = compileNginxPolicy(parsePolicy({hops: 'local', routes: [{route: 'a.example', allow: ['203.0.113.0/24']}]}).policy!)
    assert.equal(nginxAccepts({CGX_NGINX_POLICY: compiled}), true)
    assert.equal(nginxAccepts({}), false, 'no policy: unknown variables, nginx does not start')
    assert.equal(nginxAccepts({CGX_NGINX_POLICY: compiled.slice(0, compiled.length / 2)}), false, 'a policy cut in half')
    assert.equal(nginxAccepts({CGX_NGINX_POLICY: '{"hops":"local","routes":[]}'}), false, 'the JSON policy pasted by mistake')
  })
})
