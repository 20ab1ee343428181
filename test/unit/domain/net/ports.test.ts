import assert from 'node:assert/strict'

import {
  ALL_PORTS,
  formatPorts,
  intersectPorts,
  parsePorts,
  portsCover,
  portSetOf,
  subtractPorts,
  unionPorts,
  type PortSet,
} from '../../../../src/domain/net/ports.js'
import {hasPorts, parseProtocol} from '../../../../src/domain/net/protocol.js'

const ports = (text: string): PortSet => {
  const parsed = parsePorts(text)
  assert.deepEqual(parsed.diagnostics, [], text)
  return parsed.value!
}

describe('domain/net/ports', () => {
  it('reads single ports, ranges and lists, normalised', () => {
    assert.deepEqual(ports('443'), [{first: 443, last: 443}])
    assert.deepEqual(ports('80-90'), [{first: 80, last: 90}])
    assert.equal(formatPorts(ports('443,80, 81 ,82-90')), '80-90,443')
    assert.equal(formatPorts(ports('1-65535')), '1-65535')
    assert.equal(formatPorts(ports('8080,8080')), '8080')
  })

  it('refuses bad ports, suggesting the fix for a reversed range', () => {
    const cases: Array<[string, string | undefined]> = [
      ['0', undefined],
      ['65536', undefined],
      ['', undefined],
      ['http', undefined],
      ['80-', undefined],
      ['80-90-100', undefined],
      ['443,,80', undefined],
      ['-1', undefined],
      ['90-80', '80-90'],
      ['443,90-80', '443,80-90'],
      ['1e3', undefined],
    ]
    for (const [text, suggestion] of cases) {
      const parsed = parsePorts(text)
      assert.equal(parsed.value, undefined, text)
      assert.equal(parsed.diagnostics[0].code, 'PORTS_INVALID', text)
      assert.equal(parsed.diagnostics[0].suggestion, suggestion, text)
    }
    assert.match(parsePorts('70000').diagnostics[0].message, /outside 1-65535/)
  })

  it('does set algebra on port ranges', () => {
    assert.equal(formatPorts(unionPorts(ports('80-90'), ports('91,443'))), '80-91,443')
    assert.equal(formatPorts(intersectPorts(ports('1-1000'), ports('443,8080,900-2000'))), '443,900-1000')
    assert.equal(formatPorts(subtractPorts(ALL_PORTS, ports('443'))), '1-442,444-65535')
    assert.equal(portsCover(ports('1-1024'), ports('80,443')), true)
    assert.equal(portsCover(ports('80'), ports('80,443')), false)
    assert.deepEqual(portSetOf([]), [])
  })
})

describe('domain/net/protocol', () => {
  it('accepts the four CF protocols and suggests for near misses', () => {
    assert.equal(parseProtocol('tcp').value, 'tcp')
    assert.equal(parseProtocol('ALL').value, 'all')
    const typo = parseProtocol('tpc')
    assert.equal(typo.value, undefined)
    assert.equal(typo.diagnostics[0].suggestion, 'tcp')
    assert.equal(parseProtocol('icmpv6').diagnostics[0].code, 'PROTOCOL_INVALID')
    assert.equal(hasPorts('udp'), true)
    assert.equal(hasPorts('icmp'), false)
    assert.equal(hasPorts('all'), false)
  })
})
