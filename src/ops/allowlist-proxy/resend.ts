// Telling the router the route service URL a route's binding has now (capi behaviour 27: changing an instance's URL
// does not reach the router by itself). From API 3.183.0 an empty `options` PATCH re-sends one route at once; older
// Cloud Controllers refuse that field (422 "Unknown field(s): 'options'"), so there the started apps mapped to the
// routes get a rolling deployment, which desires them with fresh routes and has no downtime.
import {versionAtLeast} from '../../cf/api-version.js'
import type {CfClient, PollOptions} from '../../cf/index.js'
import {OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'

export const ROUTE_OPTIONS_SINCE = '3.183.0'

export async function resendRoutes(
  cf: CfClient,
  routeGuids: readonly string[],
  run: {reporter: Reporter; poll?: PollOptions},
): Promise<void> {
  if (routeGuids.length === 0) return
  if (versionAtLeast(await cf.apiVersion(), ROUTE_OPTIONS_SINCE)) {
    for (const guid of routeGuids) await cf.routes.update(guid, {options: {}})
    return
  }
  await redeployMappedApps(cf, routeGuids, run)
}

async function redeployMappedApps(
  cf: CfClient,
  routeGuids: readonly string[],
  run: {reporter: Reporter; poll?: PollOptions},
): Promise<void> {
  const routes = await cf.routes.listAll({guids: [...routeGuids]})
  const appGuids = [...new Set(routes.flatMap((r) => r.destinations.map((d) => d.app.guid)))]
  const started = appGuids.length === 0 ? [] : (await cf.apps.listAll({guids: appGuids})).filter((a) => a.state === 'STARTED')
  for (const app of started) {
    run.reporter.progress(
      `This Cloud Controller (before ${ROUTE_OPTIONS_SINCE}) re-sends routes only with the apps: rolling deployment of ${app.name} (no downtime).`,
    )
    const deployment = await cf.deployments.create({relationships: {app: {data: {guid: app.guid}}}, strategy: 'rolling'})
    const done = await cf.deployments.waitUntilFinalized(deployment.guid, run.poll)
    if (done.status.reason !== 'DEPLOYED') {
      throw new OpError(
        'ROLLOUT_NOT_FINISHED',
        `The rolling deployment of ${app.name} ended ${done.status.reason}, so the router may still use the old route service URL for its routes.`,
        {
          suggestions: ['Run the same command again: it re-sends the routes that are left.'],
        },
      )
    }
  }
}
