import {BaseCommand} from '../cli/base-command.js'
import {scopeFlags} from '../cli/flags.js'
import {reportSecurityGroups, type SecurityGroupsReport} from '../ops/security-groups/report.js'
import {renderSecurityGroups} from '../render/security-groups.js'

export default class SecurityGroups extends BaseCommand<SecurityGroupsReport> {
  static summary = "Every space's effective running and staging ASG rules: globally enabled and bound to the space."
  static description =
    'One row per space, lifecycle and rule, with the group, how it applies (global: enabled for the lifecycle on the ' +
    'whole foundation; space: bound to the space), protocol, destination, ports (icmp: type and code) and description. ' +
    'Destinations are written canonically (a range that is one block as a CIDR). A group both global and bound is ' +
    'global. Piped, the rows are tab-separated without a header.\n\n' +
    'Cost: three listings (orgs, spaces, security groups) whatever the scope: no request per org or per space.'
  static examples = [
    '<%= config.bin %> security-groups',
    '<%= config.bin %> security-groups --org agency-a --space prod',
    "<%= config.bin %> security-groups | awk -F'\\t' '$7 ~ /^10\\./'",
  ]
  static flags = {...scopeFlags}

  async run(): Promise<SecurityGroupsReport> {
    const {flags} = await this.parse(SecurityGroups)
    const result = await reportSecurityGroups(await this.context.client(), {org: flags.org, space: flags.space, reporter: this.reporter})
    return this.output(result, renderSecurityGroups)
  }
}
