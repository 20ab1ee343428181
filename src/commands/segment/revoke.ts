import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {ORG} from '../../cli/flags.js'
import {revokeSegment, type RevokeResult} from '../../ops/segments/revoke.js'
import {renderRevoke} from '../../render/segment-changes.js'

export default class SegmentRevoke extends BaseCommand<RevokeResult> {
  static summary = "Revoke orgs' entitlement to an isolation segment (platform admins)."
  static description =
    "The platform refuses while the segment is an org's default or assigned to one of its spaces; cgx checks every org " +
    'first, lists the spaces in the way and the commands that clear them, and then changes nothing.'
  static examples = ['<%= config.bin %> segment revoke vpn-east --org agency-b']
  static args = {
    segment: Args.string({description: 'Isolation segment name.', required: true}),
  }
  static flags = {
    org: Flags.string({
      ...ORG,
      summary: 'Org to revoke (repeatable, or comma-separated).',
      multiple: true,
      multipleNonGreedy: true,
      delimiter: ',',
      required: true,
    }),
  }

  async run(): Promise<RevokeResult> {
    const {args, flags} = await this.parse(SegmentRevoke)
    const result = await revokeSegment(await this.context.client(), {segment: args.segment, orgs: flags.org})
    return this.output(result, renderRevoke)
  }
}
