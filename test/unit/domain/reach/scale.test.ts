import assert from 'node:assert/strict'

import {parseCidr} from '../../../../src/domain/net/cidr.js'
import {reach, type ReachSpace} from '../../../../src/domain/reach/reach.js'
import type {SecurityGroup} from '../../../../src/domain/reach/rule.js'
import {prng} from '../net/prng.js'
import {group} from './fixtures.js'

describe('domain/reach at scale', () => {
  it('10,000 spaces × 200 groups × 3 networks finishes well within a generous bound', function () {
    const rng = prng(10_000)
    const segments = Array.from({length: 10}, (_, i) => ({guid: `seg-${i}`, name: `seg-${i}`}))
    const spaces: ReachSpace[] = Array.from({length: 10_000}, (_, i) => ({
      guid: `sp-${i}`,
      name: `space-${i}`,
      org: `org-${i % 300}`,
      segment: {...rng.pick(segments), source: 'space'},
    }))
    const groups: SecurityGroup[] = Array.from({length: 200}, (_, g) =>
      group(
        `g${g}`,
        [
          {protocol: 'tcp', destination: `10.${g % 4}.0.0/16`, ports: `${443 + (g % 3)},8080-8090`},
          {protocol: 'udp', destination: `10.${g % 4}.${g % 256}.0-10.${g % 4}.${g % 256}.255`, ports: '53'},
          {protocol: 'all', destination: `172.16.${g % 256}.0/24,192.168.${g % 256}.0/24`},
        ],
        g < 5
          ? {globallyEnabled: {running: g % 2 === 0, staging: true}}
          : {
              runningSpaces: Array.from({length: 120}, () => `sp-${rng.int(10_000)}`),
              stagingSpaces: Array.from({length: 30}, () => `sp-${rng.int(10_000)}`),
            },
      ),
    )
    const networks = new Map(segments.map((s, i) => [s.name, [{cidr: parseCidr(`10.${i % 3}.0.0/16`)}]]))
    const started = performance.now()
    const results = reach({spaces, groups, networks})
    const elapsed = performance.now() - started
    assert.equal(results.length, 10_000 * 3 * 2)
    assert.ok(results.some((r) => r.reachable === 'yes'))
    assert.ok(results.some((r) => r.reachable === 'no'))
    assert.ok(elapsed < 15_000, `took ${Math.round(elapsed)} ms`)
    this.test!.title += ` (${Math.round(elapsed)} ms)`
  })
})
