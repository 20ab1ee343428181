// Bundles the CLI into dist/cgx/ so that a command loads a handful of files instead of ~350 (oclif, axios, yaml, ours):
//   oclif.cjs                    @oclif/core, one copy for the whole CLI;
//   index.cjs                    src/index.ts, the package's `main`: what bin/run.js starts the CLI with;
//   launch.cjs                   src/cli/launch.ts: bin/run.js loads it first; it turns V8's code cache on for every
//                                other file here (src/cli/compile-cache.ts: CommonJS, as Node 20 caches only scripts);
//   vendor.<package>.cjs         axios, yaml, js-yaml: each big package a command reaches only lazily, required then;
//   command.<topic>.<name>.cjs   one per file in src/commands, holding only what that command imports; what it
//                                reaches only through `import()` (the CF client and axios, YAML) is evaluated when reached;
//   commands/<topic>/<name>.cjs  one line each, requiring its command: the tree oclif's command discovery reads
//                                (package.json oclif.commands); the manifest records each file, so running a command
//                                loads that command's file and no other.
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

// The bundles are CommonJS, where import.meta does not exist: each file's own URL stands in for it.
const BUNDLE_URL = '__cgxBundleUrl'
const BANNER = `const ${BUNDLE_URL} = require('node:url').pathToFileURL(__filename).href`

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

/** dist/cgx/commands/segment/status.cjs: `module.exports = require('../../command.segment.status.cjs')`. */
function writeCommandTree(commands) {
  for (const {name} of commands) {
    const file = path.join(outDir, 'commands', `${name}.cjs`)
    mkdirSync(path.dirname(file), {recursive: true})
    writeFileSync(file, `module.exports = require('${'../'.repeat(name.split('/').length)}${bundledName(name)}.cjs')\n`)
  }
}

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: outDir,
  outExtension: {'.js': '.cjs'},
  sourcemap: 'linked',
  legalComments: 'inline',
  banner: {js: BANNER},
  define: {'import.meta.url': BUNDLE_URL},
  // oclif reads tsconfig.json with TypeScript only when run from sources (bin/dev.mjs), never from the bundle.
  external: ['typescript'],
  logLevel: 'warning',
}

/**
 * Node 20 loses the import() callback of a script compiled from V8's code cache ("A dynamic import callback was not
 * specified"), so in oclif.cjs an import() of a computed path (oclif loading its ESM plugins, lilconfig) goes through
 * dynamicImport of launch.cjs, which is loaded before the cache is on and so never compiled from it. The
 * commands' own code imports only literal paths, which the bundler resolves.
 */
const COMPUTED_IMPORT = /(?<![\w$.])import\((?=\s*(?:\/\*[^*]*\*\/\s*)?[^\s'"`/)])/g
const importsOutsideTheCache = (source) => source.replaceAll(COMPUTED_IMPORT, "require('cgx:dynamic-import').dynamicImport(")
const dynamicImportFromLaunch = {
  name: 'dynamic-import-from-launch',
  setup(b) {
    b.onResolve({filter: /^cgx:dynamic-import$/}, () => ({path: './launch.cjs', external: true}))
  },
}

/**
 * oclif sorts each plugin's commands by id with localeCompare, and the first localeCompare of a process sets up ICU's
 * collator: 6 ms of every start, a quarter of a bare node's. Command ids are lower-case ASCII words, hyphens and colons
 * (oclif's own rules), which sort the same by code unit.
 */
const sortIdsWithoutCollator = {
  file: '@oclif/core/lib/config/plugin.js',
  line: '.sort((a, b) => a.id.localeCompare(b.id))',
  replacement: '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))',
}

/**
 * Loading axios loaded Node's own undici (fetch, FormData, Request: 20 ms, as much as a bare node start) before a
 * command's first request: its fetch adapter tests Request and Response when imported, and its utils look FormData up
 * once when imported. Node resolves those globals lazily, loading undici on first touch. cgx sends through axios's
 * http adapter only (it comes before fetch in axios's default order, and Node has no XMLHttpRequest), so:
 * - the fetch adapter is left out (axios would say "adapter fetch is not supported" if it were ever asked for);
 * - isFormData goes without the global constructor: a FormData instance, the global kind or the form-data package's,
 *   is still recognised by its tag (its own next test), so every answer stays the same.
 */
const axiosFetchAdapterLeftOut = {
  name: 'axios-fetch-adapter-left-out',
  setup(b) {
    b.onLoad({filter: /[/\\]node_modules[/\\]axios[/\\]lib[/\\]adapters[/\\]fetch\.js$/}, () => ({
      contents: 'export const getFetch = () => false\nexport default false\n',
      loader: 'js',
    }))
  },
}
const axiosFormDataByTag = {
  file: 'axios/lib/utils.js',
  line: "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;",
  replacement: 'const FormDataCtor = undefined;',
}

/**
 * Big third-party packages that most commands reach only through a lazy import (the CF client's axios, the YAML
 * parsers) go in files of their own, dist/cgx/vendor.<name>.cjs, required where the import is evaluated: a command
 * that never reaches them does not read, deserialise or keep them (`egress ranges`: 970 kB → 130 kB, 6.5 ms of its
 * start). One copy of each, as with @oclif/core, and no code of ours in them: no class exists twice.
 */
const VENDORS = ['axios', 'yaml', 'js-yaml']
const vendorEntry = (name) => `vendor.${name}`

const vendorsApart = {
  name: 'vendors-apart',
  setup(b) {
    b.onResolve({filter: new RegExp(`^(${VENDORS.join('|')})$`)}, (args) => ({path: `./${vendorEntry(args.path)}.cjs`, external: true}))
  },
}

/** A vendor file exports what the package does, its default included when it has one. */
async function vendorModule(name) {
  const hasDefault = 'default' in (await import(name))
  return `export * from '${name}'\n${hasDefault ? `export {default} from '${name}'\n` : ''}`
}

const virtualVendors = {
  name: 'virtual-vendors',
  setup(b) {
    b.onResolve({filter: /^cgx:vendor:/}, (args) => ({path: args.path.slice('cgx:vendor:'.length), namespace: 'cgx-vendor'}))
    b.onLoad({filter: /.*/, namespace: 'cgx-vendor'}, async (args) => ({
      contents: await vendorModule(args.path),
      resolveDir: root,
      loader: 'js',
    }))
  },
}

/**
 * oclif measures every word of the help it wraps with string-width 4, which first replaces emoji with a regular
 * expression of 10 kB: compiling it is 6 ms of `--help` (a third of what oclif does once loaded). A string of printable
 * ASCII alone has no emoji and is as wide as it is long, which the function's own loop would count, so that answer
 * comes first.
 */
const stringWidthAsciiFirst = {
  file: 'string-width/index.js',
  line: "\tstring = string.replace(emojiRegex(), '  ');",
  replacement: "\tif (/^[\\x20-\\x7e]*$/.test(string)) return string.length;\n\tstring = string.replace(emojiRegex(), '  ');",
}

/**
 * oclif's help passes every text it prints (summaries, descriptions, flag help, its own usage line) through ejs, which
 * compiles each into a function: 5 ms of `segment status --help`. A text without a tag (`<%`) comes out of ejs as it
 * went in, so it is printed as it is; one whose tags only print a property of the context (`<%= config.bin %>`, oclif's
 * `<%= command.id %>`) gets that property, escaped as ejs escapes it (PROPERTY_TEMPLATE, in oclif.cjs). Anything
 * else goes to ejs.
 */
const helpTemplatesWithoutEjs = {
  file: '@oclif/core/lib/help/util.js',
  line: '        return ejs_1.default.render(t, context);',
  replacement: "        return t.includes('<%') ? (__cgxPropertyTemplate(t, context) ?? ejs_1.default.render(t, context)) : t;",
}
const PROPERTY_TEMPLATE = `const __cgxEntities = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;'}
function __cgxPropertyTemplate(text, context) {
  let other = false
  const printed = text.replace(/<%([^%]*)%>/g, (tag, inside) => {
    const path = /^= ([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*) $/.exec(inside)?.[1].split('.')
    let value = path && Object.hasOwn(context, path[0]) ? context : undefined
    for (const key of path ?? []) value = value?.[key]
    other ||= value === undefined
    return String(value ?? '').replace(/[&<>"']/g, (c) => __cgxEntities[c])
  })
  return other || printed.includes('<%') ? undefined : printed
}`

/**
 * oclif checks at load that Node satisfies the `engines` of the package.json one folder above its own: in the bundle,
 * dist/package.json, which does not exist, so the check throws, is caught and says nothing, after loading semver (47
 * modules, 1.3 ms of every start).
 */
const noNodeVersionCheck = {
  file: '@oclif/core/lib/index.js',
  line: '\ncheckNodeVersion();\n',
  replacement: '\n',
}

/**
 * oclif asks wsl-utils whether this is WSL (is-wsl's answer, re-exported) on every start, and wsl-utils loads
 * child_process, fs/promises and the PowerShell helpers for its other functions: 1.8 ms. is-wsl gives the same answer.
 */
const isWslAlone = {
  file: '@oclif/core/lib/util/os.js',
  line: "return (await import('wsl-utils')).isWsl ? 'wsl'",
  replacement: "return (await import('is-wsl')).default ? 'wsl'",
}

/**
 * Each command run loaded oclif's Config twice: Command.run rebuilds the Config it is handed (all of Config.load again:
 * platform, shell, theme, every command's permutations, and the debug package for a logger it then throws away),
 * which since @oclif/core 4.8.4 it does even when the Config comes from the same oclif. Up to 4.8.3 it rebuilt one
 * only from another oclif (a plugin with its own copy), and handed back its own; the bundle has one oclif, so that
 * is what it does again (Shopify's CLI pins 4.8.3 for the same change).
 */
const configLoadedOnce = {
  file: '@oclif/core/lib/config/config.js',
  line: '        (0, logger_1.setLogger)(opts);',
  replacement: '        if (isConfig(opts) && opts._base === BASE) return opts;\n        (0, logger_1.setLogger)(opts);',
}

/** See AXIOS_LAZY_IMPORT: axios constructs this class (toFormData, its default env) and never uses it otherwise. */
const axiosFormDataWhenBuilt = {
  file: 'axios/lib/platform/node/classes/FormData.js',
  line: "import FormData from 'form-data';\n\nexport default FormData;",
  replacement: "export default function FormData(...args) {\n  return new (require('form-data'))(...args);\n}",
}
/** See AXIOS_LAZY_IMPORT: https-proxy-agent (with agent-base, debug and assert) is used only when a proxy is set. */
const axiosProxyAgentWhenProxied = [
  {
    file: 'axios/lib/adapters/http.js',
    line: "import HttpsProxyAgent from 'https-proxy-agent';",
    replacement: "const httpsProxyAgent = __cgxLazy(() => ({default: require('https-proxy-agent')}));",
    // Replaced everywhere below, or the build fails: a use left over would throw only behind a proxy.
    binding: 'HttpsProxyAgent',
  },
  {
    file: 'axios/lib/adapters/http.js',
    line: '  agent = new HttpsProxyAgent(merged);',
    replacement: '  agent = new httpsProxyAgent.default(merged);',
  },
  {
    file: 'axios/lib/adapters/http.js',
    line: '      if (!(configHttpsAgent instanceof HttpsProxyAgent)) {',
    replacement: '      if (!(configHttpsAgent instanceof httpsProxyAgent.default)) {',
  },
]
const axiosRedirectsWhenFollowed = [
  {file: 'axios/lib/adapters/http.js', line: 'const { http: httpFollow, https: httpsFollow } = followRedirects;', replacement: ''},
  {
    file: 'axios/lib/adapters/http.js',
    line: 'transport = isHttpsRequest ? httpsFollow : httpFollow;',
    replacement: 'transport = isHttpsRequest ? followRedirects.https : followRedirects.http;',
  },
]

/**
 * oclif reads its manifest, checks its command folders and looks for a theme with fs/promises: on the way to a
 * command, four trips through libuv's thread pool, which each start waits for (the pool's threads are started by
 * the first): from oclif loaded to the command's file 9.8 → 3.8 ms (performance.now() marks, 4 runs each). A CLI's few small
 * local files are read synchronously, as Node's module loader reads them; the answers and errors are the same.
 */
const oclifFilesReadSynchronously = [
  {
    file: '@oclif/core/lib/util/fs.js',
    line: "    const contents = await (0, promises_1.readFile)(path, 'utf8');",
    replacement: "    const contents = (0, node_fs_1.readFileSync)(path, 'utf8');",
  },
  ...['dirStat', 'fileStat'].map((name) => ({
    file: '@oclif/core/lib/util/fs.js',
    line: `        ${name} = await (0, promises_1.stat)(input);`,
    replacement: `        ${name} = (0, node_fs_1.statSync)(input);`,
  })),
]

/** Every edit above, each failing the build if its line is gone from a new release of the dependency. */
const LINE_EDITS = [
  sortIdsWithoutCollator,
  axiosFormDataByTag,
  stringWidthAsciiFirst,
  helpTemplatesWithoutEjs,
  noNodeVersionCheck,
  isWslAlone,
  configLoadedOnce,
  ...oclifFilesReadSynchronously,
  axiosFormDataWhenBuilt,
  ...axiosRedirectsWhenFollowed,
  ...axiosProxyAgentWhenProxied,
]

/** A module required on first use of one of its members: what the lazy loading below puts in place of an import. */
const LAZY_MODULE = `function __cgxLazy(load) {
  let loaded
  const module = () => (loaded ??= load())
  return new Proxy({}, {get: (_, key) => module()[key], set: (_, key, value) => ((module()[key] = value), true)})
}`
const LAZY_EXPORT = `function __cgxLazyExport(exports, name, load) {
  let loaded
  Object.defineProperty(exports, name, {enumerable: true, configurable: true, get: () => (loaded ??= load())})
}`

/** Whether a file uses a binding only for its members (`x_1.name`) once its declaration and line comments are taken out. */
const usedOnlyForMembers = (source, declaration, name) =>
  !new RegExp(`(?<![\\w$.])${name.replaceAll('$', '\\$')}(?![\\w$.])`).test(source.replace(declaration, '').replace(/^\s*\/\/.*$/gm, ''))

/**
 * @oclif/core requires all of itself when loaded: a command run initialised 158 modules (help, ejs, semver, the
 * spinners, globbing, readline, child_process…) of which it uses about 45. Its files are TypeScript's CommonJS output,
 * where a module reached through `const x_1 = require("y")` is only ever used as `x_1.name`: such a binding becomes a
 * proxy that requires on first use, as does each namespace the index exports (`exports.Flags = …`). A binding used any
 * other way (called, passed along) stays as it was. Loading oclif.cjs: 15 → 7 ms.
 */
const TOP_LEVEL_REQUIRE = /^(?:const|var|let) ([\w$]+) = ((?:__importDefault|__importStar)\()?require\(("[^"]+")\)\)?;$/gm
const NAMESPACE_EXPORT = /^exports\.([\w$]+) = (__importStar\(require\("[^"]+"\)\));$/gm

function lazyRequires(source) {
  return lazyBindings(
    source,
    TOP_LEVEL_REQUIRE,
    (name, wrap, id) => `const ${name} = __cgxLazy(() => ${wrap ?? ''}require(${id})${wrap ? ')' : ''});`,
  ).replace(NAMESPACE_EXPORT, (line, name, load) => `__cgxLazyExport(exports, "${name}", () => ${load});`)
}

/** Each declaration `pattern` finds (its first group the binding) becomes `lazy(...groups)` where the file uses the binding only for its members. */
function lazyBindings(source, pattern, lazy) {
  return source.replace(pattern, (line, name, ...groups) => (usedOnlyForMembers(source, line, name) ? lazy(name, ...groups) : line))
}

/**
 * axios loads on import all it might need for any request: form-data (with mime-db, 200 kB of JSON, and a dozen
 * ECMAScript shims), follow-redirects, http2, crypto. cgx sends JSON, forms and spec FormData (which axios streams
 * itself) over HTTP/1.1 with redirects off, and loading axios took 15 ms, half a bare node start. axios's default
 * imports of those modules, where used only for their members, become proxies that require on first use; the
 * form-data class, which axios only ever constructs, is loaded when first constructed (axiosFormDataWhenBuilt), and
 * follow-redirects when axios first follows a redirect (axiosRedirectsWhenFollowed), https-proxy-agent when a proxy is
 * set (axiosProxyAgentWhenProxied). Loading axios: 15 → 7 ms (medians of 7 alternating runs).
 */
const AXIOS_LAZY_IMPORT = /^import ([\w$]+) from '(form-data|follow-redirects|http2|crypto)';$/gm

function lazyImports(source) {
  return lazyBindings(source, AXIOS_LAZY_IMPORT, (name, id) => `const ${name} = __cgxLazy(() => require('${id}'));`)
}

/** One loader for every dependency file the bundle changes, since esbuild takes the first onLoad that answers. */
const dependencyEdits = {
  name: 'dependency-edits',
  setup(b) {
    b.onLoad({filter: /[/\\]node_modules[/\\].*\.c?js$/}, (args) => {
      const file = args.path.split(path.sep).join('/')
      const edits = LINE_EDITS.filter((edit) => file.endsWith(`/node_modules/${edit.file}`))
      const core = file.includes('/node_modules/@oclif/core/lib/')
      const axios = file.includes('/node_modules/axios/lib/')
      const computedImports = core || file.includes('/node_modules/lilconfig/')
      if (edits.length === 0 && !computedImports && !axios) return undefined
      let source = readFileSync(args.path, 'utf8')
      for (const edit of edits) {
        if (!source.includes(edit.line)) return {errors: [{text: `${edit.file}: "${edit.line.trim()}" not found (scripts/bundle-cli.js)`}]}
        source = source.replace(edit.line, edit.replacement)
      }
      for (const {binding} of edits.filter((edit) => edit.binding))
        if (!usedOnlyForMembers(source, '', binding))
          return {errors: [{text: `${file}: ${binding} is used where the edits that replace it do not reach`}]}
      if (axios) source = lazyImports(source)
      source = importsOutsideTheCache(source)
      return {contents: core ? lazyRequires(source) : source, loader: 'js'}
    })
  },
}

/** Everything else imports the one copy of @oclif/core: dist/cgx/oclif.cjs. */
const sharedCore = {
  name: 'shared-core',
  setup(b) {
    b.onResolve({filter: /^@oclif\/core(\/|$)/}, (args) => {
      if (args.path === '@oclif/core') return {path: './oclif.cjs', external: true}
      return {errors: [{text: `import '@oclif/core' rather than '${args.path}': the CLI shares dist/cgx/oclif.cjs`}]}
    })
  },
}

const virtualCore = {
  name: 'virtual-core',
  setup(b) {
    b.onResolve({filter: /^cgx:oclif$/}, () => ({path: 'oclif', namespace: 'cgx'}))
    b.onLoad({filter: /.*/, namespace: 'cgx'}, () => ({
      contents: "module.exports = require('@oclif/core')",
      resolveDir: root,
      loader: 'js',
    }))
  },
}

/**
 * Four builds: the vendor packages, each on its own; @oclif/core; launch.cjs; then the entry and each command on its
 * own, without code splitting (esbuild splits only ES modules, and V8 caches only scripts), so that each file holds
 * only what its command uses. Code a command reaches only through `import()` sits in its file unevaluated until the
 * import runs; with the code cache, V8 does not even parse it again.
 */
async function bundleCli({metafile} = {}) {
  rmSync(outDir, {recursive: true, force: true})
  const commands = commandFiles()
  const vendors = await build({
    ...COMMON,
    metafile: true,
    banner: {js: `${BANNER}\n${LAZY_MODULE}`},
    plugins: [virtualVendors, axiosFetchAdapterLeftOut, dependencyEdits],
    entryPoints: Object.fromEntries(VENDORS.map((name) => [vendorEntry(name), `cgx:vendor:${name}`])),
  })
  const core = await build({
    ...COMMON,
    banner: {js: `${BANNER}\n${LAZY_MODULE}\n${LAZY_EXPORT}\n${PROPERTY_TEMPLATE}`},
    metafile: true,
    plugins: [virtualCore, dynamicImportFromLaunch, dependencyEdits],
    entryPoints: {oclif: 'cgx:oclif'},
  })
  // launch.cjs keeps its import(): it is never compiled from the cache, and oclif's ESM plugins come through it.
  const launch = await build({
    ...COMMON,
    metafile: true,
    plugins: [sharedCore],
    entryPoints: {launch: path.join(src, 'cli/launch.ts')},
  })
  const cli = await build({
    ...COMMON,
    // An import() left in our code (of a Node module: the bundler resolves the rest) becomes a require, since Node 20
    // cannot run import() in a script compiled from the code cache (above).
    supported: {'dynamic-import': false},
    metafile: true,
    plugins: [sharedCore, vendorsApart, importMetaUrlAsCompiled, ourModulesHaveNoSideEffects],
    entryPoints: {
      index: path.join(src, 'index.ts'),
      ...Object.fromEntries(commands.map(({file, name}) => [bundledName(name), path.join(commandsDir, file)])),
    },
  })
  writeCommandTree(commands)
  if (metafile !== undefined) {
    writeFileSync(
      metafile,
      JSON.stringify({
        inputs: Object.assign({}, ...[vendors, core, launch, cli].map((b) => b.metafile.inputs)),
        outputs: Object.assign({}, ...[vendors, core, launch, cli].map((b) => b.metafile.outputs)),
      }),
    )
  }
  return outDir
}

const {values} = parseArgs({options: {metafile: {type: 'string'}}})
console.log(`CLI bundled: ${path.relative(process.cwd(), await bundleCli(values))}`)
