import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {checkEgressIp, type EgressCheckResult} from '../../ops/egress/check.js'
import {renderEgressCheck} from '../../render/egress.js'

export default class EgressCheck extends BaseCommand<EgressCheckResult> {
  static summary = "Check whether an address is one of the foundation's egress ranges (exit 0) or not (exit 1)."
  static description =
    'For the owner of an external service reading its logs: could this client address be the platform? A match says ' +
    'only that the traffic comes from the platform, not from which app: every app on it shares these addresses. ' +
    '"Outside" is an answer, not an error: it is printed on stdout, and under --json it is the result with inside: ' +
    'false and the reason (status 1).'
  static examples = [
    '<%= config.bin %> egress check 52.222.122.97',
    '<%= config.bin %> egress check 203.0.113.9 --api https://api.fr.cloud.gov --json',
  ]
  static args = {
    ip: Args.string({description: 'The IPv4 or IPv6 address to check.', required: true}),
  }
  static flags = {
    api: Flags.string({
      char: 'a',
      helpValue: 'URL',
      summary: 'API URL of the foundation (default: the one you are logged in to).',
      env: 'CF_API',
    }),
  }

  async run(): Promise<EgressCheckResult> {
    const {args, flags} = await this.parse(EgressCheck)
    const settings = await this.context.settings()
    const result = await checkEgressIp({api: flags.api, env: this.context.env, settings, ip: args.ip}, this.reporter)
    if (!result.inside) process.exitCode = 1
    return this.output(result, renderEgressCheck)
  }
}
