// The proxy's contract has one home, src/route-service/contract.ts: no other source spells an environment variable
// it names, and ops reach the proxy's code through src/route-service/index.ts only.
import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import * as contract from '../../../src/route-service/contract.js'

const src = fileURLToPath(new URL('../../../src', import.meta.url))
const contractFile = path.join(src, 'route-service', 'contract.ts')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

/** Code lines: comments may name a variable, they read none. */
function codeLines(file: string): {line: string; at: string}[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({line, at: `${path.relative(src, file)}:${i + 1}`}))
    .filter(({line}) => !/^\s*(\/\/|\/\*|\*)/.test(line))
}

const variables = Object.entries(contract)
  .filter(([name]) => name.endsWith('_VAR'))
  .map(([, value]) => value as string)

/** PORT is also a word of help text (`--port PORT`): only reading it from an environment spells the variable. */
function spelling(variable: string): RegExp {
  return variable.startsWith('CGX_') ? new RegExp(`\\b${variable}\\b`) : new RegExp(`(env\\.|env\\[['"]|env: ['"])${variable}\\b`)
}

describe('the route service contract', () => {
  it('names the variables the proxy reads', () => {
    assert.deepEqual([...variables].sort(), [
      'CGX_ALLOWLIST',
      'CGX_ALLOW_WHOLE_SPACE',
      'CGX_CALIBRATE',
      'CGX_INSTANCE_HEADER',
      'CGX_NGINX_CA_FILE',
      'CGX_NGINX_POLICY',
      'PORT',
    ])
  })

  it('is the only source that spells them', () => {
    const lines = sourceFiles(src)
      .filter((file) => file !== contractFile)
      .flatMap(codeLines)
    assert.ok(lines.length > 1000, 'the scan found the sources')
    const spelled = variables.flatMap((variable) =>
      lines.filter(({line}) => spelling(variable).test(line)).map(({at}) => `${at} ${variable}`),
    )
    assert.deepEqual(spelled, [])
  })

  it('is what ops import of the route service, through its index', () => {
    const ops = sourceFiles(path.join(src, 'ops'))
    const inner = ops.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\b(?:from|import)\s*\(?'(\.[^']+)'/g)]
        .map((m) => path.resolve(path.dirname(file), m[1]))
        .filter((target) => target.startsWith(path.join(src, 'route-service') + path.sep))
        .filter((target) => target !== path.join(src, 'route-service', 'index.js'))
        .map((target) => `${path.relative(src, file)} imports ${path.relative(src, target)}`),
    )
    assert.deepEqual(inner, [])
  })
})
