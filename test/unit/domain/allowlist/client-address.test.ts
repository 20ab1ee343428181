import assert from 'node:assert/strict'

import {createAddressMatcher} from '../../../../src/domain/allowlist/address-matcher.js'
import {chainFromRight, createIpParser, locateClient} from '../../../../src/domain/allowlist/client-address.js'
import {parseCidr} from '../../../../src/domain/net/cidr.js'
import {formatIp, parseIp} from '../../../../src/domain/net/ip.js'

const set = (...cidrs: string[]) => createAddressMatcher(cidrs.map(parseCidr))
// cloud.gov-like profile: peer private, gorouter, NAT egress, gorouter.
const HOPS = [set('10.0.0.0/8', '127.0.0.0/8'), set('127.0.0.1'), set('52.222.122.97'), set('127.0.0.1')]
const PLATFORM = '127.0.0.1, 52.222.122.97, 127.0.0.1'

function locate(xff: string | string[], peer = '10.1.2.3') {
  const result = locateClient(peer, typeof xff === 'string' ? [xff] : xff, HOPS)
  return result.ok ? formatIp(result.client) : result.reason + ('position' in result ? `@${result.position}` : '')
}

describe('domain/allowlist locateClient', () => {
  it('takes the entry right after the platform hops', () => {
    assert.equal(locate(`203.0.113.9, ${PLATFORM}`), '203.0.113.9')
  })

  it('ignores everything the client wrote to the left (leftmost and any-entry spoofs)', () => {
    assert.equal(locate(`198.51.100.1, 198.51.100.1, 203.0.113.9, ${PLATFORM}`), '203.0.113.9')
    assert.equal(locate(`garbage, <script>, 203.0.113.9, ${PLATFORM}`), '203.0.113.9')
  })

  it('sees through forged platform hops: the attacker stays at the client position', () => {
    assert.equal(locate(`198.51.100.1, 127.0.0.1, 52.222.122.97, 127.0.0.1, 203.0.113.66, ${PLATFORM}`), '203.0.113.66')
  })

  it('denies a hop that does not match, naming the position', () => {
    assert.equal(locate('198.51.100.1, 127.0.0.1, 203.0.113.66, 127.0.0.1'), 'hop-mismatch@2')
    assert.equal(locate(`203.0.113.9, ${PLATFORM}`, '203.0.113.66'), 'hop-mismatch@0')
    assert.equal(locate(`203.0.113.9, 127.0.0.1, 52.222.122.97, 127.0.0.1,`), 'hop-mismatch@1')
  })

  it('denies short chains and never falls back to the left-most entry or the peer', () => {
    assert.equal(locate([]), 'chain-short')
    assert.equal(locate(''), 'chain-short')
    assert.equal(locate(' , ,'), 'chain-short')
    assert.equal(locate(' , , , ,'), 'hop-mismatch@1')
    assert.equal(locate(PLATFORM), 'chain-short')
    assert.equal(locateClient(undefined, [`1.2.3.4, ${PLATFORM}`], HOPS).ok, false)
  })

  it('denies anything at the client position that is not a strict IP', () => {
    for (const entry of [
      'unknown',
      '1.2.3.4:80',
      '[2001:db8::1]',
      '1.2.3.4.',
      '',
      '127.1',
      '0177.0.0.1',
      '0x7f.0.0.1',
      '010.1.1.1',
      'fe80::1%eth0',
    ]) {
      assert.equal(locate(`${entry}, ${PLATFORM}`), 'client-invalid', entry)
    }
  })

  it('joins several header lines in wire order', () => {
    assert.equal(locate(['203.0.113.9, 127.0.0.1', '52.222.122.97', '127.0.0.1']), '203.0.113.9')
    assert.equal(locate(['198.51.100.1', `203.0.113.9, ${PLATFORM}`]), '203.0.113.9')
    assert.equal(locate(['203.0.113.9', '127.0.0.1, 52.222.122.97', '127.0.0.1']), '203.0.113.9')
  })

  it('with no hops, the socket peer is the client', () => {
    const result = locateClient('::ffff:203.0.113.5', ['198.51.100.1'], [])
    assert.ok(result.ok)
    assert.equal(formatIp(result.client), '::ffff:203.0.113.5')
  })

  it('reads only the right end of a huge header', () => {
    const huge = `${Array.from({length: 10000}, () => '198.51.100.1').join(', ')}, 203.0.113.9, ${PLATFORM}`
    assert.deepEqual(chainFromRight('10.0.0.1', [huge], 5), ['10.0.0.1', '127.0.0.1', '52.222.122.97', '127.0.0.1', '203.0.113.9'])
    assert.equal(locate(huge), '203.0.113.9')
  })

  it('trims only the spaces and tabs HTTP allows', () => {
    assert.deepEqual(chainFromRight('p', ['\t1.2.3.4 ,\u00a05.6.7.8'], 3), ['p', '\u00a05.6.7.8', '1.2.3.4'])
  })
})

describe('domain/allowlist createAddressMatcher', () => {
  it('matches IPv6 in any spelling and IPv4-mapped addresses as IPv4', () => {
    const allow = set('2001:db8::/32', '203.0.113.0/24')
    for (const text of [
      '2001:DB8::1',
      '2001:db8:0:0::1',
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      '::ffff:203.0.113.5',
      '::ffff:cb00:7105',
      '203.0.113.5',
    ]) {
      assert.equal(allow.has(parseIp(text)!), true, text)
    }
    for (const text of ['2001:db9::1', '2001:db7:ffff::1', '203.0.114.1', '::203.0.113.5']) {
      assert.equal(allow.has(parseIp(text)!), false, text)
    }
  })

  it('treats a mapped-form CIDR as the IPv4 block it names', () => {
    const allow = set('::ffff:203.0.113.0/120')
    assert.equal(allow.has(parseIp('203.0.113.7')!), true)
    assert.equal(allow.has(parseIp('203.0.114.7')!), false)
  })
})

describe('domain/allowlist createIpParser', () => {
  it('parses like parseIp, remembers, and forgets everything when full', () => {
    const parse = createIpParser(2)
    assert.equal(parse('127.1'), undefined)
    assert.equal(parse('10.0.0.1'), parse('10.0.0.1'))
    assert.deepEqual(parse('10.0.0.2'), parseIp('10.0.0.2'))
    assert.deepEqual(parse('::1'), parseIp('::1'))
  })
})

describe('domain/allowlist createIpParser bounds', () => {
  it('refuses text longer than any address without remembering it', () => {
    const parse = createIpParser()
    assert.equal(parse(`${'1'.repeat(46)}`), undefined)
    assert.ok(parse('0000:0000:0000:0000:0000:ffff:255.255.255.255'))
  })
})
