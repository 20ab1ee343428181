// Whether the proxy's space lets it do its job: forward to the public app domain (tcp 443 to public addresses)
// and resolve names (port 53). cgx only says what is missing and which groups would give it: binding a group
// opens egress for every app of the space, a decision for the space's owners (research/route-service.md §2 MUST 18).
import type {CfClient, SecurityGroup as CfSecurityGroup} from '../../cf/index.js'
import {addressSetOfCidrs, subtractSets, type AddressSet} from '../../domain/net/address-set.js'
import {parseCidr} from '../../domain/net/cidr.js'
import type {PortSet} from '../../domain/net/ports.js'
import {coverage} from '../../domain/reach/coverage.js'
import {parseRules, type SecurityGroup} from '../../domain/reach/rule.js'
import {judgeRule, type Grant, type Target} from '../../domain/reach/verdict.js'

export interface EgressNeeds {
  /** tcp 443 to every public IPv4 address (the app domain resolves to the platform's public load balancer). */
  public: boolean
  dns: boolean
  /** Groups not applied to the space that would give what is missing. */
  suggestedGroups: string[]
}

const NOT_PUBLIC = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'].map(parseCidr)
const PUBLIC: AddressSet = subtractSets(addressSetOfCidrs([parseCidr('0.0.0.0/0')]), addressSetOfCidrs(NOT_PUBLIC))
const ANYWHERE: AddressSet = addressSetOfCidrs([parseCidr('0.0.0.0/0')])
const PUBLIC_HTTPS = target(PUBLIC, 'public IPv4', [{first: 443, last: 443}])
const DNS = target(ANYWHERE, 'any address', [{first: 53, last: 53}])

export async function checkProxyEgress(cf: CfClient, spaceGuid: string): Promise<EgressNeeds> {
  const [applied, all] = await Promise.all([cf.spaces.listRunningSecurityGroups(spaceGuid), cf.securityGroups.listAll()])
  const appliedNames = new Set(applied.map((g) => g.name))
  const groups = applied.map(domainGroup)
  const needs = {public: opensPublic(groups), dns: opensDns(groups)}
  const others = all.filter((g) => !appliedNames.has(g.name)).map(domainGroup)
  const suggestedGroups = others.filter((g) => (!needs.public && opensPublic([g])) || (!needs.dns && opensDns([g]))).map((g) => g.name)
  return {...needs, suggestedGroups}
}

function opensPublic(groups: readonly SecurityGroup[]): boolean {
  return coverage(grants(groups, PUBLIC_HTTPS), PUBLIC, PUBLIC_HTTPS.ports).reachable === 'yes'
}

function opensDns(groups: readonly SecurityGroup[]): boolean {
  return grants(groups, DNS).some((g) => g.protocols.includes('udp') || g.protocols.includes('tcp'))
}

function grants(groups: readonly SecurityGroup[], question: Target): Grant[] {
  return groups.flatMap((group) => group.rules.flatMap((rule) => judgeRule(group, 'space', rule, question).grant ?? []))
}

function target(network: AddressSet, networkText: string, ports: PortSet): Target {
  return {network, networkText, reachable: network, segmentName: 'any', ports}
}

function domainGroup(group: CfSecurityGroup): SecurityGroup {
  return {
    guid: group.guid,
    name: group.name,
    rules: parseRules(group.name, group.rules).value ?? [],
    globallyEnabled: group.globally_enabled,
    runningSpaces: [],
    stagingSpaces: [],
  }
}
