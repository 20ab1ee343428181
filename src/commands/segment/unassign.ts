import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {ORG, SPACE} from '../../cli/flags.js'
import {unassignSegment, type UnassignSegmentResult} from '../../ops/segments/unassign.js'
import {renderSpaceSegment} from '../../render/segment-changes.js'

export default class SegmentUnassign extends BaseCommand<UnassignSegmentResult> {
  static summary = "Remove a space's own isolation segment: it follows the org default again."
  static description =
    'Apps move only when restarted: cgx lists those still on the old segment, and --restart replaces them with rolling ' +
    'deployments. Needs a platform admin or an org manager.'
  static examples = [
    '<%= config.bin %> segment unassign --space dev',
    '<%= config.bin %> segment unassign --space dev --org agency-a --restart',
  ]
  static flags = {
    space: Flags.string({...SPACE, summary: 'Space to unassign.', required: true}),
    org: Flags.string({...ORG, summary: "The space's org (default: the targeted org)."}),
    restart: Flags.boolean({summary: 'Restart the apps that must move, with rolling deployments (no downtime).'}),
  }

  async run(): Promise<UnassignSegmentResult> {
    const {flags} = await this.parse(SegmentUnassign)
    const result = await unassignSegment(
      await this.context.client(),
      {space: flags.space, org: flags.org, restart: flags.restart},
      this.reporter,
    )
    return this.output(result, renderSpaceSegment)
  }
}
