import assert from 'node:assert/strict'

import {formatAddressSet} from '../../../../src/domain/net/address-set.js'
import {formatPorts} from '../../../../src/domain/net/ports.js'
import {parseRule, parseRules} from '../../../../src/domain/reach/rule.js'

describe('domain/reach/rule', () => {
  it('parses the CF rule shapes: tcp with ports, icmp with type and code, all', () => {
    const tcp = parseRule({protocol: 'tcp', destination: '10.10.10.0/24', ports: '443,80,8080'}).value!
    assert.equal(formatPorts(tcp.ports), '80,443,8080')
    assert.deepEqual(formatAddressSet(tcp.destination), ['10.10.10.0/24'])
    assert.equal(tcp.text, 'tcp 10.10.10.0/24 443,80,8080')
    const icmp = parseRule({protocol: 'icmp', destination: '10.10.10.0/24', type: 8, code: 0, description: 'ping'}).value!
    assert.deepEqual(
      [icmp.ports, icmp.icmp, icmp.description, icmp.text],
      [[], {type: 8, code: 0}, 'ping', 'icmp 10.10.10.0/24 type 8 code 0'],
    )
    assert.equal(formatPorts(parseRule({protocol: 'all', destination: '::/0'}).value!.ports), '1-65535')
  })

  it('masks host bits CF accepted, with a warning; refuses what cannot be read', () => {
    const masked = parseRule({protocol: 'udp', destination: '10.1.2.3/24', ports: '53'})
    assert.deepEqual(formatAddressSet(masked.value!.destination), ['10.1.2.0/24'])
    assert.equal(masked.diagnostics[0].severity, 'warning')
    assert.equal(parseRule({protocol: 'tcp', destination: '10.0.0.0/8'}).diagnostics[0].code, 'PORTS_MISSING')
    assert.equal(parseRule({protocol: 'gre', destination: '10.0.0.0/8'}).diagnostics[0].code, 'PROTOCOL_INVALID')
    assert.equal(parseRule({protocol: 'tcp', destination: 'x', ports: '1'}).value, undefined)
  })

  it('keeps the good rules of a group and says which were skipped', () => {
    const parsed = parseRules('mixed', [
      {protocol: 'tcp', destination: '10.0.0.0/8', ports: '443'},
      {protocol: 'tcp', destination: '10.0.0.0/8', ports: '0'},
    ])
    assert.equal(parsed.value!.length, 1)
    assert.equal(parsed.diagnostics.length, 1)
    assert.match(parsed.diagnostics[0].message, /^group 'mixed' rule 2: /)
    assert.equal(parsed.diagnostics[0].severity, 'warning')
  })
})
