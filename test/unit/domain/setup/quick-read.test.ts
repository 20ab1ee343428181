import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'

import {readQuickly} from '../../../../src/domain/setup/quick-read.js'
import {readYamlDocument} from '../../../../src/domain/setup/yaml-document.js'

const example = readFileSync(new URL('../../../../examples/setup.yml', import.meta.url), 'utf8')

describe('domain/setup: the quick reading and the exact one', () => {
  it('read the same values from an ordinary file (the example, and YAML 1.2 core scalars of every kind)', () => {
    const scalars = 'a: [1, 0x1f, 0o17, 1.5e3, .inf, true, False, ~, null, "null", 2024-01-01, "x", \'y\', 08]\nb: |\n  text\n'
    for (const text of [example, scalars]) assert.deepEqual(readQuickly(text)?.value, readYamlDocument(text).value)
  })

  it('leave to the exact reading what the quick one cannot read plainly', () => {
    const cases = [
      'a: 1\na: 2\n', // a duplicate key
      'orgs:\n  ? {a: 1}\n  : {}\n', // a key that is a mapping
      'orgs:\n  null: {}\n', // null as a key: js-yaml would say "null", the yaml package the empty name
      'a: &x [1]\nb: *x\n', // anchors: an alias bomb would arrive as shared references
      'a: !!binary x\n', // a tag outside the core schema
      'a: [\n', // a syntax error
      '---\na: 1\n---\nb: 2\n', // two documents
    ]
    assert.deepEqual(
      cases.filter((text) => readQuickly(text) !== undefined),
      [],
    )
  })
})
