import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {ORG} from '../../cli/flags.js'
import {setDefaultSegment, type DefaultSegmentResult} from '../../ops/segments/default.js'
import {renderDefault} from '../../render/segment-changes.js'

export default class SegmentDefault extends BaseCommand<DefaultSegmentResult> {
  static summary = 'Show, set or --reset the default isolation segment of an org.'
  static description =
    'Spaces without a segment of their own run on the org default (or on shared without one). Apps move only when ' +
    'restarted: cgx lists those still on the old segment, and --restart replaces them with rolling deployments. ' +
    'Needs a platform admin or an org manager; the segment must be entitled to the org.'
  static examples = [
    '<%= config.bin %> segment default vpn-east --org agency-b',
    '<%= config.bin %> segment default vpn-east --restart',
    '<%= config.bin %> segment default --reset --org agency-b',
    '<%= config.bin %> segment default --org agency-b              # show it, the spaces that follow it, apps not moved yet',
  ]
  static args = {
    segment: Args.string({description: 'Isolation segment name (omit with --reset, or to show the current default).'}),
  }
  static flags = {
    org: Flags.string({...ORG, summary: 'Org (default: the targeted org).'}),
    reset: Flags.boolean({summary: 'Clear the default: spaces without their own segment run on shared.'}),
    restart: Flags.boolean({summary: 'Restart the apps that must move, with rolling deployments (no downtime).'}),
  }

  async run(): Promise<DefaultSegmentResult> {
    const {args, flags} = await this.parse(SegmentDefault)
    const request = {segment: args.segment, reset: flags.reset, org: flags.org, restart: flags.restart}
    const result = await setDefaultSegment(await this.context.client(), request, this.reporter)
    return this.output(result, renderDefault)
  }
}
