// A V8 code cache for the bundled CLI: what Node 22 does with module.enableCompileCache(), for Node 20, which has no
// such thing. Compiling a command's bundle (about 1.5 MB with @oclif/core) was the largest single cost of starting
// cgx (bench/results.md, "Start-up"); with the code V8 produced on an earlier run, it skips parsing and compiling.
// The first run of each bundle file writes its cache at exit, so the functions that run got compiled and are kept.
//
// The cache lives in the user's own cache folder (0700), never in a shared temporary one: V8 trusts the data it is
// given, so another user able to write it could run code as this one; a folder that another user owns, or that others
// may write, is not used at all. Every failure to read or write it is ignored: a cache must never be the reason a
// command fails.
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import Module, {createRequire} from 'node:module'
import {homedir} from 'node:os'
import path from 'node:path'
import vm from 'node:vm'
import * as zlib from 'node:zlib'

/** Node's own switch for its compile cache; it turns this one off too. */
const DISABLE = 'NODE_DISABLE_COMPILE_CACHE'

type Compile = (this: Module, content: string, filename: string) => unknown

/** Node's hook for compiling a CommonJS module: public enough that v8-compile-cache and others have used it for years. */
interface CompilingModule {
  prototype: {_compile: Compile}
  wrap(content: string): string
}

/** Where this user's cache for this Node (V8 version and architecture: V8 refuses data from any other) goes. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(homedir(), '.cache')
  return path.join(base, 'cgx', 'compile-cache', `${process.versions.v8}-${process.arch}`)
}

/** zlib.crc32 from Node 20.15; before it, SHA-1 (node:crypto is required only then: loading it costs 2 ms). */
const checksum: (content: string) => string =
  typeof zlib.crc32 === 'function'
    ? (content) => zlib.crc32(content).toString(16)
    : (content) =>
        (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash('sha1').update(content).digest('hex')

/** Which bundle file an entry is for, whatever its content: a file of another installation is another file. */
export function entryOf(bundleDir: string, filename: string): string {
  return `${checksum(bundleDir)}.${path.relative(bundleDir, filename).split(path.sep).join('.')}`
}

/**
 * The entry's name: the file it is for, then its content, as Node 22 keys its cache. V8 checks only that the source
 * has the length it was compiled from, so a name, size and modification time would hand one file's code to another
 * (two one-line files of the same length in the command tree did exactly that), or an upgrade's code to the release
 * before it (npm gives every file it installs the same modification time). Hashing the 1.7 MB a command loads costs
 * 1.3 to 1.9 ms of each start.
 */
export function cacheFileName(bundleDir: string, filename: string, content: string): string {
  return `${entryOf(bundleDir, filename)}.${checksum(content)}.${content.length}`
}

/** After an upgrade or a rebuild, the entries for the same files' earlier contents: never read again. */
function removeEarlierContents(cacheDir: string, bundleDir: string, written: {filename: string; file: string}[]): void {
  try {
    const names = readdirSync(cacheDir)
    for (const {filename, file} of written) {
      const entry = `${entryOf(bundleDir, filename)}.`
      const current = path.basename(file)
      for (const name of names)
        if (name !== current && name.startsWith(entry) && /^[0-9a-f]+\.\d+$/.test(name.slice(entry.length)))
          rmSync(path.join(cacheDir, name), {force: true})
    }
  } catch {
    // As with writing: without the cleanup, the folder only keeps what it had.
  }
}

/** False when cacheDir exists but is not this user's alone. A missing folder is fine: writing creates it 0700. */
export function trustedCacheDir(cacheDir: string): boolean {
  try {
    const {uid, mode} = statSync(cacheDir)
    return (process.getuid === undefined || uid === process.getuid()) && (mode & 0o022) === 0
  } catch {
    return true
  }
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

function writeCache(dir: string, file: string, data: Buffer): void {
  try {
    mkdirSync(dir, {recursive: true, mode: 0o700})
    const partial = `${file}.${process.pid}`
    writeFileSync(partial, data, {mode: 0o600})
    renameSync(partial, file)
  } catch {
    // A read-only home or a full disk: run without the cache.
  }
}

/**
 * Compiles the CommonJS files under bundleDir through V8's code cache in cacheDir. Anything else compiles as Node
 * would. An import() inside those files fails on Node 20 once they come from the cache (the script's import callback
 * is not kept with it), so the bundle sends its computed imports to dynamicImport below.
 */
export function enableCompileCache(bundleDir: string, cacheDir = compileCacheDir()): void {
  if (process.env[DISABLE] || !trustedCacheDir(cacheDir)) return
  const cjs = Module as unknown as CompilingModule
  const nodeCompile = cjs.prototype._compile
  const toWrite: {filename: string; file: string; script: vm.Script}[] = []
  cjs.prototype._compile = function (this: Module, content: string, filename: string) {
    if (!filename.startsWith(bundleDir)) return nodeCompile.call(this, content, filename)
    const file = path.join(cacheDir, cacheFileName(bundleDir, filename, content))
    const cachedData = readCache(file)
    const script = new vm.Script(cjs.wrap(content), {filename, cachedData})
    if (cachedData === undefined || script.cachedDataRejected) toWrite.push({filename, file, script})
    const wrapper = script.runInThisContext({displayErrors: true}) as (...args: unknown[]) => unknown
    const require = Module.createRequire(filename)
    return wrapper.call(this.exports, this.exports, require, this, filename, path.dirname(filename))
  }
  process.once('exit', () => {
    if (toWrite.length === 0) return
    for (const {file, script} of toWrite) writeCache(cacheDir, file, script.createCachedData())
    removeEarlierContents(cacheDir, bundleDir, toWrite)
  })
}

/** import() for the cached files (scripts/bundle-cli.js routes their computed imports here): this file is never cached. */
export const dynamicImport = (specifier: string): Promise<unknown> => import(specifier)
