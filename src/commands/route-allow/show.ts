import {Args} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {showAllowlist, type RouteShowResult} from '../../ops/route-allow/show.js'
import {renderRouteShow} from '../../render/route-allow.js'

export default class RouteAllowShow extends BaseCommand<RouteShowResult> {
  static summary = 'Show how a route is protected: its allow list, route service, proxy and hop profile.'
  static examples = ['<%= config.bin %> route-allow show api.agency.gov/v1', '<%= config.bin %> route-allow show api.agency.gov/v1 --json']
  static args = {route: Args.string({description: 'The route, host.domain[/path].', required: true})}

  async run(): Promise<RouteShowResult> {
    const {args} = await this.parse(RouteAllowShow)
    return this.output(await showAllowlist(await this.context.client(), {route: args.route}), renderRouteShow)
  }
}
