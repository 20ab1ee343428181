import {Args} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {checkAllowlist, type RouteCheckResult} from '../../ops/route-allow/check.js'
import {renderRouteCheck} from '../../render/route-allow.js'

export default class RouteAllowCheck extends BaseCommand<RouteCheckResult> {
  static summary = 'Would a client at this address get into the route? Exit 0 yes, 1 no.'
  static description =
    'Decided by the same code the proxy runs, on the policy it runs. A route that is not protected lets everyone in. ' +
    'A "no" is an answer, not an error: it is printed on stdout, and under --json it is the result with allowed: false, ' +
    'the reason and the allow list (status 1). What cgx cannot answer (an unknown route, a bad address, a route service cgx ' +
    'does not manage) is an error, also exit 1.'
  static examples = ['<%= config.bin %> route-allow check api.agency.gov/v1 203.0.113.9']
  static args = {
    route: Args.string({description: 'The route, host.domain[/path].', required: true}),
    ip: Args.string({description: "The client's IPv4 or IPv6 address.", required: true}),
  }

  async run(): Promise<RouteCheckResult> {
    const {args} = await this.parse(RouteAllowCheck)
    const result = await checkAllowlist(await this.context.client(), {route: args.route, ip: args.ip})
    if (!result.allowed) process.exitCode = 1
    return this.output(result, renderRouteCheck)
  }
}
