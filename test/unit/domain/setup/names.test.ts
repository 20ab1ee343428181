import assert from 'node:assert/strict'

import {formatDiagnostics} from '../../../../src/domain/setup/diagnostics.js'
import {parseSetupFile} from '../../../../src/domain/setup/parse.js'

describe('domain/setup: names the Cloud Controller would refuse', () => {
  it('are reported where they are, escaped, and make the file malformed (no request is made)', () => {
    const parsed = parseSetupFile(
      [
        'isolation_segments:',
        '  "vpn\\u0007east": {orgs: ["agency-a\\nx"]}',
        'security_groups:',
        '  "web\\tfront": {rules: []}',
        'orgs:',
        '  "agency-a\\nx":',
        '    default_segment: " vpn"',
        '    spaces:',
        '      "prod ": {segment: "line\\u2028sep", security_groups: {running: [" web"]}}',
        '  ok:',
        '    spaces: {"dev\\u0085": {}}',
      ].join('\n'),
    )
    assert.deepEqual(formatDiagnostics('f.yml', parsed.diagnostics), [
      'f.yml:2:3: isolation_segments: "vpn\\u0007east" contains a control character (\\x07); names are printable text',
      'f.yml:2:28: isolation_segments.vpn\\x07east.orgs[0]: "agency-a\\nx" contains a control character (\\n); names are printable text',
      'f.yml:4:3: security_groups: "web\\tfront" contains a control character (\\t); names are printable text',
      'f.yml:6:3: orgs: "agency-a\\nx" contains a control character (\\n); names are printable text',
      'f.yml:7:22: orgs.agency-a\\nx.default_segment: " vpn" has whitespace at the start; remove it',
      'f.yml:9:7: orgs.agency-a\\nx.spaces: "prod " has whitespace at the end; remove it',
      'f.yml:9:26: orgs.agency-a\\nx.spaces.prod .segment: "line\\u2028sep" contains a control character (\\u2028); names are printable text',
      'f.yml:9:71: orgs.agency-a\\nx.spaces.prod .security_groups.running[0]: " web" has whitespace at the start; remove it',
      'f.yml:11:14: orgs.ok.spaces: "dev\\u0085" contains a control character (\\x85); names are printable text',
    ])
    assert.ok(parsed.diagnostics.every((d) => d.code === 'NAME_INVALID'))
    assert.equal(parsed.malformed, true)
  })
  it('says one thing about a name that breaks two rules', () => {
    const parsed = parseSetupFile(`orgs:\n  "${'a'.repeat(300)}\\n": {}\n  "": {}\n`)
    assert.deepEqual(
      parsed.diagnostics.map((d) => [d.code, d.line, d.column]),
      [
        ['NAME_TOO_LONG', 2, 3],
        ['NAME_EMPTY', 3, 3],
      ],
    )
  })
})
