import {BaseCommand} from '../../cli/base-command.js'
import {listSegments, type SegmentList} from '../../ops/segments/list.js'
import {renderSegmentList} from '../../render/segments.js'
import {networkFlags, networkSources} from '../../cli/flags.js'

export default class SegmentListCommand extends BaseCommand<SegmentList> {
  static summary = 'List isolation segments with their entitled orgs, assigned spaces and private networks.'
  static description =
    'Counts are of orgs entitled to the segment and of spaces assigned to it directly (spaces that run on it through ' +
    "their org's default are shown by `cgx segment status`). Networks come from the segment annotation, the cgx config " +
    'and --networks-file.'
  static examples = ['<%= config.bin %> segment list', '<%= config.bin %> segment list --json']
  static flags = {...networkFlags}

  async run(): Promise<SegmentList> {
    const {flags} = await this.parse(SegmentListCommand)
    const result = await listSegments(await this.context.client(), {
      networks: networkSources(flags, await this.context.settings()),
      reporter: this.reporter,
    })
    return this.output(result, renderSegmentList)
  }
}
