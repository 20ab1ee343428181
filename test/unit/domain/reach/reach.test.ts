import assert from 'node:assert/strict'

import {parseCidr} from '../../../../src/domain/net/cidr.js'
import {parsePorts} from '../../../../src/domain/net/ports.js'
import {parseSpacePattern, reachViolations} from '../../../../src/domain/reach/policy.js'
import {reach, selectNetworks, type ReachQuery, type ReachResult} from '../../../../src/domain/reach/reach.js'
import {input} from './fixtures.js'

const ports = (text: string) => parsePorts(text).value!

function one(query: ReachQuery, space: string, lifecycle = 'running', network = '10.20.0.0/16'): ReachResult {
  const found = reach(input, query).filter((r) => r.space === space && r.lifecycle === lifecycle && r.network === network)
  assert.equal(found.length, 1, `${space} ${lifecycle} ${network}`)
  return found[0]
}

const outcomes = (r: ReachResult) => r.rules.map((v) => `${v.group}:${v.outcome}`)

describe('domain/reach', () => {
  it('reports each space × declared network × lifecycle', () => {
    const results = reach(input)
    assert.equal(results.length, 4 * 3 * 2)
    assert.deepEqual([...new Set(results.map((r) => r.network))], ['10.20.0.0/16', '10.20.5.0/24', '192.168.0.0/24'])
  })

  it('a space with a bound rule over the whole network on its segment: yes, with the protocols and ports', () => {
    const a = one({}, 'a')
    assert.equal(a.reachable, 'yes')
    assert.deepEqual(a.protocols, ['tcp', 'icmp'])
    assert.deepEqual(
      a.ports.map((p) => [p.protocol, p.ports, p.fullPorts]),
      [
        ['tcp', '443,8443', '443,8443'],
        ['icmp', '', ''],
      ],
    )
    assert.deepEqual(a.covered, ['10.20.0.0/16'])
    assert.deepEqual(outcomes(a), ['dns:wrong-destination', 'dns:wrong-destination', 'vpn-access:opens', 'vpn-access:opens'])
    assert.deepEqual(
      a.rules.map((v) => v.binding),
      ['global', 'global', 'space', 'space'],
    )
    assert.equal(a.rules[2].reason, 'opens tcp 443,8443 to 10.20.0.0/16')
    assert.equal(a.reason, "open via 'vpn-access' (space)")
    assert.equal(a.segmentSource, 'space')
  })

  it('a rule over part of the network: partly, with the portion', () => {
    const b = one({}, 'b')
    assert.equal(b.reachable, 'partly')
    assert.deepEqual(b.covered, ['10.20.1.0/24'])
    const opener = b.rules.find((v) => v.outcome === 'opens')!
    assert.equal(opener.partial, true)
    assert.equal(opener.reason, 'opens tcp 5432 to 10.20.1.0/24 of 10.20.0.0/16')
    assert.match(b.reason, /partly open via 'db-only' \(space\): the rules reach only 10\.20\.1\.0\/24/)
  })

  it('a space whose segment lacks the network: no, and the rule that would open it says so', () => {
    const c = one({}, 'c')
    assert.equal(c.reachable, 'no')
    assert.equal(c.reason, "segment 'shared' has no route to 10.20.0.0/16")
    const wide = c.rules.find((v) => v.group === 'wide')!
    assert.equal(wide.outcome, 'no-segment-route')
    assert.match(wide.reason, /segment 'shared' has no route to 10\.20\.0\.0\/16/)
  })

  it('a segment with only part of the network: partly, blamed on the segment', () => {
    const d = one({}, 'd')
    assert.equal(d.reachable, 'partly')
    assert.deepEqual(d.covered, ['10.20.5.0/24'])
    assert.match(d.reason, /segment 'lab' has a route to only 10\.20\.5\.0\/24/)
    assert.equal(one({}, 'd', 'running', '192.168.0.0/24').rules.find((v) => v.group === 'wide')!.outcome, 'wrong-destination')
  })

  it('treats staging separately: globally-enabled staging groups apply to every space', () => {
    const a = one({}, 'a', 'staging')
    assert.equal(a.reachable, 'yes')
    assert.deepEqual(
      a.rules.filter((v) => v.outcome === 'opens').map((v) => v.group),
      ['trusted_local_networks_egress'],
    )
    assert.ok(!a.rules.some((v) => v.group === 'vpn-access'), 'running bindings do not apply in staging')
    assert.deepEqual(
      outcomes(one({}, 'c', 'staging')).filter((o) => o.endsWith('opens')),
      [],
    )
    assert.equal(one({lifecycles: ['staging']}, 'b', 'staging').ports[0].ports, '443')
    assert.equal(
      reach(input, {lifecycles: ['staging']}).every((r) => r.lifecycle === 'staging'),
      true,
    )
  })

  it('filters by port: wrong port, wrong protocol, and partly when only some ports open', () => {
    const a5432 = one({ports: ports('5432')}, 'a')
    assert.equal(a5432.reachable, 'no')
    assert.deepEqual(outcomes(a5432).slice(2), ['vpn-access:wrong-port', 'vpn-access:wrong-protocol'])
    assert.match(a5432.rules[2].reason, /opens ports 443,8443, not 5432/)
    assert.match(a5432.reason, /no rule of the 2 running group\(s\) opens 10\.20\.0\.0\/16 on 5432/)
    assert.equal(one({ports: ports('443,8443')}, 'a').reachable, 'yes')
    const some = one({ports: ports('443-444')}, 'a')
    assert.equal(some.reachable, 'partly')
    assert.deepEqual(some.protocols, ['tcp'], 'icmp is beside the point when ports are asked')
    assert.match(some.reason, /not every port of 443-444 is open to all of it/)
  })

  it('filters by network: narrows declared networks; the part behind no segment is public', () => {
    const declared = input.networks
    const text = (cidr: string) => selectNetworks(declared, parseCidr(cidr)).map((n) => `${n.name}${n.public ? ' public' : ''}`)
    assert.deepEqual(text('10.20.1.0/24'), ['10.20.1.0/24'])
    assert.deepEqual(text('10.20.0.0/15'), ['10.20.0.0/16', '10.20.5.0/24', '10.21.0.0/16 public'])
    assert.deepEqual(text('172.16.0.0/12'), ['172.16.0.0/12 public'])
    assert.equal(text('10.0.0.0/8').filter((n) => !n.endsWith('public')).length, 2)
    assert.equal(one({network: parseCidr('10.20.1.0/24')}, 'b', 'running', '10.20.1.0/24').reachable, 'yes')
  })

  it('a network behind no segment is public: judged by the ASGs alone, whatever the segment, and said so', () => {
    const query = {network: parseCidr('8.8.8.0/24')}
    const results = reach(input, query)
    assert.ok(results.every((r) => r.network === '8.8.8.0/24' && r.public))
    const staging = one(query, 'c', 'staging', '8.8.8.0/24')
    assert.equal(staging.reachable, 'yes')
    assert.equal(
      staging.reason,
      "8.8.8.0/24 is behind no isolation segment: a public network, reached through the platform's egress; open via 'public_networks_egress' (global)",
    )
    assert.deepEqual(
      results.filter((r) => r.lifecycle === 'staging').map((r) => r.reachable),
      ['yes', 'yes', 'yes', 'yes'],
    )
    const running = one(query, 'a', 'running', '8.8.8.0/24')
    assert.equal(running.reachable, 'no')
    assert.match(
      running.reason,
      /^8\.8\.8\.0\/24 is behind no isolation segment: .*; no rule of the 2 running group\(s\) opens 8\.8\.8\.0\/24$/,
    )
    assert.ok(!running.rules.some((v) => v.outcome === 'no-segment-route'))
  })

  it('a network partly behind a segment: the private part judged by segment, the rest as public', () => {
    const query = {network: parseCidr('10.20.0.0/15'), lifecycles: ['running' as const]}
    assert.deepEqual(
      ['10.20.0.0/16', '10.21.0.0/16'].map((network) => one(query, 'c', 'running', network).reachable),
      ['no', 'yes'],
    )
    assert.equal(one(query, 'c', 'running', '10.20.0.0/16').public, false)
    assert.match(
      one(query, 'c', 'running', '10.21.0.0/16').reason,
      /^10\.21\.0\.0\/16 is behind no isolation segment: .*; open via 'wide' \(space\)$/,
    )
    assert.equal(one(query, 'a', 'running', '10.21.0.0/16').reachable, 'no')
  })

  describe('apps that have not moved yet (running only)', () => {
    const moving = (guid: string, app: string, runningOn: string) => ({
      ...input,
      spaces: input.spaces.map((sp) =>
        sp.guid === guid ? {...sp, pending: [{app, appGuid: `app-${app}`, instances: 1, runningOn: [runningOn]}]} : sp,
      ),
    })

    it('an app still on a segment without the route: running partly, the app listed with its segment; staging unchanged', () => {
      const results = reach(moving('sp-a', 'api', 'shared'), {network: parseCidr('10.20.0.0/16')}).filter((r) => r.space === 'a')
      const [running, staging] = results
      assert.deepEqual(
        [running.lifecycle, running.reachable, staging.lifecycle, staging.reachable],
        ['running', 'partly', 'staging', 'yes'],
      )
      assert.deepEqual(running.pending, [{app: 'api', appGuid: 'app-api', instances: 1, runningOn: ['shared']}])
      assert.deepEqual(staging.pending, [])
      assert.equal(
        running.reason,
        "on 'agency-vpn': open via 'vpn-access' (space); until restarted, app 'api' runs on 'shared' (no: segment 'shared' has no route to 10.20.0.0/16)",
      )
      assert.deepEqual(
        running.ports.map((p) => p.protocol),
        ['tcp', 'icmp'],
        'ports are those of the effective segment',
      )
    })

    it('an app still on a segment that reaches what the new one cannot: partly', () => {
      const c = reach(moving('sp-c', 'legacy', 'agency-vpn'), {network: parseCidr('10.20.0.0/16'), lifecycles: ['running']}).find(
        (r) => r.space === 'c',
      )!
      assert.equal(c.reachable, 'partly')
      assert.match(
        c.reason,
        /^on 'shared': segment 'shared' has no route to 10\.20\.0\.0\/16; until restarted, app 'legacy' runs on 'agency-vpn' \(yes: open via 'wide' \(space\)\)$/,
      )
    })

    it('an app on another segment with the same verdict keeps it, and is still listed', () => {
      const d = reach(moving('sp-d', 'old', 'agency-vpn'), {network: parseCidr('10.20.5.0/24'), lifecycles: ['running']}).find(
        (r) => r.space === 'd',
      )!
      assert.equal(d.reachable, 'yes')
      assert.deepEqual(
        d.pending.map((p) => p.app),
        ['old'],
      )
    })
  })

  it('says when no group applies at all', () => {
    const bare = {...input, groups: []}
    assert.equal(reach(bare).find((r) => r.space === 'a')!.reason, 'no security group applies to the space for running')
  })

  it('does not count a group twice when it is both global and bound', () => {
    const both = {...input, groups: input.groups.map((g) => (g.name === 'dns' ? {...g, runningSpaces: ['sp-a']} : g))}
    assert.equal(
      reach(both)
        .find((r) => r.space === 'a')!
        .rules.filter((v) => v.group === 'dns').length,
      2,
    )
  })

  it('results are plain JSON', () => {
    const [first] = reach(input)
    assert.deepEqual(JSON.parse(JSON.stringify(first)), first)
  })

  describe('policy', () => {
    it('lists the spaces that reach a forbidden network, except allowed ones', () => {
      const results = reach(input, {network: parseCidr('10.20.0.0/16')})
      const allowed = [parseSpacePattern('agency/a').value!]
      const violations = reachViolations(results, allowed)
      assert.deepEqual(
        violations.map((v) => [v.space, v.lifecycles, v.networks]),
        [
          ['b', ['running', 'staging'], ['10.20.0.0/16', '10.20.5.0/24']],
          ['d', ['running', 'staging'], ['10.20.0.0/16', '10.20.5.0/24']],
        ],
      )
      assert.equal(reachViolations(results, [parseSpacePattern('agency/*').value!, parseSpacePattern('research/d').value!]).length, 0)
      assert.match(violations[0].reasons[0], /^running 10\.20\.0\.0\/16: partly open/)
    })

    it('refuses malformed allow patterns', () => {
      for (const bad of ['agency', 'agency/', '/a', 'a/b/c'])
        assert.equal(parseSpacePattern(bad).diagnostics[0].code, 'SPACE_PATTERN_INVALID', bad)
    })
  })
})
