import assert from 'node:assert/strict'

import {loadBadInputCases, prepareCase} from '../helpers/bad-input.js'
import {parseEnvelope} from '../helpers/cli.js'
import {useSimulator, writesIn} from '../helpers/sim.js'

// Each file in test/fixtures/bad-input is a broken environment or a bad input; cgx must say what is wrong under the
// case's own error code with something to do, exit 1, never call it a bug in cgx, send no write and change no file.
describe('e2e: bad input and broken environments (test/fixtures/bad-input)', () => {
  const sim = useSimulator()
  const cases = loadBadInputCases()

  it('has cases, each with an error code of its own', () => {
    assert.ok(cases.length >= 15, `${cases.length} cases`)
    for (const testCase of cases) assert.match(testCase.code, /^[A-Z][A-Z_]+$/, testCase.name)
  })

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.code}`, async () => {
      const prepared = await prepareCase(testCase, sim().url)
      try {
        const before = prepared.snapshot()
        sim().journal.clear()
        const [json, human] = await Promise.all([testCase.json ? prepared.run(['--json']) : undefined, prepared.run()])
        if (json) {
          const error = parseEnvelope(json).error as {code: string; suggestions: string[]} | undefined
          assert.equal(error?.code, testCase.code, json.stdout)
          assert.ok(error.suggestions.length > 0, `no line saying what to do: ${json.stdout}`)
          assert.equal(json.exitCode, 1)
        }
        assert.equal(human.exitCode, 1, human.stderr)
        assert.match(human.stderr, /^Error: /m)
        assert.doesNotMatch(human.stderr, /bug in cgx/i)
        assert.deepEqual(writesIn(sim()), [])
        assert.deepEqual(prepared.snapshot(), before, 'a file the case prepared was changed')
      } finally {
        prepared.cleanup()
      }
    }).timeout(40_000)
  }
})
