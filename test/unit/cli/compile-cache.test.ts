import assert from 'node:assert/strict'
import {mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {setTimeout} from 'node:timers/promises'

import {cacheFileName, compileCacheDir, entryOf} from '../../../src/cli/compile-cache.js'

/** The entry name of a file as it is on disk now. */
function keyOf(bundleDir: string, file: string, content: string): string {
  return cacheFileName(bundleDir, file, 'run', content, statSync(file, {bigint: true}))
}

describe('compile cache: where an entry goes', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cgx-compile-cache-key-')) + path.sep
  })
  afterEach(() => rmSync(dir, {recursive: true, force: true}))

  it('gives files of one name and length their own entries (V8 checks only the length)', () => {
    // The command tree's one-liners for route-allow list and client-cert list: same name, same length.
    const routeAllow = "module.exports = require('../../command.route-allow.list.cjs')\n"
    const clientCert = "module.exports = require('../../command.client-cert.list.cjs')\n"
    assert.equal(routeAllow.length, clientCert.length)
    const files = ['route-allow', 'client-cert'].map((topic) => path.join(dir, 'commands', topic, 'list.cjs'))
    for (const [i, file] of files.entries()) {
      mkdirSync(path.dirname(file), {recursive: true})
      writeFileSync(file, [routeAllow, clientCert][i])
    }
    assert.notEqual(keyOf(dir, files[0], routeAllow), keyOf(dir, files[1], clientCert))
  })

  it('gives a rewritten file a new entry, even with the length and modification time it had (as npm installs)', async () => {
    const file = path.join(dir, 'oclif.cjs')
    writeFileSync(file, 'module.exports = 1\n')
    const {mtime} = statSync(file)
    const before = keyOf(dir, file, 'module.exports = 1\n')
    assert.equal(keyOf(dir, file, 'module.exports = 1\n'), before, 'an unchanged file keeps its entry')
    await setTimeout(20) // a kernel without fine-grained timestamps moves the change time once per tick (4-10 ms)
    writeFileSync(file, 'module.exports = 2\n')
    utimesSync(file, mtime, mtime)
    assert.notEqual(keyOf(dir, file, 'module.exports = 2\n'), before)
  })

  it('names the file an entry is for, apart from the same file of another installation', () => {
    const written = {ino: 7n, ctimeNs: 1n}
    assert.ok(
      cacheFileName('/a/dist/cgx/', '/a/dist/cgx/oclif.cjs', 'run', 'x', written).startsWith(
        `${entryOf('/a/dist/cgx/', '/a/dist/cgx/oclif.cjs', 'run')}.`,
      ),
    )
    assert.match(entryOf('/a/dist/cgx/', '/a/dist/cgx/commands/segment/list.cjs', 'run'), /^[0-9a-f]+\.commands\.segment\.list\.cjs\.run$/)
    assert.notEqual(entryOf('/a/dist/cgx/', '/a/dist/cgx/oclif.cjs', 'run'), entryOf('/b/dist/cgx/', '/b/dist/cgx/oclif.cjs', 'run'))
    assert.notEqual(entryOf('/a/dist/cgx/', '/a/dist/cgx/oclif.cjs', 'run'), entryOf('/a/dist/cgx/', '/a/dist/cgx/oclif.cjs', 'help'))
  })

  it("lives in the user's cache folder, one per V8 version and architecture", () => {
    const leaf = `cgx/compile-cache/${process.versions.v8}-${process.arch}`
    assert.equal(compileCacheDir({XDG_CACHE_HOME: '/home/u/.xdg'}, '/home/u'), `/home/u/.xdg/${leaf}`)
    assert.equal(compileCacheDir({}, '/home/u'), `/home/u/.cache/${leaf}`)
  })

  it('has no place when neither XDG_CACHE_HOME nor the home folder is absolute (never the folder cgx runs from)', () => {
    const leaf = `cgx/compile-cache/${process.versions.v8}-${process.arch}`
    assert.equal(compileCacheDir({XDG_CACHE_HOME: 'relative'}, '/home/u'), `/home/u/.cache/${leaf}`, 'XDG: a relative path is ignored')
    assert.equal(compileCacheDir({XDG_CACHE_HOME: ''}, ''), undefined)
    assert.equal(compileCacheDir({}, 'relative-home'), undefined)
  })
})
