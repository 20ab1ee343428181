import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {formatFlag, type Views} from '../cli/views.js'
import {reportReach, type ReachReport} from '../ops/reach/report.js'
import {renderReachMermaid} from '../render/mermaid.js'
import {renderReach, renderReachCsv} from '../render/reach.js'
import {networkFlags, networkSources, scopeFlags} from '../cli/flags.js'

const VIEWS: Views<ReachReport, {rules?: boolean}> = {
  table: (report, options, flags) => renderReach(report, options, {rules: flags.rules}),
  csv: renderReachCsv,
  mermaid: renderReachMermaid,
}

export default class Reach extends BaseCommand<ReachReport> {
  static summary = 'Which spaces can reach which private networks, on which ports, and why.'
  static description =
    'A space reaches a private network when its effective isolation segment has a route to it and an ASG that applies ' +
    'to the space (globally enabled, or bound to the space) has a rule opening it; running and staging are judged ' +
    'separately. Without --network, each space is judged against the networks behind its own segment; with it, every ' +
    "space is. A --network (or the part of it) behind no segment's private networks is public: every segment reaches " +
    'it through the platform\'s egress, so the ASGs alone decide (its rows say so, and are "public" in JSON). --rules ' +
    "prints every rule's verdict.\n\n" +
    'Verdicts: yes, partly or no. Without --port, "yes" needs a tcp port other than DNS (53) open to the whole network: ' +
    'a global DNS rule opens port 53 everywhere, so a space that reaches only that reads "partly (dns only)" (in JSON, ' +
    'reachable "partly" with dnsOnly true), its ports still listed. With --port, the ports asked are the question.\n\n' +
    'Apps move to a new segment only when restarted. The running verdict covers every started instance where it runs ' +
    'now, read from process stats (the restart check of `segment status`): an app still on another segment makes it ' +
    '"partly" when that segment gives another verdict, and the row lists it under pending. Staging is judged on the ' +
    'effective segment, where new staging runs. --no-restart-check skips the check: running verdicts then assume every ' +
    'app has moved, and say so.\n\n' +
    'For CI: --fail-if-reachable CIDR exits 3 when any space outside --allow-space can reach it.\n\n' +
    'Cost: a fixed number of requests however many spaces there are, plus, for the restart check, two listings and one ' +
    'process-stats request per started app (--no-restart-check skips those).'
  static examples = [
    '<%= config.bin %> reach',
    '<%= config.bin %> reach --org agency-a --network 10.10.0.0/16 --port 443 --rules',
    '<%= config.bin %> reach --format mermaid > reach.md',
    '<%= config.bin %> reach --fail-if-reachable 10.20.0.0/16 --allow-space agency-a/prod',
  ]
  static flags = {
    ...scopeFlags,
    network: Flags.string({summary: 'Only this network (CIDR): every space is judged against it.', helpValue: 'CIDR'}),
    port: Flags.string({summary: 'Only these ports, e.g. 443, 80-90, 80,443.', helpValue: 'PORT'}),
    lifecycle: Flags.option({options: ['running', 'staging'] as const, summary: 'Only this lifecycle (default: both).'})(),
    format: formatFlag(VIEWS),
    rules: Flags.boolean({
      summary: 'Show every rule of every applicable ASG under its row (table format).',
      // The table is the only view that prints rules; --json and --format json always carry them.
      relationships: [{type: 'none', flags: ['json', {name: 'format', when: async (flags) => flags.format !== 'table'}]}],
    }),
    'fail-if-reachable': Flags.string({summary: 'Exit 3 if any space (outside --allow-space) can reach this CIDR.', helpValue: 'CIDR'}),
    'allow-space': Flags.string({
      summary: 'ORG/SPACE or ORG/* allowed to reach the --fail-if-reachable network.',
      multiple: true,
      helpValue: 'ORG/SPACE',
      dependsOn: ['fail-if-reachable'],
    }),
    'restart-check': Flags.boolean({
      summary: 'Read process stats to judge running apps where they run now (one request per started app).',
      default: true,
      allowNo: true,
    }),
    ...networkFlags,
  }

  async run(): Promise<ReachReport> {
    const {flags} = await this.parse(Reach)
    const result = await reportReach(await this.context.client(), {
      org: flags.org,
      space: flags.space,
      network: flags.network,
      port: flags.port,
      lifecycle: flags.lifecycle,
      failIfReachable: flags['fail-if-reachable'],
      allowSpaces: flags['allow-space'],
      restartCheck: flags['restart-check'],
      networks: networkSources(flags, await this.context.settings()),
      reporter: this.reporter,
    })
    return this.outputView(result, VIEWS, flags)
  }
}
