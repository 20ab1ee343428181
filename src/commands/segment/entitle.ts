import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {ORG} from '../../cli/flags.js'
import {entitleSegment, type EntitleResult} from '../../ops/segments/entitle.js'
import {renderEntitle} from '../../render/segment-changes.js'

export default class SegmentEntitle extends BaseCommand<EntitleResult> {
  static summary = 'Entitle orgs to an isolation segment (platform admins).'
  static description =
    "Lets the orgs' spaces use the segment. Entitling does not move any app: make it the org default (--default) or " +
    'assign it to spaces (`cgx segment assign`). Orgs already entitled are left as they are.'
  static examples = [
    '<%= config.bin %> segment entitle vpn-east --org agency-b',
    '<%= config.bin %> segment entitle vpn-east --org agency-b --org agency-c --default --restart',
  ]
  static args = {
    segment: Args.string({description: 'Isolation segment name.', required: true}),
  }
  static flags = {
    org: Flags.string({
      ...ORG,
      summary: 'Org to entitle (repeatable, or comma-separated).',
      multiple: true,
      multipleNonGreedy: true,
      delimiter: ',',
      required: true,
    }),
    default: Flags.boolean({summary: 'Also make the segment the default of each org.'}),
    restart: Flags.boolean({
      summary: 'With --default: restart the apps that must move, with rolling deployments (no downtime).',
      dependsOn: ['default'],
    }),
  }

  async run(): Promise<EntitleResult> {
    const {args, flags} = await this.parse(SegmentEntitle)
    const request = {segment: args.segment, orgs: flags.org, makeDefault: flags.default, restart: flags.restart}
    const result = await entitleSegment(await this.context.client(), request, this.reporter)
    return this.output(result, renderEntitle)
  }
}
