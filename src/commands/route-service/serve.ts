import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {
  CALIBRATE_VAR,
  POLICY_VAR,
  PORT_VAR,
  serveRouteService,
  WHOLE_SPACE_VAR,
  type Engine,
  type ServeResult,
} from '../../ops/route-service/serve.js'
import {renderServe} from '../../render/route-service.js'

export default class RouteServiceServe extends BaseCommand<ServeResult> {
  static summary = 'Run the allowlist route service here, until SIGTERM or SIGINT.'
  static description =
    `The policy comes from ${POLICY_VAR} (as in the deployed app) or --policy-file; a policy with any error does not ` +
    `start. Logs are JSON lines on stdout. ${CALIBRATE_VAR}=true serves the diagnostic; ${WHOLE_SPACE_VAR}=true accepts an allow list as open as /0 (1/16 of IPv4 or of IPv6 2000::/3, or more).`
  static examples = [
    `${POLICY_VAR}='{"hops":"local","routes":[{"route":"api.agency.gov","allow":["203.0.113.0/24"]}]}' <%= config.bin %> route-service serve --port 8080`,
    '<%= config.bin %> route-service serve --policy-file policy.json',
    '<%= config.bin %> route-service serve --engine nginx --policy-file policy.json',
  ]
  static flags = {
    port: Flags.integer({summary: 'Port to listen on.', env: PORT_VAR, default: 8080}),
    'policy-file': Flags.string({summary: `Read the policy from this JSON file instead of ${POLICY_VAR}.`}),
    engine: Flags.string({
      summary:
        'node: the Node proxy in this process; nginx: the policy compiled to nginx configuration, run by the nginx on PATH (1.23 or later; Debian 13 package nginx).',
      options: ['node', 'nginx'],
      default: 'node',
    }),
  }

  async run(): Promise<ServeResult> {
    const {flags} = await this.parse(RouteServiceServe)
    const result = await serveRouteService(
      {port: flags.port, engine: flags.engine as Engine, policyFile: flags['policy-file'], env: this.context.env},
      this.reporter,
    )
    return this.output(result, renderServe)
  }
}
