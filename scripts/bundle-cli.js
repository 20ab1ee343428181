// Bundles the CLI into dist/cgx/ so that a command loads a handful of files instead of ~350 (oclif, axios, yaml, ours):
//   index.js, chunk-*.js        src/index.ts, the package's `main`: the part of @oclif/core that starts a CLI (what
//                               bin/run.js imports; --version and --help need nothing more);
//   core.js                     the rest of @oclif/core, for the commands (Command, Flags, Args);
//   command.<topic>.<name>.js   one per file in src/commands, holding only what that command imports; what it
//                               reaches only through `import()` (the CF client and axios, YAML) is evaluated when reached;
//   commands/<topic>/<name>.js  one line each, re-exporting its command: the tree oclif's command discovery reads
//                               (package.json oclif.commands); the manifest records each file, so running a command
//                               loads that command's file and no other.
// Every file in src/commands becomes a command here, so a new command file needs nothing else.
// Usage: node scripts/bundle-cli.js [--metafile FILE]   (FILE: esbuild's account of which input went where, to
// find what a command loads, e.g. with https://esbuild.github.io/analyze/)
import {mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

import {build} from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const src = path.join(root, 'src')
const commandsDir = path.join(src, 'commands')
const outDir = path.join(root, 'dist/cgx')

// Some CommonJS dependencies call require() for node built-ins; inside ES modules that needs a real require.
const BANNER = [
  "import {createRequire as __cgxCreateRequire} from 'node:module'",
  'const require = __cgxCreateRequire(import.meta.url)',
].join('\n')

/** The command files: each one's path below src/commands ('segment/status.ts') and name ('segment/status'). */
function commandFiles() {
  return readdirSync(commandsDir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !/\.(d|test)\.ts$/.test(entry.name))
    .map((entry) => path.relative(commandsDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
    .map((file) => ({file, name: file.replace(/\.ts$/, '')}))
}

/**
 * Our modules find files next to themselves with `new URL(relative, import.meta.url)` (the package.json, the
 * examples, the route-service bundle), written for tsc's layout where src/x/y.ts runs as dist/x/y.js. Every output
 * file sits directly in dist/cgx, so each such module gets that URL back and its relative paths point where they did.
 */
const importMetaUrlAsCompiled = {
  name: 'import-meta-url-as-compiled',
  setup(b) {
    b.onLoad({filter: /[/\\]src[/\\].*\.ts$/}, (args) => {
      const source = readFileSync(args.path, 'utf8')
      const unmapped = source.match(/import\.meta\.(dirname|filename)/)
      if (unmapped) return {errors: [{text: `${unmapped[0]} would name dist/cgx in the bundle: use new URL(relative, import.meta.url)`}]}
      if (!source.includes('import.meta.url')) return undefined
      const compiled = path.join(root, 'dist', path.relative(src, args.path)).replace(/\.ts$/, '.js')
      const relative = path.relative(outDir, compiled).split(path.sep).join('/')
      return {contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'ts'}
    })
  },
}

/** Modules with `export * from`: esbuild can skip initialising what such a module re-exports when it is marked side-effect free (evanw/esbuild#1490). */
const reExportsAll = (file) => /^export \* from /m.test(readFileSync(file, 'utf8'))

/**
 * Our modules run nothing when imported (no module imports another only for its effects), so a module whose exports
 * a command does not use is left out of that command's file: importing one error class through the src/cf barrel
 * does not bring axios along. Barrels that re-export everything are left as they are (see reExportsAll); what they
 * re-export by name is still dropped when unused.
 */
const ourModulesHaveNoSideEffects = {
  name: 'our-modules-have-no-side-effects',
  setup(b) {
    b.onResolve({filter: /^\.\.?\//}, async (args) => {
      if (args.pluginData === 'resolving' || !args.importer.startsWith(src)) return undefined
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      })
      return resolved.path.startsWith(src) && !reExportsAll(resolved.path) ? {...resolved, sideEffects: false} : resolved
    })
  },
}

const bundledName = (name) => `command.${name.replaceAll('/', '.')}`

/** dist/cgx/commands/segment/status.js: `export {default} from '../../command.segment.status.js'`. */
function writeCommandTree(commands) {
  for (const {name} of commands) {
    const file = path.join(outDir, 'commands', `${name}.js`)
    mkdirSync(path.dirname(file), {recursive: true})
    writeFileSync(file, `export {default} from '${'../'.repeat(name.split('/').length)}${bundledName(name)}.js'\n`)
  }
}

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outdir: outDir,
  sourcemap: 'linked',
  legalComments: 'inline',
  banner: {js: BANNER},
  // oclif reads tsconfig.json with TypeScript only when run from sources (bin/dev.js), never from the bundle.
  external: ['typescript'],
  logLevel: 'warning',
}

/** What our code may import from '@oclif/core': all of it, named (esbuild re-exports a CommonJS module by name). */
async function coreModule() {
  const names = Object.keys(await import('@oclif/core')).filter((name) => name !== 'default' && name !== '__esModule')
  return `export {${names.join(', ')}} from '@oclif/core'`
}

/** Commands import the one copy of @oclif/core that index.js starts: dist/cgx/core.js. */
const sharedCore = {
  name: 'shared-core',
  setup(b) {
    b.onResolve({filter: /^@oclif\/core(\/|$)/}, (args) => {
      if (args.path === '@oclif/core') return {path: './core.js', external: true}
      return {errors: [{text: `import '@oclif/core' rather than '${args.path}': commands share dist/cgx/core.js`}]}
    })
  },
}

const virtualCore = {
  name: 'virtual-core',
  setup(b) {
    b.onResolve({filter: /^cgx:core$/}, () => ({path: 'core', namespace: 'cgx'}))
    b.onLoad({filter: /.*/, namespace: 'cgx'}, async () => ({contents: await coreModule(), resolveDir: root, loader: 'js'}))
  },
}

/**
 * Two builds. The first: @oclif/core, split between what starts the CLI (index.js: --version and --help need no
 * more) and the rest (core.js, loaded with a command). The second: each command on its own, without code splitting,
 * so that each file holds only what its command uses (esbuild's splitting gives chunks by file, and a module that
 * imports one name from a barrel such as src/cf/index.ts would bring every module behind it, axios included).
 * Code a command reaches only through `import()` sits in its file unevaluated until the import runs.
 */
async function bundleCli({metafile} = {}) {
  rmSync(outDir, {recursive: true, force: true})
  const commands = commandFiles()
  const core = await build({
    ...COMMON,
    metafile: true,
    splitting: true,
    plugins: [virtualCore],
    entryPoints: {index: path.join(src, 'index.ts'), core: 'cgx:core'},
  })
  const cli = await build({
    ...COMMON,
    metafile: true,
    plugins: [sharedCore, importMetaUrlAsCompiled, ourModulesHaveNoSideEffects],
    entryPoints: Object.fromEntries(commands.map(({file, name}) => [bundledName(name), path.join(commandsDir, file)])),
  })
  writeCommandTree(commands)
  if (metafile !== undefined) {
    writeFileSync(
      metafile,
      JSON.stringify({
        inputs: {...core.metafile.inputs, ...cli.metafile.inputs},
        outputs: {...core.metafile.outputs, ...cli.metafile.outputs},
      }),
    )
  }
  return outDir
}

const {values} = parseArgs({options: {metafile: {type: 'string'}}})
console.log(`CLI bundled: ${path.relative(process.cwd(), await bundleCli(values))}`)
