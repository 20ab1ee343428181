// A plain clone is enough to build, test and bench cgx: no code under src/, test/, bench/ or scripts/ names a path
// outside the repository (a directory beside the checkout, an absolute path on one machine, or more `..` steps
// than lead back to the repository root). Data the tests need is copied in, as test/fixtures/capi is.
import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const SCANNED = ['src', 'test', 'bench', 'scripts']
const CODE = /\.(ts|mts|cts|js|mjs|cjs|json|sh)$/
/** Generated or installed output, never read by the code in the repository. */
const SKIPPED = new Set(['node_modules', 'bench/out'])

const Q = `['"\`]`
/** Rules on one line of a file; `depth` is how many directories the file's own directory is below the root. */
const RULES: Array<{why: string; test: (line: string, depth: number) => boolean}> = [
  {why: 'names a directory beside the repository (shared data must be copied in)', test: (line) => /\.\.[\\/]+shared\b/.test(line)},
  {why: 'names the CAPI reference data outside the repository (use test/fixtures/capi)', test: (line) => /\bshared[\\/]capi\b/.test(line)},
  {why: 'names an absolute path on the workstation', test: (line) => new RegExp(`(${Q}|\\(|file://)/work(/|${Q})`).test(line)},
  {
    why: 'climbs above a repository-root variable',
    test: (line) => new RegExp(`\\b\\w*root\\w*\\s*,\\s*${Q}\\.\\.(/|${Q})`, 'i').test(line),
  },
  {why: 'has more .. steps than lead back to the repository root', test: (line, depth) => maxParentSteps(line) > depth},
]

/** The most `..` steps one path on the line takes: a literal starting '../../x', or arguments '..', '..', '..'. */
function maxParentSteps(line: string): number {
  let most = 0
  for (const match of line.matchAll(new RegExp(`${Q}((?:\\.\\./)*\\.\\.)(?=/|${Q})`, 'g'))) {
    most = Math.max(most, match[1].split('/').length)
  }
  for (const match of line.matchAll(new RegExp(`(?:${Q}\\.\\.${Q}\\s*,\\s*)*${Q}\\.\\.${Q}`, 'g'))) {
    most = Math.max(most, match[0].split(',').length)
  }
  return most
}

/** A whole-line comment: it may say where something came from, it reads nothing. */
function isComment(file: string, line: string): boolean {
  const start = line.trimStart()
  return /^(\/\/|\/\*|\*)/.test(start) || (file.endsWith('.sh') && start.startsWith('#'))
}

/** Every line of `text` that points outside the repository, as `file:line: why`. */
function outsideReads(file: string, text: string): string[] {
  const depth = path.posix
    .dirname(file)
    .split('/')
    .filter((part) => part !== '.').length
  const found: string[] = []
  text.split('\n').forEach((line, index) => {
    if (isComment(file, line)) return
    for (const rule of RULES) if (rule.test(line, depth)) found.push(`${file}:${index + 1}: ${rule.why}: ${line.trim()}`)
  })
  return found
}

function codeFiles(): string[] {
  const files: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(repoRoot, dir), {withFileTypes: true})) {
      const rel = `${dir}/${entry.name}`
      if (SKIPPED.has(entry.name) || SKIPPED.has(rel)) continue
      if (entry.isDirectory()) walk(rel)
      else if (entry.isFile() && CODE.test(entry.name)) files.push(rel)
    }
  }
  for (const dir of SCANNED) walk(dir)
  return files
}

describe('the repository is self-contained', function () {
  it('no file under src/, test/, bench/ or scripts/ reads outside the repository', function () {
    const files = codeFiles()
    assert.ok(files.length > 100, `expected the whole tree to be scanned, found ${files.length} files`)
    assert.ok(files.includes('test/integration/sim/fidelity.test.ts'))
    const found = files.flatMap((file) => outsideReads(file, readFileSync(path.join(repoRoot, file), 'utf8')))
    assert.deepEqual(found, [])
  })

  it('the test/fixtures/capi payloads the simulator tests read are in the repository', function () {
    const dir = path.join(repoRoot, 'test/fixtures/capi')
    const names = readdirSync(dir)
    for (const name of ['organization.json', 'job_processing.json', 'uaa_token_response.json', 'README.md']) {
      assert.ok(names.includes(name), `test/fixtures/capi/${name} missing`)
    }
  })

  describe('the check itself', function () {
    // Built from pieces so that this file does not contain the paths it looks for.
    const dots = '.' + '.'
    const quoted = (s: string) => `'${s}'`
    const flagged = (file: string, line: string) => outsideReads(file, line).length > 0

    it('flags a sibling directory of the checkout, however it is reached', function () {
      assert.ok(
        flagged('test/integration/sim/x.test.ts', `path.resolve(repoRoot, ${quoted([dots, 'shared', 'capi', 'resources'].join('/'))})`),
      )
      assert.ok(flagged('test/x.test.ts', `readFileSync(${quoted(['', 'tmp', 'shared', 'capi', 'errors.json'].join('/'))})`))
      assert.ok(flagged('bench/run.ts', `const data = path.join(root, ${quoted(dots)}, ${quoted('data')})`))
    })

    it('flags absolute workstation paths', function () {
      assert.ok(flagged('src/x.ts', `readFileSync(${quoted(['', 'work', 'main', 'package.json'].join('/'))})`))
      assert.ok(flagged('src/x.ts', `new URL(${quoted('file://' + ['', 'work', 'x'].join('/'))})`))
    })

    it('flags more .. steps than the file is deep, as one literal or as separate arguments', function () {
      const steps = (n: number) => Array(n).fill(dots)
      assert.ok(flagged('test/unit/x.test.ts', `new URL(${quoted(steps(3).join('/') + '/x')}, import.meta.url)`))
      assert.ok(flagged('test/unit/x.test.ts', `path.join(here, ${steps(3).map(quoted).join(', ')})`))
      assert.ok(!flagged('test/unit/x.test.ts', `path.join(here, ${steps(2).map(quoted).join(', ')}, 'src')`))
      assert.ok(!flagged('test/integration/sim/x.test.ts', `new URL(${quoted(steps(3).join('/'))}, import.meta.url)`))
      assert.ok(!flagged('bench/run.ts', `new URL(${quoted(dots)}, import.meta.url)`))
    })

    it('leaves comments, paths inside URLs and paths inside the repository alone', function () {
      assert.ok(!flagged('src/x.ts', `// copied from ${[dots, 'shared', 'capi'].join('/')}`))
      assert.ok(!flagged('test/unit/x.test.ts', `match(${quoted('https://app.example.com/admin/' + dots + '/public')})`))
      assert.ok(!flagged('test/unit/x.test.ts', `assert.match(message, /apps run on shared/)`))
      assert.ok(!flagged('test/unit/x.test.ts', `path.join(root, 'test/fixtures/capi')`))
    })
  })
})
