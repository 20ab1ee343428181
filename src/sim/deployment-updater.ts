// The deployment updater (behaviour 26): every tick it moves an ACTIVE deployment one step. Rolling scales the
// new web process up and the old ones down `max_in_flight` at a time; canary pauses after its canary is up;
// cancel removes the new process and restores the old one.
import {currentTemplate, scaleRunning, webProcesses} from './lifecycle.js'
import type {DeploymentRecord, ProcessRecord} from './model.js'
import type {RouterView} from './router-view.js'
import type {Store} from './store.js'

export const isActive = (d: DeploymentRecord): boolean => !d.superseded && d.state !== 'DEPLOYED' && d.state !== 'CANCELED'

function scale(store: Store, process: ProcessRecord, instances: number): void {
  const app = store.tables.apps.get(process.app_guid)
  if (!app) return
  store.touch('processes', process, {instances})
  scaleRunning(store, process, instances, currentTemplate(store, app))
}

function rollingStep(store: Store, deployment: DeploymentRecord): void {
  const fresh = store.tables.processes.get(deployment.new_process_guids[0])
  if (!fresh) return
  const target = deployment.target_instances
  scale(store, fresh, Math.min(target, fresh.instances + deployment.max_in_flight))
  let surplus =
    webProcesses(store, deployment.app_guid)
      .filter((p) => p.guid !== fresh.guid)
      .reduce((sum, p) => sum + p.instances, 0) -
    (target - fresh.instances)
  for (const old of webProcesses(store, deployment.app_guid).filter((p) => p.guid !== fresh.guid)) {
    const drop = Math.min(old.instances, Math.max(0, surplus))
    scale(store, old, old.instances - drop)
    surplus -= drop
  }
  if (fresh.instances < target) return
  for (const old of webProcesses(store, deployment.app_guid)) {
    if (old.guid !== fresh.guid) store.tables.processes.remove(old.guid)
  }
  store.touch('deployments', deployment, {state: 'DEPLOYED', last_status_change: store.now()})
}

function cancelStep(store: Store, deployment: DeploymentRecord): void {
  for (const guid of deployment.new_process_guids) store.tables.processes.remove(guid)
  const [original] = webProcesses(store, deployment.app_guid)
  if (original) scale(store, original, deployment.target_instances)
  store.touch('deployments', deployment, {state: 'CANCELED', last_status_change: store.now()})
}

/** One updater run; returns whether the deployment still needs the updater. */
export function tick(store: Store, router: RouterView, guid: string, journalIndex: number | null): boolean {
  const deployment = store.tables.deployments.get(guid)
  if (!deployment || !isActive(deployment)) return false
  if (deployment.state === 'PAUSED') return false
  if (deployment.state === 'PREPAUSED') {
    store.touch('deployments', deployment, {state: 'PAUSED', last_status_change: store.now()})
    return false
  }
  if (deployment.state === 'CANCELING') cancelStep(store, deployment)
  else rollingStep(store, deployment)
  router.resendForApp(deployment.app_guid, journalIndex)
  return isActive(deployment)
}
