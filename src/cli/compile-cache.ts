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
import Module from 'node:module'
import path from 'node:path'
import vm from 'node:vm'

import {homeDirectory} from '../cf/home.js'

/** Node's own switch for its compile cache; it turns this one off too. */
const DISABLE = 'NODE_DISABLE_COMPILE_CACHE'

type Compile = (this: Module, content: string, filename: string) => unknown

/** Node's hook for compiling a CommonJS module: public enough that v8-compile-cache and others have used it for years. */
interface CompilingModule {
  prototype: {_compile: Compile}
  wrap(content: string): string
}

/**
 * Where this user's cache for this Node (V8 version and architecture: V8 refuses data from any other) goes, or
 * undefined when there is no absolute place for it: a relative XDG_CACHE_HOME is ignored, as the XDG spec says, and
 * the home folder is never a relative one (src/cf/home.ts).
 */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env, home = homeDirectory(env)): string | undefined {
  const base = [env.XDG_CACHE_HOME, home && path.join(home, '.cache')].find((dir) => dir && path.isAbsolute(dir))
  return base && path.join(base, 'cgx', 'compile-cache', `${process.versions.v8}-${process.arch}`)
}

/** FNV-1a, 32 bits: a short name for the installation's folder, without loading a hashing module. */
function folderTag(folder: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < folder.length; i++) hash = Math.imul(hash ^ folder.charCodeAt(i), 0x01000193)
  return (hash >>> 0).toString(16)
}

/**
 * Which bundle file an entry is for, and for which kind of run, whatever the file's content: a file of another
 * installation is another file. An entry holds the functions its first run compiled, so a run of another kind (help
 * rather than a command) would find much of what it needs missing and compile it on every start (2.5-3.5 ms of
 * @oclif/core each way): each kind keeps its own.
 */
export function entryOf(bundleDir: string, filename: string, workload: string): string {
  return `${folderTag(bundleDir)}.${path.relative(bundleDir, filename).split(path.sep).join('.')}.${workload}`
}

/** What identifies one writing of a file: its inode and the time the system last changed it (stat's ctime). */
export interface Written {
  ino: bigint
  ctimeNs: bigint
}

/**
 * The entry's name: the file it is for, then which writing of it. V8 checks only that the source has the length it
 * was compiled from, so a name, size and modification time would hand one file's code to another (two one-line files
 * of the same length in the command tree did exactly that), or an upgrade's code to the release before it (npm gives
 * every file it installs the same modification time). The change time cannot be set that way: the system sets it on
 * every write, rename or install, so a file whose inode and change time are unchanged has the content the entry was
 * compiled from (a kernel without fine-grained timestamps moves it once per tick: a file would have to be written
 * twice, at the same length, within milliseconds, and run between the two). Hashing the content instead, as Node 22
 * does, loaded node:zlib and cost 3 ms of every start.
 */
export function cacheFileName(bundleDir: string, filename: string, workload: string, content: string, written: Written): string {
  return `${entryOf(bundleDir, filename, workload)}.${written.ino}-${written.ctimeNs}-${content.length}`
}

/** After an upgrade or a rebuild, the entries for the same files' earlier contents: never read again. */
function removeEarlierContents(cacheDir: string, bundleDir: string, workload: string, written: {filename: string; file: string}[]): void {
  try {
    const names = readdirSync(cacheDir)
    for (const {filename, file} of written) {
      const entry = `${entryOf(bundleDir, filename, workload)}.`
      const current = path.basename(file)
      for (const name of names)
        if (name !== current && name.startsWith(entry) && /^\d+-\d+-\d+$/.test(name.slice(entry.length)))
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
 * Compiles the CommonJS files under bundleDir through V8's code cache in cacheDir, in the entries of this kind of run
 * (workload, see entryOf). Anything else compiles as Node would. An import() inside those files fails on Node 20 once
 * they come from the cache (the script's import callback is not kept with it), so the bundle turns its imports of
 * Node's modules into requires and sends its computed ones to dynamicImport below.
 */
export function enableCompileCache(bundleDir: string, workload: string, cacheDir = compileCacheDir()): void {
  if (process.env[DISABLE] || cacheDir === undefined || !trustedCacheDir(cacheDir)) return
  const cjs = Module as unknown as CompilingModule
  const nodeCompile = cjs.prototype._compile
  const toWrite: {filename: string; file: string; script: vm.Script}[] = []
  cjs.prototype._compile = function (this: Module, content: string, filename: string) {
    if (!filename.startsWith(bundleDir)) return nodeCompile.call(this, content, filename)
    const file = path.join(cacheDir, cacheFileName(bundleDir, filename, workload, content, statSync(filename, {bigint: true})))
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
    removeEarlierContents(cacheDir, bundleDir, workload, toWrite)
  })
}

/** import() for the cached files (scripts/bundle-cli.js routes their computed imports here): this file is never cached. */
export const dynamicImport = (specifier: string): Promise<unknown> => import(specifier)
