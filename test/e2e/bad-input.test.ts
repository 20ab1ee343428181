import assert from 'node:assert/strict'

import {loadBadInputCases, startBadInputCases, type BadInputOutcome} from '../helpers/bad-input.js'
import {parseEnvelope} from '../helpers/cli.js'

// Each file in test/fixtures/bad-input is a broken environment or a bad input; cgx must say what is wrong under the
// case's own error code with something to do, exit 1, never call it a bug in cgx, send no write and change no file.
describe('e2e: bad input and broken environments (test/fixtures/bad-input)', () => {
  const cases = loadBadInputCases()
  let outcomes: Map<string, Promise<BadInputOutcome | Error>>

  // Two cases at a time, each with a simulator of its own; each test below waits for its case's outcome.
  before(() => {
    outcomes = startBadInputCases(cases, 2)
  })

  it('has cases, each with an error code of its own', () => {
    assert.ok(cases.length >= 15, `${cases.length} cases`)
    for (const testCase of cases) assert.match(testCase.code, /^[A-Z][A-Z_]+$/, testCase.name)
  })

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.code}`, async () => {
      const outcome = await outcomes.get(testCase.name)
      if (outcome instanceof Error || outcome === undefined) throw outcome ?? new Error('the case did not run')
      const {json, human} = outcome
      if (json) {
        const error = parseEnvelope(json).error as {code: string; suggestions: string[]} | undefined
        assert.equal(error?.code, testCase.code, json.stdout)
        assert.ok(error.suggestions.length > 0, `no line saying what to do: ${json.stdout}`)
        assert.equal(json.exitCode, 1)
      }
      assert.equal(human.exitCode, 1, human.stderr)
      assert.match(human.stderr, /^Error: /m)
      assert.doesNotMatch(human.stderr, /bug in cgx/i)
      assert.deepEqual(outcome.writes, [])
      assert.deepEqual(outcome.filesAfter, outcome.filesBefore, 'a file the case prepared was changed')
    }).timeout(60_000)
  }
})
