import assert from 'node:assert/strict'

import {PASSCODE_LIFETIME_SEC, Passcodes} from '../../../src/sim/passcodes.js'

describe('sim passcodes (UAA one-time codes)', () => {
  let now = 0
  const clock = () => now

  beforeEach(() => {
    now = 1_700_000_000_000
  })

  it('gives the user back once: the code is gone after the first use', () => {
    const codes = new Passcodes(PASSCODE_LIFETIME_SEC, clock)
    const code = codes.issue('admin')
    assert.equal(codes.redeem(code), 'admin')
    assert.equal(codes.redeem(code), undefined)
  })

  it('is good for five minutes by default, not a millisecond more', () => {
    const codes = new Passcodes(undefined, clock)
    const early = codes.issue('admin')
    const late = codes.issue('admin')
    now += 5 * 60 * 1000 - 1
    assert.equal(codes.redeem(early), 'admin')
    now += 1
    assert.equal(codes.redeem(late), undefined)
  })

  it('issues a distinct code each time and knows none it did not issue', () => {
    const codes = new Passcodes(PASSCODE_LIFETIME_SEC, clock)
    assert.notEqual(codes.issue('a'), codes.issue('a'))
    assert.equal(codes.redeem('NOT-ISSUED'), undefined)
  })
})
