import {Args} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {createSegment, type CreateSegmentResult} from '../../ops/segments/create.js'
import {renderCreateSegment} from '../../render/segment-changes.js'

export default class SegmentCreate extends BaseCommand<CreateSegmentResult> {
  static summary = 'Create an isolation segment (platform admins).'
  static description =
    'The segment is labelled as created by cgx (cgx.cloud.gov/managed-by=cgx), so `cgx apply --prune` removes it when ' +
    'a setup file that manages segments no longer names it. Creating a segment that exists changes nothing; a name ' +
    'that differs from an existing one only in case is refused, as the platform refuses it. The platform also needs ' +
    'cells placed in the segment (by the operators) before apps can run on it. Next: `cgx segment networks NAME --set ' +
    'CIDR` to record its private networks, `cgx segment entitle NAME --org ORG` to let an org use it.'
  static examples = ['<%= config.bin %> segment create vpn-central']
  static args = {
    segment: Args.string({description: 'Isolation segment name.', required: true}),
  }

  async run(): Promise<CreateSegmentResult> {
    const {args} = await this.parse(SegmentCreate)
    return this.output(await createSegment(await this.context.client(), {segment: args.segment}, this.reporter), renderCreateSegment)
  }
}
