import assert from 'node:assert/strict'
import {BlockList} from 'node:net'

import {
  addressSetOf,
  formatAddressSet,
  formatRange,
  intersectSets,
  parseAddressList,
  rangeToCidrs,
  setContainsIp,
  setCovers,
  setSize,
  setsOverlap,
  subtractSets,
  unionSets,
  type AddressSet,
  type IpRange,
} from '../../../../src/domain/net/address-set.js'
import {cidrContains, formatCidr} from '../../../../src/domain/net/cidr.js'
import {formatIp, parseIp} from '../../../../src/domain/net/ip.js'
import {prng, type Prng} from './prng.js'

const set = (text: string): AddressSet => {
  const parsed = parseAddressList(text, {strict: true})
  assert.deepEqual(parsed.diagnostics, [], text)
  return parsed.value!
}
const ip = (text: string) => parseIp(text)!

/** A random set of IPv4 ranges inside a small universe, so a bitmap can be the reference model. */
function randomSmallSet(rng: Prng, universe: number): {set: AddressSet; bits: boolean[]} {
  const bits = new Array<boolean>(universe).fill(false)
  const ranges: IpRange[] = []
  for (let n = rng.int(4); n > 0; n--) {
    const first = rng.int(universe)
    const last = Math.min(universe - 1, first + rng.int(24))
    for (let v = first; v <= last; v++) bits[v] = true
    ranges.push({family: 4, first: BigInt(first), last: BigInt(last)})
  }
  return {set: addressSetOf(ranges), bits}
}

function bitsOf(s: AddressSet, universe: number): boolean[] {
  return Array.from({length: universe}, (_, v) => setContainsIp(s, {family: 4, value: BigInt(v)}))
}

describe('domain/net/address-set', () => {
  describe('parseAddressList', () => {
    it('reads CIDRs, addresses, ranges and comma lists of both families, normalised', () => {
      assert.deepEqual(formatAddressSet(set('10.0.0.0/24,10.0.1.0/24')), ['10.0.0.0/23'])
      assert.deepEqual(formatAddressSet(set('10.0.0.5')), ['10.0.0.5/32'])
      assert.deepEqual(formatAddressSet(set('10.0.0.0-10.0.0.255,2001:db8::/64,192.168.0.1')), [
        '10.0.0.0/24',
        '192.168.0.1/32',
        '2001:db8::/64',
      ])
      assert.deepEqual(formatAddressSet(set('2001:db8::1-2001:db8::2')), ['2001:db8::1/128', '2001:db8::2/128'])
      assert.deepEqual(set('10.0.0.9-10.0.0.9'), [{family: 4, first: 0x0a000009n, last: 0x0a000009n}])
    })

    it('refuses mistakes with the corrected form where there is one', () => {
      const cases: Array<[string, string, string | undefined]> = [
        ['10.1.2.3/24', 'DESTINATION_INVALID', '10.1.2.0/24'],
        ['10.0.0.9-10.0.0.1', 'DESTINATION_INVALID', '10.0.0.1-10.0.0.9'],
        ['10.0.0.1-2001:db8::1', 'DESTINATION_INVALID', undefined],
        ['10.0.0.1-10.0.0.2-10.0.0.3', 'DESTINATION_INVALID', undefined],
        ['10.0.0.0/8-10.0.0.1', 'DESTINATION_INVALID', undefined],
        ['10.0.0.0/8,,10.1.0.0/16', 'DESTINATION_EMPTY_ITEM', undefined],
        ['nope', 'DESTINATION_INVALID', undefined],
      ]
      for (const [text, code, suggestion] of cases) {
        const parsed = parseAddressList(text, {strict: true})
        assert.equal(parsed.value, undefined, text)
        assert.equal(parsed.diagnostics[0].code, code, text)
        assert.equal(parsed.diagnostics[0].severity, 'error', text)
        assert.equal(parsed.diagnostics[0].suggestion, suggestion, text)
      }
    })

    it('leniently masks host bits in data CF already accepted, keeping a warning', () => {
      const parsed = parseAddressList('10.1.2.3/24,10.9.0.0/16', {strict: false})
      assert.deepEqual(formatAddressSet(parsed.value!), ['10.1.2.0/24', '10.9.0.0/16'])
      assert.equal(parsed.diagnostics.length, 1)
      assert.equal(parsed.diagnostics[0].severity, 'warning')
      assert.equal(parsed.diagnostics[0].suggestion, '10.1.2.0/24')
      assert.equal(parseAddressList('bogus', {strict: false}).value, undefined)
    })
  })

  describe('set algebra', () => {
    it('keeps families apart', () => {
      const both = set('10.0.0.0/8,::/0')
      assert.equal(setsOverlap(both, set('::ffff:10.0.0.1')), true)
      assert.equal(setsOverlap(set('10.0.0.0/8'), set('::ffff:10.0.0.1')), false)
      assert.deepEqual(formatAddressSet(subtractSets(both, set('::/1'))), ['10.0.0.0/8', '8000::/1'])
      assert.equal(setContainsIp(both, ip('2001:db8::1')), true)
      assert.equal(setContainsIp(set('10.0.0.0/8'), ip('11.0.0.0')), false)
    })

    it('subtracts a hole out of a block as CIDRs', () => {
      assert.deepEqual(formatAddressSet(subtractSets(set('10.0.0.0/24'), set('10.0.0.64/26'))), ['10.0.0.0/26', '10.0.0.128/25'])
      assert.equal(setCovers(set('10.0.0.0/8'), set('10.1.0.0/16,10.2.3.4')), true)
      assert.equal(setCovers(set('10.0.0.0/8'), set('10.1.0.0/16,11.0.0.0')), false)
      assert.equal(setSize(set('10.0.0.0/24,::/64')), 256n + (1n << 64n))
    })

    it('matches a bitmap model on generated sets', () => {
      const rng = prng(99)
      const universe = 96
      for (let i = 0; i < 1500; i++) {
        const a = randomSmallSet(rng, universe)
        const b = randomSmallSet(rng, universe)
        assert.deepEqual(
          bitsOf(unionSets(a.set, b.set), universe),
          a.bits.map((x, v) => x || b.bits[v]),
        )
        assert.deepEqual(
          bitsOf(intersectSets(a.set, b.set), universe),
          a.bits.map((x, v) => x && b.bits[v]),
        )
        assert.deepEqual(
          bitsOf(subtractSets(a.set, b.set), universe),
          a.bits.map((x, v) => x && !b.bits[v]),
        )
        assert.equal(
          setsOverlap(a.set, b.set),
          a.bits.some((x, v) => x && b.bits[v]),
        )
        assert.equal(
          setCovers(a.set, b.set),
          b.bits.every((x, v) => !x || a.bits[v]),
        )
        assert.equal(setSize(a.set), BigInt(a.bits.filter(Boolean).length))
        for (let k = 1; k < a.set.length; k++) assert.ok(a.set[k].first > a.set[k - 1].last + 1n, 'merged and sorted')
      }
    })
  })

  describe('rangeToCidrs / formatRange', () => {
    it('covers exactly the range with aligned blocks, agreeing with net.BlockList.addRange', () => {
      const rng = prng(5)
      for (let i = 0; i < 600; i++) {
        const family = rng.int(2) === 0 ? 4 : 6
        const bits = family === 4 ? 32 : 128
        const a = rng.bits(bits)
        const b = a + rng.bits(rng.int(bits === 32 ? 20 : 40))
        const range: IpRange = {family, first: a, last: b > (1n << BigInt(bits)) - 1n ? (1n << BigInt(bits)) - 1n : b}
        const cidrs = rangeToCidrs(range)
        const blocks = new BlockList()
        const nodeFamily = family === 4 ? 'ipv4' : 'ipv6'
        blocks.addRange(formatIp({family, value: range.first}), formatIp({family, value: range.last}), nodeFamily)
        let next = range.first
        for (const cidr of cidrs) {
          assert.equal(cidr.network, next, 'contiguous')
          next = cidr.network + (1n << BigInt(bits - cidr.prefix))
        }
        assert.equal(next - 1n, range.last, 'ends at the last address')
        for (const probe of [range.first - 1n, range.first, range.last, range.last + 1n, range.first + rng.bits(8)]) {
          if (probe < 0n || probe >= 1n << BigInt(bits)) continue
          const address = {family, value: probe} as const
          const inCidrs = cidrs.some((c) => cidrContains(c, address))
          assert.equal(inCidrs, blocks.check(formatIp(address), nodeFamily), `${formatRange(range)} ∋ ${formatIp(address)}`)
        }
      }
    })

    it('writes one CIDR when it can and a-b otherwise', () => {
      assert.equal(formatRange(set('10.0.0.0-10.0.0.255')[0]), '10.0.0.0/24')
      assert.equal(formatRange(set('10.0.0.1-10.0.0.5')[0]), '10.0.0.1-10.0.0.5')
      assert.deepEqual(rangeToCidrs(set('0.0.0.0/0')[0]).map(formatCidr), ['0.0.0.0/0'])
      assert.deepEqual(rangeToCidrs(set('::/0')[0]).map(formatCidr), ['::/0'])
    })
  })
})
