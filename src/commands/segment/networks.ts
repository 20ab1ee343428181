import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {segmentNetworksCommand, type NetworksResult} from '../../ops/segments/networks.js'
import {renderNetworks} from '../../render/segment-changes.js'

export default class SegmentNetworks extends BaseCommand<NetworksResult> {
  static summary = 'Show or change the private networks behind an isolation segment.'
  static description =
    'Stored on the segment as the annotation cgx.cloud.gov/private-networks (comma-separated CIDRs), which `cgx reach` ' +
    'and `cgx segment status` read. Changing it needs a platform admin. Without an option, shows the annotation plus ' +
    'the networks your cgx config or --networks-file add. A CIDR with host bits set is refused with its network named; ' +
    'a list as open as /0 (together 1/16 of IPv4 or of IPv6 2000::/3, or more) needs --force.'
  static examples = [
    '<%= config.bin %> segment networks vpn-east',
    '<%= config.bin %> segment networks vpn-east --add 10.30.0.0/16',
    '<%= config.bin %> segment networks vpn-east --set 10.10.0.0/16,10.20.0.0/16',
    '<%= config.bin %> segment networks vpn-east --remove 10.20.0.0/16 --json',
  ]
  static args = {
    segment: Args.string({description: 'Isolation segment name.', required: true}),
  }
  static flags = {
    set: Flags.string({
      helpValue: 'CIDR',
      summary: 'Replace the list (repeatable, or comma-separated).',
      multiple: true,
      multipleNonGreedy: true,
      exclusive: ['add', 'remove'],
    }),
    add: Flags.string({
      helpValue: 'CIDR',
      summary: 'Add networks (repeatable, or comma-separated).',
      multiple: true,
      multipleNonGreedy: true,
      exclusive: ['set', 'remove'],
    }),
    remove: Flags.string({
      helpValue: 'CIDR',
      summary: 'Remove networks (repeatable, or comma-separated).',
      multiple: true,
      multipleNonGreedy: true,
      exclusive: ['set', 'add'],
    }),
    force: Flags.boolean({summary: 'Allow a list as open as /0: 1/16 of IPv4 or of IPv6 2000::/3, or more.'}),
    // The same name as in `segment status`, `segment list` and `reach`; --annotation is kept as an alias.
    'networks-annotation': Flags.string({
      summary: "Annotation key holding the networks (default cgx.cloud.gov/private-networks, or the cgx config's).",
      aliases: ['annotation'],
      env: 'CGX_NETWORKS_ANNOTATION',
      helpValue: 'KEY',
    }),
    'networks-file': Flags.file({
      summary: 'A local file (segments: {NAME: [CIDR...]}) whose networks are shown too.',
      exists: true,
      helpValue: 'FILE',
    }),
  }

  async run(): Promise<NetworksResult> {
    const {args, flags} = await this.parse(SegmentNetworks)
    const settings = await this.context.settings()
    const {set, add, remove, force} = flags
    const request = {
      segment: args.segment,
      set,
      add,
      remove,
      force,
      annotation: flags['networks-annotation'],
      settings,
      networksFile: flags['networks-file'],
    }
    const result = await segmentNetworksCommand(await this.context.client(), request, this.reporter)
    return this.output(result, renderNetworks)
  }
}
