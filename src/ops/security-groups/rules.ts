// Which ASG rules apply to a space, per lifecycle: the groups globally enabled for it, then those bound to the space
// for it (a group that is both is global: unbinding it would change nothing). Pure: the report reads, this decides.
import {compareNames} from '../../domain/names/order.js'
import {formatRange} from '../../domain/net/address-set.js'
import {formatPorts} from '../../domain/net/ports.js'
import {hasPorts} from '../../domain/net/protocol.js'
import {LIFECYCLES, type AsgRule, type Lifecycle, type SecurityGroup} from '../../domain/reach/rule.js'
import type {Binding} from '../../domain/reach/verdict.js'

export interface ReportedSpace {
  readonly org: string
  readonly name: string
  readonly guid: string
}

export interface EffectiveRule {
  readonly org: string
  readonly space: string
  readonly spaceGuid: string
  readonly lifecycle: Lifecycle
  readonly group: string
  readonly groupGuid: string
  readonly binding: Binding
  readonly protocol: string
  /** As CF writes destinations: CIDRs, `a-b` ranges, comma-separated. */
  readonly destination: string
  /** tcp/udp: "443", "80-90,8080"; empty for all and icmp. */
  readonly ports: string
  readonly icmp?: {readonly type: number; readonly code: number}
  readonly description?: string
}

export function effectiveRules(spaces: readonly ReportedSpace[], groups: readonly SecurityGroup[]): EffectiveRule[] {
  const sorted = [...groups].sort((a, b) => compareNames(a.name, b.name))
  return spaces.flatMap((space) =>
    LIFECYCLES.flatMap((lifecycle) => [
      ...sorted.filter((g) => g.globallyEnabled[lifecycle]).flatMap((g) => rowsOf(space, lifecycle, g, 'global')),
      ...sorted
        .filter((g) => !g.globallyEnabled[lifecycle] && boundTo(g, lifecycle).includes(space.guid))
        .flatMap((g) => rowsOf(space, lifecycle, g, 'space')),
    ]),
  )
}

function boundTo(group: SecurityGroup, lifecycle: Lifecycle): readonly string[] {
  return lifecycle === 'running' ? group.runningSpaces : group.stagingSpaces
}

function rowsOf(space: ReportedSpace, lifecycle: Lifecycle, group: SecurityGroup, binding: Binding): EffectiveRule[] {
  const where = {org: space.org, space: space.name, spaceGuid: space.guid, lifecycle, group: group.name, groupGuid: group.guid, binding}
  return group.rules.map((rule) => ({...where, ...ruleFields(rule)}))
}

function ruleFields(rule: AsgRule): Pick<EffectiveRule, 'protocol' | 'destination' | 'ports' | 'icmp' | 'description'> {
  return {
    protocol: rule.protocol,
    destination: rule.destination.map(formatRange).join(','),
    ports: hasPorts(rule.protocol) ? formatPorts(rule.ports) : '',
    ...(rule.icmp === undefined ? {} : {icmp: rule.icmp}),
    ...(rule.description === undefined ? {} : {description: rule.description}),
  }
}
