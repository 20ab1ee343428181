import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {networkFlags, networkSources, scopeFlags} from '../../cli/flags.js'
import {reportSegmentStatus, type SegmentStatus} from '../../ops/segments/status.js'
import {renderSegmentStatus} from '../../render/segments.js'

export default class SegmentStatusCommand extends BaseCommand<SegmentStatus> {
  static summary = 'Which segment every space runs on, why, what is misconfigured, and which apps need a restart.'
  static description =
    'For each org: entitled segments, default segment, and the mistakes users trip on (entitled but no default while ' +
    'spaces run on shared; default not entitled; entitled but unused). For each space: its own segment, the effective ' +
    'one and where that comes from (space, org default, shared), the private networks it sits in front of, and apps ' +
    'with instances still running on another segment (they move only when restarted).\n\n' +
    'Cost: a fixed number of requests however many spaces there are (segments, orgs, spaces, org defaults), plus, for ' +
    'the restart check, two listings and one process-stats request per started app. On a large foundation, ' +
    '--no-restart-check skips those.'
  static examples = [
    '<%= config.bin %> segment status',
    '<%= config.bin %> segment status --org agency-a',
    '<%= config.bin %> segment status --no-restart-check --json',
  ]
  static flags = {
    ...scopeFlags,
    'restart-check': Flags.boolean({
      summary: 'Read process stats to find apps still running on another segment (one request per started app).',
      default: true,
      allowNo: true,
    }),
    ...networkFlags,
  }

  async run(): Promise<SegmentStatus> {
    const {flags} = await this.parse(SegmentStatusCommand)
    const result = await reportSegmentStatus(await this.context.client(), {
      org: flags.org,
      space: flags.space,
      restartCheck: flags['restart-check'],
      networks: networkSources(flags, await this.context.settings()),
      reporter: this.reporter,
    })
    return this.output(result, renderSegmentStatus)
  }
}
