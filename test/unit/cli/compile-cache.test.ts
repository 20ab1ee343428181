import assert from 'node:assert/strict'

import {cacheFileName, compileCacheDir, entryOf} from '../../../src/cli/compile-cache.js'

describe('compile cache: where an entry goes', () => {
  it('keys an entry by content: files of one name and length get their own (V8 checks only the length)', () => {
    // The command tree's one-liners for route-allow list and client-cert list: same name, same length.
    const routeAllow = "module.exports = require('../../command.route-allow.list.cjs')\n"
    const clientCert = "module.exports = require('../../command.client-cert.list.cjs')\n"
    assert.equal(routeAllow.length, clientCert.length)
    const a = cacheFileName('/x/', '/x/commands/route-allow/list.cjs', routeAllow)
    const b = cacheFileName('/x/', '/x/commands/client-cert/list.cjs', clientCert)
    assert.notEqual(a, b)
    assert.notEqual(cacheFileName('/x/', '/x/commands/route-allow/list.cjs', clientCert), a, 'nor one content another')
  })

  it('names the file an entry is for, apart from the same file of another installation', () => {
    const content = 'module.exports = 1\n'
    assert.ok(
      cacheFileName('/a/dist/cgx/', '/a/dist/cgx/oclif.cjs', content).startsWith(`${entryOf('/a/dist/cgx/', '/a/dist/cgx/oclif.cjs')}.`),
    )
    assert.match(entryOf('/a/dist/cgx/', '/a/dist/cgx/commands/segment/list.cjs'), /^[0-9a-f]+\.commands\.segment\.list\.cjs$/)
    assert.notEqual(entryOf('/a/dist/cgx/', '/a/dist/cgx/oclif.cjs'), entryOf('/b/dist/cgx/', '/b/dist/cgx/oclif.cjs'))
  })

  it("lives in the user's cache folder, one per V8 version and architecture", () => {
    const dir = compileCacheDir({XDG_CACHE_HOME: '/home/u/.xdg'})
    assert.equal(dir, `/home/u/.xdg/cgx/compile-cache/${process.versions.v8}-${process.arch}`)
  })
})
