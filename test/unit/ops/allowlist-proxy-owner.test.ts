// src/ops/allowlist-proxy owns the proxy for every op: route-allow, route-service and setup reach it through its
// index.ts only, so its files can change without the ops that use them.
import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const src = fileURLToPath(new URL('../../../src', import.meta.url))
const owner = path.join(src, 'ops', 'allowlist-proxy')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

/** The files a source file imports, resolved to absolute paths (relative specifiers only). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/\b(?:from|import)\s*\(?'(\.[^']+)'/g)].map((m) => path.resolve(path.dirname(file), m[1]))
}

describe('the allowlist proxy has one owner', () => {
  it('nothing outside src/ops/allowlist-proxy imports its files but index.ts', () => {
    const outside = sourceFiles(src).filter((file) => !file.startsWith(owner + path.sep))
    const reaching = outside.flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith(owner + path.sep) && target !== path.join(owner, 'index.js'))
        .map((target) => `${path.relative(src, file)} imports ${path.relative(src, target)}`),
    )
    assert.ok(outside.length > 100, 'the scan found the sources')
    assert.deepEqual(reaching, [])
  })

  it('route-allow, route-service and setup use it', () => {
    for (const topic of ['route-allow', 'route-service', 'setup']) {
      const users = sourceFiles(path.join(src, 'ops', topic)).filter((file) => importsOf(file).includes(path.join(owner, 'index.js')))
      assert.ok(users.length > 0, `src/ops/${topic} imports src/ops/allowlist-proxy/index.ts`)
    }
  })
})
