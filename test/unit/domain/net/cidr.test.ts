import assert from 'node:assert/strict'
import {BlockList} from 'node:net'

import {cidrContains, CidrParseError, formatCidr, isWholeSpace, parseCidr, type Cidr} from '../../../../src/domain/net/cidr.js'
import {familyBits, familyMax, formatIp, parseIp, type IpAddress, type IpFamily} from '../../../../src/domain/net/ip.js'
import {prng} from './prng.js'

function parseError(text: string): CidrParseError {
  try {
    parseCidr(text)
  } catch (error) {
    assert.ok(error instanceof CidrParseError)
    return error
  }
  assert.fail(`expected ${JSON.stringify(text)} to be rejected`)
}

const nodeFamily = (family: IpFamily) => (family === 4 ? 'ipv4' : 'ipv6')

describe('domain/net/cidr', () => {
  describe('parseCidr / formatCidr', () => {
    it('parses and normalises IPv4 and IPv6 blocks', () => {
      assert.deepEqual(parseCidr('10.0.0.0/8'), {family: 4, network: 0x0a000000n, prefix: 8})
      assert.deepEqual(parseCidr('2001:DB8:0::/32'), {family: 6, network: 0x20010db8n << 96n, prefix: 32})
      assert.equal(formatCidr(parseCidr('2001:0db8:0000::/48')), '2001:db8::/48')
      assert.equal(formatCidr(parseCidr('0.0.0.0/0')), '0.0.0.0/0')
      assert.equal(formatCidr(parseCidr('::/0')), '::/0')
    })

    it('reads a bare address as a single host', () => {
      assert.equal(formatCidr(parseCidr('192.0.2.7')), '192.0.2.7/32')
      assert.equal(formatCidr(parseCidr('2001:db8::7')), '2001:db8::7/128')
      assert.equal(formatCidr(parseCidr('::ffff:192.0.2.7')), '::ffff:192.0.2.7/128')
    })

    it('rejects host bits set, suggesting the network', () => {
      const v4 = parseError('10.1.2.3/24')
      assert.equal(v4.code, 'CIDR_INVALID')
      assert.equal(v4.input, '10.1.2.3/24')
      assert.equal(v4.suggestion, '10.1.2.0/24')
      assert.match(v4.message, /host bits set/)
      assert.match(v4.message, /10\.1\.2\.0\/24/)
      assert.equal(parseError('2001:db8::1/32').suggestion, '2001:db8::/32')
      assert.equal(parseError('1.2.3.4/0').suggestion, '0.0.0.0/0')
    })

    it('rejects malformed blocks, suggesting a clean form only where one exists', () => {
      const noSuggestion = [
        '',
        '/8',
        '10.0.0.0/',
        '10.0.0.0/33',
        '::/129',
        '10.0.0.0/08',
        '10.0.0.0/-1',
        '10.0.0.0/8/8',
        '10.0.0/8',
        'example.com/8',
        'fe80::/10%eth0',
        '10.0.0.0/ 8',
      ]
      for (const text of noSuggestion) assert.equal(parseError(text).suggestion, undefined, JSON.stringify(text))
      assert.equal(parseError(' 10.0.0.0/8').suggestion, '10.0.0.0/8')
      assert.equal(parseError('[2001:db8::]/32').suggestion, '2001:db8::/32')
      assert.equal(parseError('10.0.0.1/8 ').suggestion, '10.0.0.0/8')
      assert.match(parseError('10.0.0.0/33').message, /0 to 32/)
    })

    it('round-trips generated blocks', () => {
      const rng = prng(7)
      for (let i = 0; i < 2000; i++) {
        const family: IpFamily = rng.int(2) === 0 ? 4 : 6
        const prefix = rng.int(familyBits(family) + 1)
        const host = (1n << BigInt(familyBits(family) - prefix)) - 1n
        const cidr: Cidr = {family, network: rng.bits(familyBits(family)) & ~host, prefix}
        assert.deepEqual(parseCidr(formatCidr(cidr)), cidr)
      }
    })
  })

  describe('cidrContains', () => {
    it('tests membership within one family only', () => {
      const net = parseCidr('10.0.0.0/8')
      assert.equal(cidrContains(net, parseIp('10.255.255.255')!), true)
      assert.equal(cidrContains(net, parseIp('11.0.0.0')!), false)
      assert.equal(cidrContains(net, parseIp('::ffff:10.0.0.1')!), false)
      assert.equal(cidrContains(parseCidr('::/0'), parseIp('10.0.0.1')!), false)
      assert.equal(cidrContains(parseCidr('::/0'), parseIp('::ffff:10.0.0.1')!), true)
    })

    it('agrees with net.BlockList on generated blocks and boundary addresses', () => {
      const rng = prng(2024)
      for (let i = 0; i < 1500; i++) {
        const family: IpFamily = rng.int(2) === 0 ? 4 : 6
        const bits = familyBits(family)
        const prefix = rng.int(bits + 1)
        const host = (1n << BigInt(bits - prefix)) - 1n
        const cidr: Cidr = {family, network: rng.bits(bits) & ~host, prefix}
        const blocks = new BlockList()
        blocks.addSubnet(formatIp({family, value: cidr.network}), prefix, nodeFamily(family))
        const probes = [
          cidr.network - 1n,
          cidr.network,
          cidr.network | host,
          (cidr.network | host) + 1n,
          cidr.network | (rng.bits(bits) & host),
          rng.bits(bits),
        ]
        for (const value of probes.filter((v) => v >= 0n && v <= familyMax(family))) {
          const ip: IpAddress = {family, value}
          assert.equal(cidrContains(cidr, ip), blocks.check(formatIp(ip), nodeFamily(family)), `${formatCidr(cidr)} ∋ ${formatIp(ip)}`)
        }
      }
    })
  })

  describe('isWholeSpace', () => {
    it('is true only for prefix 0', () => {
      assert.equal(isWholeSpace(parseCidr('0.0.0.0/0')), true)
      assert.equal(isWholeSpace(parseCidr('::/0')), true)
      assert.equal(isWholeSpace(parseCidr('0.0.0.0/1')), false)
    })
  })
})
