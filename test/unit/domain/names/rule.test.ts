import assert from 'node:assert/strict'

import {checkName, escapeControl, NAME_PATTERN, quoteName} from '../../../../src/domain/names/rule.js'

describe('domain/names: the names the Cloud Controller accepts', () => {
  const pattern = new RegExp(NAME_PATTERN, 'u')

  it('takes ordinary names, inner spaces and any printable unicode, up to 255 characters', () => {
    for (const name of ['agency-a', 'Agency A prod', 'équipe données', '日本', 'x', 'a'.repeat(255), '😀'.repeat(255)]) {
      assert.equal(checkName(name), undefined, name)
      assert.ok(pattern.test(name), name)
    }
  })

  it('refuses an empty name and one over 255 characters (counted as characters, not UTF-16 units)', () => {
    assert.deepEqual(checkName(''), {code: 'NAME_EMPTY', message: 'the name is empty'})
    assert.deepEqual(checkName('a'.repeat(256)), {
      code: 'NAME_TOO_LONG',
      message: `"${'a'.repeat(40)}"… has 256 characters; the limit is 255`,
    })
  })

  it('refuses control characters, naming the name escaped so the character shows', () => {
    const cases: Array<[string, string]> = [
      ['agency-a\nx', '"agency-a\\nx" contains a control character (\\n); names are printable text'],
      ['agency\ta', '"agency\\ta" contains a control character (\\t); names are printable text'],
      ['bell\u0007', '"bell\\u0007" contains a control character (\\x07); names are printable text'],
      ['del\u007f', '"del\\u007f" contains a control character (\\x7f); names are printable text'],
      ['next\u0085line', '"next\\u0085line" contains a control character (\\x85); names are printable text'],
      ['line\u2028sep', '"line\\u2028sep" contains a control character (\\u2028); names are printable text'],
      ['para\u2029sep', '"para\\u2029sep" contains a control character (\\u2029); names are printable text'],
    ]
    for (const [name, message] of cases) {
      assert.deepEqual(checkName(name), {code: 'NAME_INVALID', message}, JSON.stringify(name))
      assert.equal(pattern.test(name), false, JSON.stringify(name))
    }
  })

  it('refuses whitespace at either end, saying which', () => {
    assert.deepEqual(checkName(' agency-a'), {code: 'NAME_INVALID', message: '" agency-a" has whitespace at the start; remove it'})
    assert.deepEqual(checkName('agency-a '), {code: 'NAME_INVALID', message: '"agency-a " has whitespace at the end; remove it'})
    assert.deepEqual(checkName('agency-a\u00a0'), {code: 'NAME_INVALID', message: '"agency-a\u00a0" has whitespace at the end; remove it'})
    for (const name of [' agency-a', 'agency-a ', ' ', 'agency-a\u3000']) assert.equal(pattern.test(name), false, JSON.stringify(name))
  })

  it('quotes and escapes for output', () => {
    assert.equal(quoteName('a\u0085b\u2028'), '"a\\u0085b\\u2028"')
    assert.equal(escapeControl('a\nb\tc\rd\u0007e\u007f\u009f\u2028f'), 'a\\nb\\tc\\rd\\x07e\\x7f\\x9f\\u2028f')
    assert.equal(escapeControl('plain text, é'), 'plain text, é')
  })
})
