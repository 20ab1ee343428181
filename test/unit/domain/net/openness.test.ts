import assert from 'node:assert/strict'

import {parseCidr} from '../../../../src/domain/net/cidr.js'
import {describeOpenings, wideOpenings} from '../../../../src/domain/net/openness.js'

const judge = (...texts: string[]) => wideOpenings(texts.map(parseCidr))
const summaries = (...texts: string[]) => judge(...texts).map((o) => o.summary)

describe('wideOpenings: a set of CIDRs judged on its union', () => {
  it('finds nothing in an ordinary allowlist', () => {
    assert.deepEqual(judge('203.0.113.0/24', '10.0.0.0/8', '2001:db8::/32'), [])
    assert.deepEqual(judge(), [])
  })

  it('says a /0 covers all of its family', () => {
    assert.deepEqual(summaries('0.0.0.0/0'), ['0.0.0.0/0 covers all of IPv4'])
    assert.deepEqual(summaries('::/0'), ['::/0 covers all of IPv6'])
    assert.equal(judge('0.0.0.0/0')[0].whole, true)
  })

  it('sees two halves of IPv4 as all of it: the /0 bypass', () => {
    const [opening] = judge('128.0.0.0/1', '0.0.0.0/1')
    assert.equal(opening.family, 4)
    assert.equal(opening.whole, true)
    assert.equal(opening.summary, '0.0.0.0/1 and 128.0.0.0/1 together cover all of IPv4')
  })

  it('counts exactly 1/16 of IPv4 (a /4) as wide, and one address less as not', () => {
    assert.deepEqual(summaries('16.0.0.0/4'), ['16.0.0.0/4 covers 6.25% of IPv4'])
    const justBelow = ['16.0.0.0/5', '24.0.0.0/6', '28.0.0.0/7', '30.0.0.0/8'] // 2^28 - 2^24
    assert.deepEqual(judge(...justBelow), [])
    assert.deepEqual(
      judge(
        ...justBelow,
        '31.0.0.0/9',
        '31.128.0.0/10',
        '31.192.0.0/11',
        '31.224.0.0/12',
        '31.240.0.0/13',
        '31.248.0.0/14',
        '31.252.0.0/15',
        '31.254.0.0/16',
        '31.255.0.0/17',
        '31.255.128.0/18',
        '31.255.192.0/19',
        '31.255.224.0/20',
        '31.255.240.0/21',
        '31.255.248.0/22',
        '31.255.252.0/23',
        '31.255.254.0/24',
        '31.255.255.0/25',
        '31.255.255.128/26',
        '31.255.255.192/27',
        '31.255.255.224/28',
        '31.255.255.240/29',
        '31.255.255.248/30',
        '31.255.255.252/31',
        '31.255.255.254/32',
      ),
      [],
    )
  })

  it('counts overlapping CIDRs once', () => {
    // Two copies of a /5 and a /6 inside it: 1/32 of IPv4, not 1/16.
    assert.deepEqual(judge('16.0.0.0/5', '16.0.0.0/5', '16.0.0.0/6'), [])
    assert.deepEqual(summaries('0.0.0.0/2', '32.0.0.0/3', '64.0.0.0/2'), [
      '0.0.0.0/2, 64.0.0.0/2 and 32.0.0.0/3 together cover 50% of IPv4',
    ])
  })

  it('names the widest few and counts the rest', () => {
    const quarters = ['0.0.0.0/3', '32.0.0.0/3', '64.0.0.0/3', '96.0.0.0/3', '128.0.0.0/3']
    assert.deepEqual(summaries(...quarters), ['0.0.0.0/3, 32.0.0.0/3, 64.0.0.0/3 and 2 more together cover 62.5% of IPv4'])
  })

  it('rounds down, so only the whole family reads as all of it', () => {
    assert.deepEqual(summaries('0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/3', '224.0.0.0/4', '240.0.0.0/5'), [
      '0.0.0.0/1, 128.0.0.0/2, 192.0.0.0/3 and 2 more together cover 96.87% of IPv4',
    ])
  })

  it('judges each family on its own', () => {
    // Half of IPv4 and a /8 of IPv6: one wide family, reported alone.
    const openings = judge('0.0.0.0/1', '2001::/16', '128.0.0.0/8')
    assert.deepEqual(
      openings.map((o) => o.family),
      [4],
    )
    assert.deepEqual(
      openings[0].cidrs.map((c) => c.prefix),
      [1, 8],
    )
    // A /5 of IPv4 and a /8 of IPv6 are each under 1/16 of their space, whatever they add up to.
    assert.deepEqual(judge('16.0.0.0/5', '2000::/8'), [])
    assert.equal(describeOpenings(judge('0.0.0.0/0', '::/0')), '0.0.0.0/0 covers all of IPv4; ::/0 covers all of IPv6')
  })

  it('measures IPv6 against global unicast 2000::/3', () => {
    assert.deepEqual(summaries('2000::/3'), ['2000::/3 covers all of IPv6 global unicast (2000::/3)'])
    assert.deepEqual(summaries('2000::/7'), ['2000::/7 covers 6.25% of IPv6 global unicast (2000::/3)'])
    assert.deepEqual(judge('2000::/8', '2200::/9'), [])
    assert.deepEqual(summaries('2000::/8', '2100::/8'), ['2000::/8 and 2100::/8 together cover 6.25% of IPv6 global unicast (2000::/3)'])
    // Unique-local fc00::/7 is as big as a /7 but no internet client comes from it.
    assert.deepEqual(judge('fc00::/7'), [])
    assert.deepEqual(summaries('::/1'), ['::/1 covers all of IPv6 global unicast (2000::/3)'])
    assert.deepEqual(summaries('::/1', '8000::/1'), ['::/1 and 8000::/1 together cover all of IPv6'])
  })
})
