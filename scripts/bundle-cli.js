// Bundles the CLI into dist/cgx/ so that a command loads a few files instead of ~350 (oclif, axios, yaml and ours):
//   index.js     src/index.ts, the package's `main`: @oclif/core's execute(), what bin/run.js starts;
//   commands.js  every command class by id: oclif's "explicit" command discovery (package.json oclif.commands);
//   chunk-*.js   code shared by both, and what the code imports with `import()` at the point of use (the CF client,
//                YAML, the simulator), loaded only by the commands that reach it.
// The command index is generated here from the files in src/commands, so a new command file is a new command.
// Usage: node scripts/bundle-cli.js
import {readFile} from 'node:fs/promises'
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const commandsDir = path.join(root, 'src/commands')
export const outDir = path.join(root, 'dist/cgx')

// Some CommonJS dependencies call require() for node built-ins; inside ES modules that needs a real require.
const BANNER = [
  "import {createRequire as __cgxCreateRequire} from 'node:module'",
  'const require = __cgxCreateRequire(import.meta.url)',
].join('\n')

/** src/commands/segment/status.ts → 'segment:status' (oclif's ids for a commands directory: index.ts names its topic). */
export function commandFiles(dir = commandsDir) {
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !/\.(d|test)\.ts$/.test(entry.name))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
    .map((file) => ({file, id: file.replace(/\.ts$/, '').split(path.sep).filter((part) => part !== 'index').join(':')}))
}

function commandIndex() {
  const files = commandFiles()
  return [
    ...files.map(({file}, i) => `import C${i} from ${JSON.stringify(`./${path.posix.join('src/commands', ...file.split(path.sep))}`)}`),
    `export const COMMANDS = {${files.map(({id}, i) => `${JSON.stringify(id)}: C${i}`).join(', ')}}`,
  ].join('\n')
}

/** Generated modules; the package's entry is src/index.ts. */
const GENERATED = {commands: commandIndex}

/** Generated entries resolve their imports from the package root. */
const generated = {
  name: 'cgx-entries',
  setup(b) {
    b.onResolve({filter: /^cgx-entry:/}, (args) => ({path: args.path.slice('cgx-entry:'.length), namespace: 'cgx-entry'}))
    b.onLoad({filter: /.*/, namespace: 'cgx-entry'}, (args) => {
      return {contents: GENERATED[args.path](), resolveDir: root, loader: 'ts'}
    })
  },
}

/**
 * Our modules find files next to themselves with `new URL(relative, import.meta.url)` (the package.json, the
 * examples, the route-service bundle), written for tsc's layout where src/x/y.ts runs as dist/x/y.js. In the bundle
 * each such module gets that URL back, so the relative paths keep pointing where they did.
 */
const importMetaUrlAsCompiled = {
  name: 'import-meta-url-as-compiled',
  setup(b) {
    b.onLoad({filter: /[/\\]src[/\\].*\.ts$/}, async (args) => {
      const source = await readFile(args.path, 'utf8')
      if (!source.includes('import.meta.url')) return undefined
      const compiled = path.join(root, 'dist', path.relative(path.join(root, 'src'), args.path)).replace(/\.ts$/, '.js')
      const relative = path.relative(outDir, compiled).split(path.sep).join('/')
      return {contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'ts'}
    })
  },
}

export async function bundleCli() {
  const result = await build({
    metafile: Boolean(process.env.CGX_BUNDLE_META),
    entryPoints: {index: path.join(root, 'src/index.ts'), commands: 'cgx-entry:commands'},
    outdir: outDir,
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'linked',
    legalComments: 'inline',
    banner: {js: BANNER},
    // oclif reads tsconfig.json with TypeScript only when run from sources (bin/dev.js), never from the bundle.
    external: ['typescript'],
    plugins: [generated, importMetaUrlAsCompiled],
    logLevel: 'warning',
  })
  if (result.metafile) (await import('node:fs')).writeFileSync(process.env.CGX_BUNDLE_META, JSON.stringify(result.metafile))
  return outDir
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`CLI bundled: ${path.relative(process.cwd(), await bundleCli())}`)
}
