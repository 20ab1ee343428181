// Apps move to a new segment only when their instances are replaced. After a change this lists the apps still
// running elsewhere and, when asked, replaces them with rolling deployments of their current droplet (no downtime),
// waiting until each one is FINALIZED/DEPLOYED.
import {mapConcurrent, type CfApiError, type CfClient, type Deployment} from '../../cf/index.js'
import type {EffectiveSegment} from '../../domain/segments/effective.js'
import {groupBy} from '../../domain/segments/state.js'
import {restartsNeeded} from '../../domain/segments/warnings.js'
import {OpError} from '../errors.js'
import {loadAppPlacements} from '../foundation/index.js'
import type {Reporter} from '../reporter.js'
import {guardWrite} from '../guard.js'

export interface SpaceAfterChange {
  guid: string
  name: string
  org: string
  effective: EffectiveSegment
}

export interface AppToRestart {
  app: string
  appGuid: string
  org: string
  space: string
  spaceGuid: string
  /** Running instances on another segment than `movesTo`. */
  instances: number
  runningOn: string[]
  movesTo: string
}

export interface RestartedApp {
  app: string
  appGuid: string
  space: string
  deploymentGuid: string
  /** The deployment's final status, always "FINALIZED/DEPLOYED" in a result (anything else is an error). */
  status: string
}

export interface RestartOptions {
  /** Replace the listed apps' instances now; otherwise only say which need it. */
  restart?: boolean
  /** How often to poll a deployment (default 1 s) and how long to wait for one (default 10 min). */
  pollIntervalMs?: number
  timeoutMs?: number
}

/** Deployments in flight at once: each replaces instances one by one, so a few together keep the wait short. */
const RESTART_CONCURRENCY = 4

export async function appsToRestart(cf: CfClient, spaces: readonly SpaceAfterChange[]): Promise<AppToRestart[]> {
  if (spaces.length === 0) return []
  const placements = groupBy(await loadAppPlacements(cf, {spaceGuids: spaces.map((s) => s.guid)}), (p) => p.spaceGuid)
  return spaces.flatMap((space) =>
    restartsNeeded(space.effective, placements.get(space.guid) ?? []).map((needed) => ({
      app: needed.app,
      appGuid: needed.appGuid,
      org: space.org,
      space: space.name,
      spaceGuid: space.guid,
      instances: needed.instances,
      runningOn: [...needed.runningOn],
      movesTo: space.effective.name,
    })),
  )
}

/** Restart the apps when asked (and return them); otherwise warn which ones keep running on their old segment. */
export async function restartIfAsked(
  cf: CfClient,
  apps: readonly AppToRestart[],
  options: RestartOptions,
  reporter: Reporter,
): Promise<RestartedApp[]> {
  if (apps.length === 0) return []
  if (!options.restart) {
    const names = apps.map((a) => `${a.space}/${a.app}`).join(', ')
    reporter.warn(
      `${apps.length === 1 ? '1 app keeps' : `${apps.length} apps keep`} running on the old segment until restarted (${names}). ` +
        'Run again with --restart for rolling restarts without downtime, or `cf restart APP --strategy rolling`.',
    )
    return []
  }
  return restartApps(cf, apps, options, reporter)
}

/** An app to replace the instances of, wherever the reason comes from (a segment change, a rotated certificate). */
export type AppRef = Pick<AppToRestart, 'app' | 'appGuid' | 'org' | 'space'>

/** Rolling deployments of the apps' current droplets, a few at a time, each awaited until DEPLOYED. */
export function restartApps(cf: CfClient, apps: readonly AppRef[], options: RestartOptions, reporter: Reporter): Promise<RestartedApp[]> {
  return mapConcurrent(apps, RESTART_CONCURRENCY, (app) => restartApp(cf, app, options, reporter))
}

async function restartApp(cf: CfClient, app: AppRef, options: RestartOptions, reporter: Reporter): Promise<RestartedApp> {
  const guard = {
    action: `restarting app '${app.app}' in space '${app.space}'`,
    role: `a space developer of '${app.org}/${app.space}'`,
    // CC answers a caller who may read but not manage the app with 422, not 403 (capi behaviour 26).
    unprocessable: (error: CfApiError) =>
      error.detail.startsWith('Unable to use app')
        ? new OpError(
            'NOT_AUTHORIZED',
            `The platform refused restarting app '${app.app}': that needs a space developer of '${app.org}/${app.space}'.`,
          )
        : undefined,
  }
  const started = await guardWrite(guard, async () => {
    const droplet = await cf.apps.getCurrentDroplet(app.appGuid)
    return cf.deployments.create({relationships: {app: {data: {guid: app.appGuid}}}, droplet: {guid: droplet.guid}, strategy: 'rolling'})
  })
  reporter.progress(`Restarting ${app.space}/${app.app} (rolling deployment ${started.guid})...`)
  let last = ''
  const done = await cf.deployments.waitUntilFinalized(started.guid, {
    intervalMs: options.pollIntervalMs,
    timeoutMs: options.timeoutMs,
    onProgress: (d) => {
      if (statusOf(d) !== last) reporter.progress(`  ${app.app}: ${(last = statusOf(d))}`)
    },
  })
  if (done.status.reason !== 'DEPLOYED') {
    throw new OpError('RESTART_FAILED', `The rolling restart of '${app.app}' in space '${app.space}' ended ${statusOf(done)}.`, {
      suggestions: [`Check it with \`cf app ${app.app}\`, then retry with \`cf restart ${app.app} --strategy rolling\`.`],
    })
  }
  return {app: app.app, appGuid: app.appGuid, space: app.space, deploymentGuid: done.guid, status: statusOf(done)}
}

const statusOf = (d: Deployment) => `${d.status.value}/${d.status.reason}`
