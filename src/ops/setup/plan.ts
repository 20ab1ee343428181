// `cgx plan -f FILE`: the changes apply would make, as data.
import type {CfClient} from '../../cf/index.js'
import type {Plan} from '../../domain/setup/plan.js'
import type {Reporter} from '../reporter.js'
import {preparePlan, type SetupRequest} from './prepare.js'

export async function planSetup(cf: CfClient, request: SetupRequest, reporter: Reporter): Promise<Plan> {
  return (await preparePlan(cf, request, reporter)).plan
}
