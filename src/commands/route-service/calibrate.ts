import {Args} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {calibrate, type CalibrateResult} from '../../ops/route-service/calibrate.js'
import {renderCalibrate} from '../../render/route-service.js'

export default class RouteServiceCalibrate extends BaseCommand<CalibrateResult> {
  static summary = "Measure the platform's hops in front of the proxy, and say which hop profile fits."
  static description =
    "Turns the proxy's diagnostic endpoint on (a rolling deployment), sends one request through the platform to " +
    'https://ROUTE/_cgx/calibrate, shows the X-Forwarded-For chain the proxy saw, and turns the diagnostic off again. ' +
    'ROUTE must be protected by the allowlist route service and have no path.'
  static examples = ['<%= config.bin %> route-service calibrate api.agency.gov']
  static args = {route: Args.string({description: 'A protected route without a path.', required: true})}

  async run(): Promise<CalibrateResult> {
    const {args} = await this.parse(RouteServiceCalibrate)
    return this.output(await calibrate(await this.context.client(), {route: args.route}, this.reporter), renderCalibrate)
  }
}
