import assert from 'node:assert/strict'

import {formatEgressRanges, describeEgressPorts, EGRESS_FORMATS} from '../../../../src/domain/egress/formats.js'
import {checkEgress, foundationFor, KNOWN_FOUNDATIONS} from '../../../../src/domain/egress/ranges.js'
import {formatCidr, parseCidr} from '../../../../src/domain/net/cidr.js'
import {parseIp} from '../../../../src/domain/net/ip.js'

const ranges = [parseCidr('52.222.122.97/32'), parseCidr('2001:db8::/64')]
const options = {label: 'cloud.gov egress'}

describe('domain/egress', () => {
  describe('ranges', () => {
    it('knows cloud.gov by its API host', () => {
      const cloudGov = foundationFor('https://api.fr.cloud.gov')!
      assert.deepEqual(cloudGov.ranges.map(formatCidr), ['52.222.122.97/32', '52.222.123.172/32'])
      assert.equal(foundationFor('API.FR.CLOUD.GOV')?.name, 'cloud.gov')
      assert.equal(foundationFor('https://api.example.org'), undefined)
      assert.equal(foundationFor('::not a url::'), undefined)
      assert.equal(KNOWN_FOUNDATIONS.length > 0, true)
    })

    it('checks an address, reading IPv4-mapped IPv6 as IPv4', () => {
      assert.equal(checkEgress(parseIp('52.222.122.97')!, ranges).inside, true)
      assert.equal(formatCidr(checkEgress(parseIp('::ffff:52.222.122.97')!, ranges).range!), '52.222.122.97/32')
      assert.equal(checkEgress(parseIp('2001:db8::5')!, ranges).inside, true)
      assert.deepEqual(checkEgress(parseIp('52.222.122.98')!, ranges), {inside: false})
    })
  })

  describe('formats', () => {
    it('writes plain, the JSON document and CSV (RFC 4180: CRLF line ends, like every CSV cgx writes)', () => {
      assert.equal(formatEgressRanges(ranges, 'plain', options), '52.222.122.97/32\n2001:db8::/64\n')
      assert.deepEqual(JSON.parse(formatEgressRanges(ranges, 'json-document', options)), {
        label: 'cloud.gov egress',
        ranges: ['52.222.122.97/32', '2001:db8::/64'],
      })
      assert.equal(
        formatEgressRanges(ranges, 'csv', options),
        'cidr,family,first,last\r\n52.222.122.97/32,ipv4,52.222.122.97,52.222.122.97\r\n2001:db8::/64,ipv6,2001:db8::,2001:db8::ffff:ffff:ffff:ffff\r\n',
      )
    })

    it('writes nginx allow lines ending in deny all', () => {
      assert.equal(
        formatEgressRanges(ranges, 'nginx', options),
        '# cloud.gov egress\nallow 52.222.122.97/32;\nallow 2001:db8::/64;\ndeny all;\n',
      )
    })

    it('writes iptables and ip6tables rules, per port range when ports are given', () => {
      assert.equal(
        formatEgressRanges(ranges, 'iptables', options),
        '# cloud.gov egress\niptables -A INPUT -s 52.222.122.97/32 -j ACCEPT\nip6tables -A INPUT -s 2001:db8::/64 -j ACCEPT\n',
      )
      const withPorts = formatEgressRanges(ranges.slice(0, 1), 'iptables', {
        ...options,
        ports: [
          {first: 443, last: 443},
          {first: 8000, last: 8100},
        ],
      })
      assert.equal(
        withPorts,
        '# cloud.gov egress\niptables -A INPUT -s 52.222.122.97/32 -p tcp --dport 443 -j ACCEPT\n' +
          'iptables -A INPUT -s 52.222.122.97/32 -p tcp --dport 8000:8100 -j ACCEPT\n',
      )
    })

    it('writes an AWS --ip-permissions document', () => {
      const all = JSON.parse(formatEgressRanges(ranges, 'aws-sg', options))
      assert.deepEqual(all, [
        {
          IpProtocol: '-1',
          IpRanges: [{CidrIp: '52.222.122.97/32', Description: 'cloud.gov egress'}],
          Ipv6Ranges: [{CidrIpv6: '2001:db8::/64', Description: 'cloud.gov egress'}],
        },
      ])
      const tls = JSON.parse(formatEgressRanges(ranges, 'aws-sg', {...options, ports: [{first: 443, last: 443}]}))
      assert.deepEqual([tls[0].IpProtocol, tls[0].FromPort, tls[0].ToPort], ['tcp', 443, 443])
    })

    it('covers every format and describes ports', () => {
      for (const format of EGRESS_FORMATS) assert.ok(formatEgressRanges(ranges, format, options).endsWith('\n'), format)
      assert.equal(describeEgressPorts(undefined), 'all traffic')
      assert.equal(describeEgressPorts([{first: 443, last: 443}]), 'tcp 443')
    })
  })
})
