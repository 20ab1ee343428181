import assert from 'node:assert/strict'

import {formatDiagnostics} from '../../../../src/domain/setup/diagnostics.js'
import {parseSetupFile} from '../../../../src/domain/setup/parse.js'

const problems = (text: string) => formatDiagnostics('f.yml', parseSetupFile(text).diagnostics)

describe('domain/setup: parsing a setup file', () => {
  it('reads every section into the model, keeping "left out" apart from "none"', () => {
    const parsed = parseSetupFile(
      [
        'api: https://api.example.gov',
        'isolation_segments:',
        '  vpn-east: {networks: [10.20.0.0/16, 10.10.0.0/16], orgs: [agency-a]}',
        '  bare:',
        'security_groups:',
        '  web:',
        '    rules: [{protocol: tcp, destination: 10.0.0.0/8, ports: 443}, {protocol: icmp, destination: 10.0.0.1, type: 8, code: 0}]',
        '    globally_enabled: {staging: true}',
        'orgs:',
        '  agency-a:',
        '    default_segment: null',
        '    spaces:',
        '      prod: {segment: vpn-east, security_groups: {running: [web]}}',
        '      dev:',
        'route_allowlists:',
        '  api.agency.gov/v1: [203.0.113.0/24, 198.51.100.7]',
      ].join('\n'),
    )
    assert.deepEqual(parsed.diagnostics, [])
    assert.deepEqual(parsed.file, {
      api: 'https://api.example.gov',
      segments: [{name: 'vpn-east', networks: ['10.10.0.0/16', '10.20.0.0/16'], orgs: ['agency-a']}, {name: 'bare'}],
      securityGroups: [
        {
          name: 'web',
          rules: [
            {protocol: 'tcp', destination: '10.0.0.0/8', ports: '443'},
            {protocol: 'icmp', destination: '10.0.0.1', type: 8, code: 0},
          ],
          globallyEnabled: {staging: true},
        },
      ],
      orgs: [
        {
          name: 'agency-a',
          defaultSegment: null,
          spaces: [{name: 'prod', segment: 'vpn-east', securityGroups: {running: ['web']}}, {name: 'dev'}],
        },
      ],
      routeAllowlists: [{route: 'api.agency.gov/v1', allow: ['198.51.100.7/32', '203.0.113.0/24']}],
    })
  })

  it('reports every problem at once, each at its line and column, sorted', () => {
    assert.deepEqual(
      problems(
        [
          'isolation_segments:',
          '  shared: {}',
          '  vpn: {networks: [10.1.2.3/8, 0.0.0.0/0], orgz: []}',
          'security_groups:',
          '  g:',
          '    rules:',
          '      - {protocol: tpc, destination: 10.0.0.0/8}',
          '      - {protocol: udp, destination: "10.0.0.0/8,", ports: "53-1"}',
          '      - {protocol: all, destination: 10.0.0.0/8, ports: "1"}',
          '      - {protocol: icmp, destination: 10.0.0.0/8}',
          'orgs:',
          '  a: {spaces: {s: {security_groups: {running: [g, g]}}}, default: x}',
          'route_allowlists:',
          '  "https://x.gov": [0.0.0.0/0]',
          '  y.gov: 10.0.0.0/8',
        ].join('\n'),
      ),
      [
        'f.yml:2:3: "shared" is the platform\'s own segment: refer to it, but do not declare it',
        'f.yml:3:19: 0.0.0.0/0 covers all of IPv4: not a private network; a list may cover less than 1/16 of IPv4 and of IPv6 2000::/3',
        'f.yml:3:20: "10.1.2.3/8" has host bits set: the network of 10.1.2.3/8 is 10.0.0.0/8 (did you mean 10.0.0.0/8?)',
        'f.yml:3:44: unknown key "orgz" in isolation_segments.vpn; did you mean "orgs"?',
        'f.yml:7:20: security_groups.g.rules[0].protocol is "tpc"; expected one of tcp, udp, icmp, icmpv6, all (did you mean "tcp"?)',
        'f.yml:8:38: "10.0.0.0/8," has an empty item in its comma-separated list',
        'f.yml:8:60: "53-1" in "53-1" starts after it ends (did you mean 1-53?)',
        'f.yml:9:57: all rules take no ports',
        'f.yml:10:9: icmp rules need "type" and "code" (-1 means any)',
        'f.yml:12:51: orgs.a.spaces.s.security_groups.running lists "g" twice',
        'f.yml:12:58: unknown key "default" in orgs.a; did you mean "default_segment"?',
        'f.yml:14:3: "https://x.gov" is a URL; write the route as host[/path], without a scheme',
        'f.yml:14:20: 0.0.0.0/0 covers all of IPv4: an allowlist must name who is let in; a list may cover less than 1/16 of IPv4 and of IPv6 2000::/3',
        'f.yml:15:10: route_allowlists.y.gov must be a list',
      ],
    )
  })

  it('judges a list of networks or an allowlist on its union: halves of a family are as open as /0', () => {
    const parsed = parseSetupFile(
      [
        'isolation_segments:',
        '  vpn: {networks: [10.0.0.0/8, 16.0.0.0/5, 24.0.0.0/5]}',
        '  narrow: {networks: [16.0.0.0/5, 10.0.0.0/8]}',
        'route_allowlists:',
        '  api.x.gov/v1:',
        '    - 0.0.0.0/1',
        '    - 128.0.0.0/1',
        '  v6.x.gov: [2000::/4, 3000::/4, 192.0.2.0/24]',
      ].join('\n'),
    )
    assert.deepEqual(
      parsed.diagnostics.map((d) => [d.code, d.line, d.column, d.message]),
      [
        [
          'CIDR_WHOLE_SPACE',
          2,
          19,
          '16.0.0.0/5, 24.0.0.0/5 and 10.0.0.0/8 together cover 6.64% of IPv4: not a private network; ' +
            'a list may cover less than 1/16 of IPv4 and of IPv6 2000::/3',
        ],
        [
          'CIDR_WHOLE_SPACE',
          6,
          5,
          '0.0.0.0/1 and 128.0.0.0/1 together cover all of IPv4: an allowlist must name who is let in; ' +
            'a list may cover less than 1/16 of IPv4 and of IPv6 2000::/3',
        ],
        [
          'CIDR_WHOLE_SPACE',
          8,
          13,
          '2000::/4 and 3000::/4 together cover all of IPv6 global unicast (2000::/3): an allowlist must name who is let in; ' +
            'a list may cover less than 1/16 of IPv4 and of IPv6 2000::/3',
        ],
      ],
    )
  })

  it('stops at YAML syntax errors, with their position', () => {
    const parsed = parseSetupFile('orgs:\n  a: [\n  b: 1\n')
    assert.equal(parsed.file, undefined)
    assert.deepEqual(formatDiagnostics('f.yml', parsed.diagnostics), [
      'f.yml:3:3: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ])
  })

  it('refuses duplicate keys', () => {
    assert.match(problems('orgs:\n  a: {}\n  a: {}\n')[0], /^f\.yml:3:3: Map keys must be unique/)
  })

  it('takes an empty file as asking for nothing', () => {
    assert.deepEqual(parseSetupFile('').file, {segments: [], securityGroups: [], orgs: []})
  })
})
