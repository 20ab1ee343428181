// A cloud.gov-shaped foundation: global dns, staging-only public and trusted-local egress, and per-space private access.

import {parseCidr} from '../../../../src/domain/net/cidr.js'
import type {ReachInput, ReachSpace} from '../../../../src/domain/reach/reach.js'
import {parseRules, type RuleFields, type SecurityGroup} from '../../../../src/domain/reach/rule.js'
import {SHARED_SEGMENT} from '../../../../src/domain/segments/effective.js'

export function group(
  name: string,
  rules: RuleFields[],
  bindings: Partial<Pick<SecurityGroup, 'globallyEnabled' | 'runningSpaces' | 'stagingSpaces'>>,
): SecurityGroup {
  return {
    guid: `sg-${name}`,
    name,
    rules: parseRules(name, rules).value!,
    globallyEnabled: bindings.globallyEnabled ?? {running: false, staging: false},
    runningSpaces: bindings.runningSpaces ?? [],
    stagingSpaces: bindings.stagingSpaces ?? [],
  }
}

const vpn = {guid: 'seg-vpn', name: 'agency-vpn'}
const lab = {guid: 'seg-lab', name: 'lab'}

export const spaces: ReachSpace[] = [
  {guid: 'sp-a', name: 'a', org: 'agency', segment: {...vpn, source: 'space'}},
  {guid: 'sp-b', name: 'b', org: 'agency', segment: {...vpn, source: 'org-default'}},
  {guid: 'sp-c', name: 'c', org: 'agency', segment: {...SHARED_SEGMENT, source: 'shared'}},
  {guid: 'sp-d', name: 'd', org: 'research', segment: {...lab, source: 'space'}},
]

export const groups: SecurityGroup[] = [
  group(
    'dns',
    [
      {protocol: 'udp', destination: '169.254.0.2', ports: '53'},
      {protocol: 'tcp', destination: '169.254.0.2', ports: '53'},
    ],
    {globallyEnabled: {running: true, staging: true}},
  ),
  group(
    'public_networks_egress',
    [
      {protocol: 'all', destination: '0.0.0.0-9.255.255.255'},
      {protocol: 'all', destination: '11.0.0.0-169.253.255.255,169.255.0.0-172.15.255.255'},
    ],
    {globallyEnabled: {running: false, staging: true}},
  ),
  group('trusted_local_networks_egress', [{protocol: 'tcp', destination: '10.0.0.0-10.255.255.255', ports: '443'}], {
    globallyEnabled: {running: false, staging: true},
  }),
  group(
    'vpn-access',
    [
      {protocol: 'tcp', destination: '10.20.0.0/16', ports: '443,8443'},
      {protocol: 'icmp', destination: '10.20.0.0/16', type: -1, code: -1},
    ],
    {runningSpaces: ['sp-a']},
  ),
  group('db-only', [{protocol: 'tcp', destination: '10.20.1.0/24', ports: '5432'}], {runningSpaces: ['sp-b']}),
  group('wide', [{protocol: 'all', destination: '10.0.0.0/8'}], {runningSpaces: ['sp-c', 'sp-d']}),
]

export const input: ReachInput = {
  spaces,
  groups,
  networks: new Map([
    ['agency-vpn', [{cidr: parseCidr('10.20.0.0/16')}]],
    ['lab', [{cidr: parseCidr('192.168.0.0/24')}, {cidr: parseCidr('10.20.5.0/24')}]],
  ]),
}
