import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {ORG, SPACE} from '../../cli/flags.js'
import {assignSegment, type AssignSegmentResult} from '../../ops/segments/assign.js'
import {renderSpaceSegment} from '../../render/segment-changes.js'

export default class SegmentAssign extends BaseCommand<AssignSegmentResult> {
  static summary = "Run a space's apps on an isolation segment."
  static description =
    "The segment must be entitled to the space's org (`cgx segment entitle`). Apps move only when restarted: cgx lists " +
    'those still on the old segment, and --restart replaces them with rolling deployments. Needs a platform admin or ' +
    'an org manager.'
  static examples = [
    '<%= config.bin %> segment assign vpn-east --space prod',
    '<%= config.bin %> segment assign vpn-east --space prod --org agency-a --restart',
  ]
  static args = {
    segment: Args.string({description: 'Isolation segment name.', required: true}),
  }
  static flags = {
    space: Flags.string({...SPACE, summary: 'Space to assign.', required: true}),
    org: Flags.string({...ORG, summary: "The space's org (default: the targeted org)."}),
    restart: Flags.boolean({summary: 'Restart the apps that must move, with rolling deployments (no downtime).'}),
  }

  async run(): Promise<AssignSegmentResult> {
    const {args, flags} = await this.parse(SegmentAssign)
    const request = {segment: args.segment, space: flags.space, org: flags.org, restart: flags.restart}
    const result = await assignSegment(await this.context.client(), request, this.reporter)
    return this.output(result, renderSpaceSegment)
  }
}
