import assert from 'node:assert/strict'

import {formatDiagnostics} from '../../../../src/domain/setup/diagnostics.js'
import {diffSetup} from '../../../../src/domain/setup/diff.js'
import {parseSetupFile} from '../../../../src/domain/setup/parse.js'
import {liveState} from '../../../fixtures/setup/live.js'

/** `orgs:` with `count` orgs of one space each, two lines per org. */
function manyOrgs(count: number): string[] {
  const lines = ['orgs:']
  for (let i = 0; i < count; i++) lines.push(`  org-${i}:`, '    spaces: {prod: {}}')
  return lines
}

describe('domain/setup: duplicate keys, checked by cgx (the yaml check is quadratic)', () => {
  it('parses 100,000 org keys into 100,000 orgs, and plans them through the differ', function () {
    this.timeout(60_000)
    const parsed = parseSetupFile(manyOrgs(100_000).join('\n') + '\n')
    assert.deepEqual(parsed.diagnostics, [])
    assert.equal(parsed.file!.orgs.length, 100_000)
    assert.deepEqual(parsed.file!.orgs[99_999], {name: 'org-99999', spaces: [{name: 'prod'}]})
    const plan = diffSetup(parsed.file!, liveState(), {prune: false})
    assert.equal(plan.changes.filter((c) => /^org\.org-\d+$/.test(c.address) && c.action === 'create').length, 100_000)
  })

  it('finds a duplicate among 100,000 org keys, at the line and column of the second one', function () {
    this.timeout(60_000)
    const lines = manyOrgs(100_000)
    lines.push('  org-4711:', '    spaces: {}')
    const parsed = parseSetupFile(lines.join('\n') + '\n')
    assert.deepEqual(formatDiagnostics('f.yml', parsed.diagnostics), [
      'f.yml:200002:3: Map keys must be unique: orgs has "org-4711" twice (first at line 9424)',
    ])
    assert.deepEqual(
      parsed.diagnostics.map((d) => [d.code, d.path]),
      [['DUPLICATE_KEY', '/orgs/org-4711']],
    )
    assert.equal(parsed.malformed, true)
  })

  it("reports duplicates at any depth, each one, beside the file's other problems", () => {
    const parsed = parseSetupFile(
      [
        'orgs:',
        '  a:',
        '    spaces:',
        '      s: {}',
        '      s: {segment: x}',
        '  b: {colour: red}',
        'security_groups:',
        '  g: {rules: [{protocol: tcp, protocol: udp, destination: 10.0.0.0/8, ports: "1"}]}',
        'api: https://api.example.gov',
        'api: https://api.example.gov',
      ].join('\n'),
    )
    assert.deepEqual(formatDiagnostics('f.yml', parsed.diagnostics), [
      'f.yml:5:7: Map keys must be unique: orgs.a.spaces has "s" twice (first at line 4)',
      'f.yml:6:7: unknown key "colour" in orgs.b; expected default_segment, client_ca_space, spaces',
      'f.yml:8:31: Map keys must be unique: security_groups.g.rules[0] has "protocol" twice (first at line 8)',
      'f.yml:10:1: Map keys must be unique: the file has "api" twice (first at line 9)',
    ])
  })

  it('refuses keys that are mappings or lists, and empty names', () => {
    const parsed = parseSetupFile('orgs:\n  ? {a: 1}\n  : {}\n  "": {}\n')
    assert.deepEqual(formatDiagnostics('f.yml', parsed.diagnostics), [
      'f.yml:2:5: orgs has a key that is a mapping: names are text',
      'f.yml:4:3: orgs: the name is empty',
    ])
    assert.equal(parsed.malformed, true)
  })
})

describe('domain/setup: an alias bomb', () => {
  it('is a problem of the file at its first alias, not a crash', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcde'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcd'[i]}`).join(', ')}]`),
      'orgs: [*e, *e]',
    ]
    const parsed = parseSetupFile(bomb.join('\n'))
    assert.deepEqual(formatDiagnostics('f.yml', parsed.diagnostics), [
      'f.yml:2:8: aliases (*name) expand to too many values: write the values out, or use fewer aliases of aliases',
    ])
    assert.equal(parsed.malformed, true)
  })
})

describe('domain/setup: a problem in each of 50,000 orgs', () => {
  // Mocha's 20 s timeout is the guard: looking each position up from the start of its mapping took minutes.
  it('is reported for each, with its line, in linear time', () => {
    const lines = ['orgs:']
    for (let i = 0; i < 50_000; i++) lines.push(`  org-${i}:`, '    spaces: {prod: {colour: red}}')
    const parsed = parseSetupFile(lines.join('\n') + '\n')
    assert.equal(parsed.diagnostics.length, 50_000)
    assert.deepEqual(
      formatDiagnostics('f.yml', parsed.diagnostics).at(-1),
      'f.yml:100001:21: unknown key "colour" in orgs.org-49999.spaces.prod; expected segment, security_groups, client_certificates',
    )
  })
})
