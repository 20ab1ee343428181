import {Args} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {deleteSegment, type DeleteSegmentResult} from '../../ops/segments/delete.js'
import {renderDeleteSegment} from '../../render/segment-changes.js'

export default class SegmentDelete extends BaseCommand<DeleteSegmentResult> {
  static summary = 'Delete an isolation segment nobody uses (platform admins).'
  static description =
    'Refused while any org is entitled to the segment: cgx names the orgs, the org defaults and the spaces in the way, ' +
    'with the commands that clear them, and changes nothing. The shared segment cannot be deleted.'
  static examples = ['<%= config.bin %> segment delete vpn-central']
  static args = {
    segment: Args.string({description: 'Isolation segment name.', required: true}),
  }

  async run(): Promise<DeleteSegmentResult> {
    const {args} = await this.parse(SegmentDelete)
    return this.output(await deleteSegment(await this.context.client(), {segment: args.segment}, this.reporter), renderDeleteSegment)
  }
}
