import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {formatFlag, JSON_FORMAT} from '../../cli/views.js'
import {egressRanges, type EgressRangesResult} from '../../ops/egress/ranges.js'
import {EGRESS_RANGES_VIEWS} from '../../render/egress.js'

export default class EgressRanges extends BaseCommand<EgressRangesResult> {
  static summary = "Show the foundation's egress ranges, in a form a firewall owner can paste."
  static description =
    "The addresses apps on the foundation connect out from: cloud.gov's are built in; for other foundations put them in " +
    'the cgx config ($CGX_CONFIG or ~/.cgx/config.yml, under foundations.<API URL>.egress). The API is the one you are ' +
    'logged in to, or --api. These addresses are shared by every app on the platform: an IP filter proves only that ' +
    'traffic comes from the platform, not from your app, so authenticate the client as well.'
  static examples = [
    '<%= config.bin %> egress ranges',
    '<%= config.bin %> egress ranges --api https://api.fr.cloud.gov --format nginx',
    '<%= config.bin %> egress ranges --format aws-sg --ports 443',
    '<%= config.bin %> egress ranges --format csv > egress.csv',
  ]
  static flags = {
    // No -f: in cgx -f is always a file (plan, apply, export).
    format: formatFlag(EGRESS_RANGES_VIEWS, 'The form to paste (json-document: a JSON document of the ranges)'),
    ports: Flags.string({
      helpValue: 'PORTS',
      summary: 'tcp ports the iptables and aws-sg forms open (443, 80,443, 8000-8100); all traffic when absent.',
    }),
    api: Flags.string({
      char: 'a',
      helpValue: 'URL',
      summary: 'API URL of the foundation (default: the one you are logged in to).',
      env: 'CF_API',
    }),
  }

  async run(): Promise<EgressRangesResult> {
    const {flags} = await this.parse(EgressRanges)
    const settings = await this.context.settings()
    const result = await egressRanges(
      {
        api: flags.api,
        env: this.context.env,
        settings,
        format: flags.format === JSON_FORMAT ? undefined : flags.format,
        ports: flags.ports,
      },
      this.reporter,
    )
    return this.outputView(result, EGRESS_RANGES_VIEWS, flags)
  }
}
