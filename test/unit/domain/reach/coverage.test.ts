import assert from 'node:assert/strict'

import {addressSetOf, setContainsIp, type AddressSet} from '../../../../src/domain/net/address-set.js'
import {portSetOf, type PortSet} from '../../../../src/domain/net/ports.js'
import {coverage} from '../../../../src/domain/reach/coverage.js'
import type {Grant} from '../../../../src/domain/reach/verdict.js'
import {prng, type Prng} from '../net/prng.js'

const UNIVERSE = 32
// Ports 50-61, so that DNS (53) is among them.
const PORT_BASE = 49
const PORTS = 12

function randomRanges<T>(rng: Prng, size: number, make: (first: number, last: number) => T): T[] {
  return Array.from({length: 1 + rng.int(2)}, () => {
    const first = rng.int(size)
    return make(first, Math.min(size - 1, first + rng.int(size / 2)))
  })
}

function randomGrant(rng: Prng): Grant {
  return {
    protocols: [rng.pick(['tcp', 'udp'] as const)],
    ports: portSetOf(randomRanges(rng, PORTS, (first, last) => ({first: PORT_BASE + first + 1, last: PORT_BASE + last + 1}))),
    addresses: addressSetOf(randomRanges(rng, UNIVERSE, (first, last) => ({family: 4, first: BigInt(first), last: BigInt(last)}))),
  }
}

/**
 * The reference: check every (protocol, port, address) cell. With no ports asked, only a tcp port other than DNS
 * counts: DNS alone, udp alone or icmp alone would make every space "yes" on a cloud.gov-like foundation.
 */
function bruteYes(grants: readonly Grant[], network: AddressSet, asked: PortSet | undefined): boolean {
  const addresses = Array.from({length: UNIVERSE}, (_, v) => ({family: 4 as const, value: BigInt(v)})).filter((a) =>
    setContainsIp(network, a),
  )
  const portList = Array.from({length: PORTS}, (_, i) => PORT_BASE + i + 1)
  const wanted = asked === undefined ? undefined : portList.filter((p) => asked.some((r) => p >= r.first && p <= r.last))
  const protocols = wanted === undefined ? (['tcp'] as const) : (['tcp', 'udp'] as const)
  return protocols.some((protocol) => {
    const open = (port: number) =>
      addresses.every((a) =>
        grants.some(
          (g) => g.protocols.includes(protocol) && g.ports.some((r) => port >= r.first && port <= r.last) && setContainsIp(g.addresses, a),
        ),
      )
    return wanted === undefined ? portList.some((port) => port !== 53 && open(port)) : wanted.every(open)
  })
}

describe('domain/reach/coverage', () => {
  it('says yes exactly when some protocol opens the whole network on the ports asked (brute-force model)', () => {
    const rng = prng(314)
    const network = addressSetOf([{family: 4, first: 8n, last: 23n}])
    let yes = 0
    for (let i = 0; i < 800; i++) {
      const grants = Array.from({length: rng.int(5)}, () => randomGrant(rng))
      const asked = rng.int(2) === 0 ? undefined : portSetOf([{first: PORT_BASE + 1 + rng.int(6), last: PORT_BASE + 6 + rng.int(6)}])
      const result = coverage(grants, network, asked)
      const expected = bruteYes(grants, network, asked)
      assert.equal(
        result.reachable === 'yes',
        expected,
        JSON.stringify({grants, asked}, (_, v) => (typeof v === 'bigint' ? Number(v) : v)),
      )
      assert.equal(result.reachable === 'no', grants.length === 0)
      if (expected) yes++
    }
    assert.ok(yes > 20 && yes < 780, `both answers exercised (${yes} yes)`)
  })

  it('joins rules that each cover half the network', () => {
    const half = (first: bigint, last: bigint): Grant => ({
      protocols: ['tcp'],
      ports: [{first: 443, last: 443}],
      addresses: [{family: 4, first, last}],
    })
    const network = addressSetOf([{family: 4, first: 0n, last: 255n}])
    assert.equal(coverage([half(0n, 127n)], network, undefined).reachable, 'partly')
    const both = coverage([half(0n, 127n), half(128n, 255n)], network, undefined)
    assert.equal(both.reachable, 'yes')
    assert.equal(both.access[0].fullPorts, '443')
  })

  describe('DNS', () => {
    const network = addressSetOf([{family: 4, first: 0n, last: 255n}])
    const everywhere = (protocols: Grant['protocols'], first: number, last = first): Grant => ({
      protocols,
      ports: [{first, last}],
      addresses: [{family: 4, first: 0n, last: 1000n}],
    })
    const dns = [everywhere(['tcp'], 53), everywhere(['udp'], 53)]

    it('DNS alone is partly, marked dns only, and keeps its ports', () => {
      const result = coverage(dns, network, undefined)
      assert.deepEqual([result.reachable, result.dnsOnly], ['partly', true])
      assert.deepEqual(
        result.access.map((a) => `${a.protocol} ${a.ports}`),
        ['tcp 53', 'udp 53'],
      )
    })

    it('a tcp port beyond DNS makes it yes; udp or icmp beyond DNS is partly, but not dns only', () => {
      assert.deepEqual(pick(coverage([...dns, everywhere(['tcp'], 443)], network, undefined)), ['yes', false])
      assert.deepEqual(pick(coverage([...dns, everywhere(['tcp'], 52, 54)], network, undefined)), ['yes', false])
      assert.deepEqual(pick(coverage([...dns, everywhere(['udp'], 500)], network, undefined)), ['partly', false])
      const icmp: Grant = {protocols: ['icmp'], ports: [], addresses: [{family: 4, first: 0n, last: 255n}]}
      assert.deepEqual(pick(coverage([...dns, icmp], network, undefined)), ['partly', false])
    })

    it('asked about port 53, DNS is the answer: yes, not marked', () => {
      assert.deepEqual(pick(coverage(dns, network, [{first: 53, last: 53}])), ['yes', false])
    })
  })
})

function pick(result: ReturnType<typeof coverage>): [string, boolean] {
  return [result.reachable, result.dnsOnly]
}
