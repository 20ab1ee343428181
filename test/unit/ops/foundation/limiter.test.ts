import assert from 'node:assert/strict'

import {createLimiter} from '../../../../src/ops/foundation/limiter.js'

/** A task that finishes when told to, recording when it started. */
function gate(started: string[], name: string) {
  let open!: (value: string) => void
  let fail!: (error: Error) => void
  const done = new Promise<string>((resolve, reject) => {
    open = resolve
    fail = reject
  })
  return {task: () => (started.push(name), done), open: () => open(name), fail: (error: Error) => fail(error)}
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('ops/foundation: limiter', () => {
  it('runs at most `limit` tasks at once, the queued ones in order as others finish', async () => {
    const started: string[] = []
    const limit = createLimiter(2)
    const gates = ['a', 'b', 'c', 'd'].map((name) => gate(started, name))
    const results = gates.map((g) => limit(g.task))
    await settle()
    assert.deepEqual(started, ['a', 'b'])
    gates[1].open()
    await settle()
    assert.deepEqual(started, ['a', 'b', 'c'])
    gates[0].open()
    gates[2].open()
    gates[3].open()
    assert.deepEqual(await Promise.all(results), ['a', 'b', 'c', 'd'])
  })

  it('starts nothing more after a failure: queued tasks reject with the same error', async () => {
    const started: string[] = []
    const limit = createLimiter(1)
    const [first, second] = [gate(started, 'first'), gate(started, 'second')]
    const results = [limit(first.task), limit(second.task)]
    first.fail(new Error('503'))
    await assert.rejects(results[0], /503/)
    await assert.rejects(results[1], /503/)
    await assert.rejects(
      limit(async () => 'late'),
      /503/,
    )
    assert.deepEqual(started, ['first'])
  })

  it('turns a task that throws at once into a rejection, and refuses a bound that is not a positive integer', async () => {
    const limit = createLimiter(3)
    await assert.rejects(
      limit(() => {
        throw new Error('sync')
      }),
      /sync/,
    )
    assert.throws(() => createLimiter(0), RangeError)
    assert.throws(() => createLimiter(1.5), RangeError)
  })
})
