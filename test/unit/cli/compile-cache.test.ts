import assert from 'node:assert/strict'

import {cacheFileName, compileCacheDir} from '../../../src/cli/compile-cache.js'

describe('compile cache: where an entry goes', () => {
  it('keys an entry by content: files of one name and length get their own (V8 checks only the length)', () => {
    // The command tree's one-liners for route-allow list and client-cert list: same name, same length.
    const routeAllow = "module.exports = require('../../command.route-allow.list.cjs')\n"
    const clientCert = "module.exports = require('../../command.client-cert.list.cjs')\n"
    assert.equal(routeAllow.length, clientCert.length)
    const a = cacheFileName('/x/commands/route-allow/list.cjs', routeAllow)
    const b = cacheFileName('/x/commands/client-cert/list.cjs', clientCert)
    assert.notEqual(a, b)
    assert.equal(cacheFileName('/elsewhere/list.cjs', routeAllow), a, 'the same content shares its entry wherever it lies')
  })

  it("lives in the user's cache folder, one per V8 version and architecture", () => {
    const dir = compileCacheDir({XDG_CACHE_HOME: '/home/u/.xdg'})
    assert.equal(dir, `/home/u/.xdg/cgx/compile-cache/${process.versions.v8}-${process.arch}`)
  })
})
