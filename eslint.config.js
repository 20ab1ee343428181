// Lint rules, including the import boundaries between the layers of DESIGN.md.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const layers = ['commands', 'cli', 'render', 'ops', 'cf', 'domain', 'route-service', 'sim']
const uiLibraries = ['@oclif/*', 'chalk']
const topicFolders = ['commands', 'ops', 'render']

/** Forbid a layer from importing the named sibling layers and packages (type-only imports may be allowed). */
function boundary(layer, {layersOff = [], packagesOff = [], allowTypeImports = false}) {
  const patterns = [
    ...layersOff.map((other) => ({
      // Topic folders inside other layers may share a layer's name (src/ops/route-service): those are not the layer.
      regex: `(?:^|(?<!(?:${topicFolders.join('|')}))/)${other}(?:/|$)`,
      message: `src/${layer} must not import src/${other} (see DESIGN.md "Layers").`,
      allowTypeImports,
    })),
    ...(packagesOff.length > 0 ? [{group: packagesOff, message: `src/${layer} must not import ${packagesOff.join(', ')}.`}] : []),
  ]
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {'@typescript-eslint/no-restricted-imports': ['error', {patterns}]},
  }
}

const others = (...keep) => layers.filter((l) => !keep.includes(l))

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'oclif.manifest.json', 'bench/out/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'max-lines': ['warn', {max: 400, skipBlankLines: true, skipComments: true}],
    },
  },
  boundary('commands', {
    layersOff: ['cf', 'sim', 'route-service', 'domain'],
    packagesOff: ['axios', 'node:http', 'undici'],
    allowTypeImports: true,
  }),
  boundary('cli', {layersOff: ['commands', 'sim'], packagesOff: ['axios', 'undici']}),
  boundary('render', {layersOff: others('render', 'domain'), packagesOff: [...uiLibraries, 'axios', 'node:*'], allowTypeImports: true}),
  boundary('ops', {layersOff: ['commands', 'cli', 'render'], packagesOff: [...uiLibraries, 'axios']}),
  boundary('cf', {layersOff: others('cf'), packagesOff: uiLibraries}),
  boundary('domain', {
    layersOff: others('domain'),
    packagesOff: [...uiLibraries, 'axios', 'undici', 'node:http', 'node:https', 'node:fs', 'node:fs/promises', 'node:child_process'],
  }),
  boundary('route-service', {layersOff: others('route-service', 'domain'), packagesOff: [...uiLibraries, 'axios']}),
  boundary('sim', {layersOff: others('sim'), packagesOff: [...uiLibraries, 'axios'], allowTypeImports: true}),
  {
    // bin/package.json makes bin/run.js CommonJS (its start-up is measured in bench/results.md).
    files: ['bin/run.js'],
    languageOptions: {sourceType: 'commonjs', globals: {require: 'readonly', __dirname: 'readonly'}},
    rules: {'@typescript-eslint/no-require-imports': 'off'},
  },
  {
    files: ['test/**/*.ts'],
    rules: {'@typescript-eslint/no-unused-expressions': 'off', 'max-lines': 'off'},
  },
)
