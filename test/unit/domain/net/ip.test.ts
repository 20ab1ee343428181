import assert from 'node:assert/strict'
import {isIP, SocketAddress} from 'node:net'

import {formatIp, parseIp, unmapIpv4, type IpAddress} from '../../../../src/domain/net/ip.js'
import {prng, type Prng} from './prng.js'

const v4 = (text: string): IpAddress => ({family: 4, value: parseIp(text)!.value})

/** Random IPv6 words with zero runs likely, so "::" compression gets exercised. */
function randomWords(rng: Prng): number[] {
  return Array.from({length: 8}, () => (rng.int(3) === 0 ? rng.int(0x10000) : rng.int(4) === 0 ? rng.int(16) : 0))
}

function wordsValue(words: number[]): bigint {
  return words.reduce((v, w) => (v << 16n) | BigInt(w), 0n)
}

/** One of the many RFC 4291 spellings of the words: padding, case, any zero run compressed, trailing IPv4. */
function spellIpv6(words: number[], rng: Prng): string {
  const group = (w: number) => {
    const hex = w.toString(16).padStart(rng.int(5), '0')
    return rng.int(2) === 0 ? hex : hex.toUpperCase()
  }
  const withIpv4 = rng.int(4) === 0
  const tail = withIpv4 ? [`${words[6] >> 8}.${words[6] & 255}.${words[7] >> 8}.${words[7] & 255}`] : []
  const groups = [...words.slice(0, withIpv4 ? 6 : 8).map(group), ...tail]
  const zeroStarts = words.flatMap((w, i) => (w === 0 && i < (withIpv4 ? 6 : 8) ? [i] : []))
  if (zeroStarts.length === 0 || rng.int(3) === 0) return groups.join(':')
  const start = rng.pick(zeroStarts)
  let end = start
  while (end + 1 < (withIpv4 ? 6 : 8) && words[end + 1] === 0 && rng.int(4) !== 0) end++
  return `${groups.slice(0, start).join(':')}::${groups.slice(end + 1).join(':')}`
}

describe('domain/net/ip', () => {
  describe('parseIp', () => {
    it('parses IPv4 and IPv6, keeping ::ffff:a.b.c.d in family 6', () => {
      assert.deepEqual(parseIp('10.1.2.3'), {family: 4, value: 0x0a010203n})
      assert.deepEqual(parseIp('0.0.0.0'), {family: 4, value: 0n})
      assert.deepEqual(parseIp('255.255.255.255'), {family: 4, value: 0xffffffffn})
      assert.deepEqual(parseIp('::'), {family: 6, value: 0n})
      assert.deepEqual(parseIp('::1'), {family: 6, value: 1n})
      assert.deepEqual(parseIp('2001:DB8::'), {family: 6, value: 0x20010db8n << 96n})
      assert.deepEqual(parseIp('::ffff:1.2.3.4'), {family: 6, value: 0xffff01020304n})
      assert.deepEqual(parseIp('1:2:3:4:5:6:7::'), {family: 6, value: wordsValue([1, 2, 3, 4, 5, 6, 7, 0])})
      assert.deepEqual(parseIp('::2:3:4:5:6:7:8'), {family: 6, value: wordsValue([0, 2, 3, 4, 5, 6, 7, 8])})
    })

    it('rejects loose forms', () => {
      const bad = [
        '',
        ' 1.2.3.4',
        '1.2.3.4 ',
        '01.2.3.4',
        '1.2.3.04',
        '1.2.3',
        '1.2.3.4.5',
        '256.1.1.1',
        '0x1.2.3.4',
        '1.2.3.-4',
        '127.1',
        '1..2.3',
        '[::1]',
        'fe80::1%eth0',
        ':::',
        '1:::2',
        '1::2::3',
        ':1::',
        '1::2:',
        '1:2:3:4:5:6:7:8:9',
        '1:2:3:4:5:6:7',
        '1::2:3:4:5:6:7:8',
        '1:2:3:4:5:6:7:8::',
        '12345::',
        'g::',
        '::1.2.3.4:5',
        '1.2.3.4::',
        '::ffff:01.2.3.4',
        '1:2:3:4:5:6:7:1.2.3.4',
        '::1.2.3',
        '１.2.3.4',
        '1.2.3.4/32',
      ]
      for (const text of bad) assert.equal(parseIp(text), undefined, JSON.stringify(text))
    })

    it('agrees with net.isIP on thousands of generated spellings and mutations', () => {
      const rng = prng(0xc0ffee)
      const alphabet = '0123456789abcdefABCDEF:.:.x /[]'
      for (let i = 0; i < 4000; i++) {
        const words = randomWords(rng)
        const valid = rng.int(2) === 0 ? formatIp({family: 4, value: rng.bits(32)}) : spellIpv6(words, rng)
        const parsed = parseIp(valid)
        assert.equal(parsed?.family, isIP(valid), valid)
        if (valid.includes(':')) assert.equal(parsed?.value, wordsValue(words), valid)
        const chars = [...valid]
        const at = rng.int(chars.length + 1)
        chars.splice(at, rng.int(2), ...(rng.int(3) === 0 ? [] : [rng.pick([...alphabet])]))
        const mutant = chars.join('')
        assert.equal(parseIp(mutant)?.family ?? 0, isIP(mutant), JSON.stringify(mutant))
      }
    })
  })

  describe('formatIp', () => {
    it('writes RFC 5952 text', () => {
      const cases: Array<[string, string]> = [
        ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
        ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
        ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
        ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
        ['0:0:0:0:0:0:0:0', '::'],
        ['1:0:0:0:0:0:0:0', '1::'],
        ['0:0:0:0:0:0:0:1', '::1'],
        ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
        ['::FFFF:a00:1', '::ffff:10.0.0.1'],
      ]
      for (const [input, expected] of cases) assert.equal(formatIp(parseIp(input)!), expected, input)
      assert.equal(formatIp(v4('10.0.0.1')), '10.0.0.1')
    })

    it('matches the platform formatter and round-trips on generated addresses', () => {
      const rng = prng(42)
      for (let i = 0; i < 3000; i++) {
        const ip: IpAddress = {family: 6, value: wordsValue(randomWords(rng))}
        const text = formatIp(ip)
        assert.deepEqual(parseIp(text), ip, text)
        // libuv also writes the deprecated IPv4-compatible ::/96 with a dotted tail; RFC 5952 does not ask for that.
        if (ip.value >> 32n !== 0n || ip.value <= 0xffffn) {
          assert.equal(text, new SocketAddress({address: text, family: 'ipv6'}).address)
        }
        const four: IpAddress = {family: 4, value: rng.bits(32)}
        assert.deepEqual(parseIp(formatIp(four)), four)
      }
    })
  })

  describe('unmapIpv4', () => {
    it('turns only IPv4-mapped IPv6 addresses into IPv4', () => {
      assert.deepEqual(unmapIpv4(parseIp('::ffff:192.0.2.1')!), v4('192.0.2.1'))
      assert.deepEqual(unmapIpv4(parseIp('::ffff:0:0')!), v4('0.0.0.0'))
      const untouched = ['::1.2.3.4', '::fffe:1.2.3.4', '1::ffff:1.2.3.4', '192.0.2.1']
      for (const text of untouched) assert.deepEqual(unmapIpv4(parseIp(text)!), parseIp(text), text)
    })
  })
})
