// Every ASG in one listing, as domain objects. A space's groups follow from it without asking per space:
// running(space) = globally enabled for running ∪ groups whose running_spaces hold the space (staging alike).
import type {CfClient, SecurityGroup as WireSecurityGroup} from '../../cf/index.js'
import {parseRules, type SecurityGroup} from '../../domain/reach/rule.js'

export interface SecurityGroupsSnapshot {
  readonly groups: readonly SecurityGroup[]
  /** Rules that could not be read (they are left out of the report, and said so). */
  readonly warnings: readonly string[]
}

export async function loadSecurityGroups(cf: CfClient): Promise<SecurityGroupsSnapshot> {
  const listed = await cf.securityGroups.listAll()
  const warnings: string[] = []
  const groups = listed.map((group) => {
    const rules = parseRules(group.name, group.rules)
    warnings.push(...rules.diagnostics.map((d) => d.message))
    return toDomainGroup(group, rules.value ?? [])
  })
  return {groups, warnings}
}

function toDomainGroup(group: WireSecurityGroup, rules: SecurityGroup['rules']): SecurityGroup {
  return {
    guid: group.guid,
    name: group.name,
    rules,
    globallyEnabled: {running: group.globally_enabled.running, staging: group.globally_enabled.staging},
    runningSpaces: group.relationships.running_spaces.data.map((s) => s.guid),
    stagingSpaces: group.relationships.staging_spaces.data.map((s) => s.guid),
  }
}
