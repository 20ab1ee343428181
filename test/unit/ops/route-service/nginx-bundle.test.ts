// What `deploy --engine nginx` pushes: the one nginx.conf the local engine also runs, and a buildpack.yml that has
// varify paste the compiled policy as written (its default HTML-escapes env values, which would break the config).

import assert from 'node:assert/strict'

import {nginxBundle} from '../../../../src/ops/route-service/bundle.js'
import {NGINX_CONF_TEMPLATE} from '../../../../src/route-service/index.js'

describe('ops/route-service: the nginx bundle', () => {
  it('holds nginx.conf as the local engine runs it, and lists the pasted variables as plaintext', () => {
    const bundle = nginxBundle()
    const text = (name: string) => new TextDecoder().decode(bundle.files[name])
    assert.deepEqual(Object.keys(bundle.files).sort(), ['buildpack.yml', 'nginx.conf'])
    assert.equal(text('nginx.conf'), NGINX_CONF_TEMPLATE)
    assert.match(text('nginx.conf'), /listen \{\{port\}\};/)
    assert.equal(
      text('buildpack.yml'),
      '---\nnginx:\n  version: stable\n  plaintext_env_vars:\n    - CGX_NGINX_POLICY\n    - CGX_NGINX_CA_FILE\n',
    )
    assert.equal(nginxBundle().sha256, bundle.sha256, 'the same bundle each time: a redeploy stages nothing')
  })
})
