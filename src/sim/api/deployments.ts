// Deployments: rolling and canary with CC's status model, cancel and continue (200, empty body), list and get.
import {canReadSpace} from '../access.js'
import {isActive, tick} from '../deployment-updater.js'
import type {Dispatcher} from '../dispatch.js'
import {resourceNotFound, unprocessable} from '../errors.js'
import {isObject, ok, readBody, relationshipGuid, type Body, type Ctx} from '../http.js'
import {currentTemplate, makeInstances, newProcess, restartInstances, webProcesses} from '../lifecycle.js'
import {fieldIn, LIST_KEYS, listResponse, type ListSpec} from '../listing.js'
import {updateMetadata, validateMetadata} from '../metadata.js'
import type {AppRecord, DeploymentRecord} from '../model.js'
import {guidFrom} from '../guid.js'
import {link, metadataOf, stamps, toOne} from '../present.js'

function status(d: DeploymentRecord): {value: string; reason: string} {
  if (d.superseded) return {value: 'FINALIZED', reason: 'SUPERSEDED'}
  const map: Record<string, [string, string]> = {
    DEPLOYING: ['ACTIVE', 'DEPLOYING'],
    PREPAUSED: ['ACTIVE', 'DEPLOYING'],
    PAUSED: ['ACTIVE', 'PAUSED'],
    CANCELING: ['ACTIVE', 'CANCELING'],
    DEPLOYED: ['FINALIZED', 'DEPLOYED'],
    CANCELED: ['FINALIZED', 'CANCELED'],
  }
  const [value, reason] = map[d.state]
  return {value, reason}
}

export function presentDeployment(ctx: Ctx, d: DeploymentRecord): unknown {
  const self = `/v3/deployments/${d.guid}`
  const {value, reason} = status(d)
  const links: Record<string, unknown> = {self: link(ctx, self), app: link(ctx, `/v3/apps/${d.app_guid}`)}
  if (value === 'ACTIVE') links.cancel = link(ctx, `${self}/actions/cancel`, 'POST')
  if (reason === 'PAUSED') links.continue = link(ctx, `${self}/actions/continue`, 'POST')
  const canary = d.strategy === 'canary' ? {canary: {steps: {current: d.current_step, total: d.canary_steps?.length ?? 1}}} : {}
  return {
    ...stamps(d),
    status: {
      value,
      reason,
      details: {last_successful_healthcheck: d.last_status_change, last_status_change: d.last_status_change},
      ...canary,
    },
    strategy: d.strategy,
    options: {max_in_flight: d.max_in_flight, ...(d.canary_steps ? {canary: {steps: d.canary_steps}} : {})},
    droplet: {guid: d.droplet_guid},
    previous_droplet: {guid: d.previous_droplet_guid},
    new_processes: d.new_process_guids.map((guid) => ({guid, type: 'web'})),
    revision: {guid: guidFrom('revision', d.guid), version: d.revision_version},
    relationships: {app: toOne(d.app_guid)},
    metadata: metadataOf(d),
    links,
  }
}

function findDeployment(ctx: Ctx, guid: string): DeploymentRecord {
  const d = ctx.store.tables.deployments.get(guid)
  const app = d ? ctx.store.tables.apps.get(d.app_guid) : undefined
  if (!d || !app || !canReadSpace(ctx, app.space_guid)) throw resourceNotFound('Deployment')
  return d
}

const listSpec: ListSpec<DeploymentRecord> = {
  allowed: [...LIST_KEYS, 'app_guids', 'states', 'status_reasons', 'status_values', 'label_selector'],
  filters: {
    app_guids: fieldIn((d) => d.app_guid),
    states: fieldIn((d) => d.state),
    status_reasons: (values) => (d) => values.includes(status(d).reason),
    status_values: (values) => (d) => values.includes(status(d).value),
  },
  present: presentDeployment,
}

function runUpdater(ctx: Ctx, guid: string): void {
  const journalIndex = ctx.journalIndex
  ctx.services.every(ctx.services.deploymentStepMs, () => tick(ctx.store, ctx.services.router, guid, journalIndex))
}

function readOptions(body: Body): {maxInFlight: number; steps: Array<{instance_weight: number}> | null} {
  const options = isObject(body.options) ? body.options : {}
  const maxInFlight = options.max_in_flight ?? 1
  if (typeof maxInFlight !== 'number' || maxInFlight < 1) throw unprocessable('Max in flight must be an integer greater than 0')
  const canary = isObject(options.canary) ? options.canary : {}
  return {maxInFlight, steps: Array.isArray(canary.steps) ? (canary.steps as Array<{instance_weight: number}>) : null}
}

function targetDroplet(ctx: Ctx, body: Body, app: AppRecord): string {
  const guid = isObject(body.droplet) && typeof body.droplet.guid === 'string' ? body.droplet.guid : app.current_droplet_guid
  if (!guid || ctx.store.tables.droplets.get(guid)?.app_guid !== app.guid) {
    throw unprocessable('Unable to assign current droplet. Ensure the droplet exists and belongs to this app.')
  }
  return guid
}

function create(ctx: Ctx) {
  const body = readBody(ctx, ['droplet', 'revision', 'strategy', 'options', 'relationships', 'metadata'])
  validateMetadata(body.metadata)
  const {store} = ctx
  const app = store.tables.apps.get(relationshipGuid(body, 'app') ?? '')
  if (!app || !canReadSpace(ctx, app.space_guid)) {
    throw unprocessable('Unable to use app. Ensure that the app exists and you have access to it.')
  }
  const strategy = body.strategy === 'canary' ? 'canary' : 'rolling'
  const {maxInFlight, steps} = readOptions(body)
  const droplet = targetDroplet(ctx, body, app)
  const previous = app.current_droplet_guid
  const existing = store.tables.deployments.by('app', app.guid)
  const stopped = app.state === 'STOPPED'
  if (!stopped) {
    for (const d of existing.filter(isActive))
      store.touch('deployments', d, {superseded: true, state: d.state === 'DEPLOYING' ? 'DEPLOYED' : 'CANCELED'})
  }
  store.touch('apps', app, {current_droplet_guid: droplet, state: 'STARTED'})
  const [newest] = webProcesses(store, app.guid).slice(-1)
  const target = newest?.instances ?? 1
  const deployment: DeploymentRecord = {
    ...store.base('deployment'),
    app_guid: app.guid,
    state: stopped ? 'DEPLOYED' : strategy === 'canary' ? 'PREPAUSED' : 'DEPLOYING',
    superseded: false,
    strategy,
    max_in_flight: maxInFlight,
    canary_steps: steps,
    current_step: 1,
    droplet_guid: droplet,
    previous_droplet_guid: previous,
    new_process_guids: [],
    target_instances: target,
    revision_version: existing.length + 1,
    last_status_change: store.now(),
  }
  deployment.metadata = updateMetadata(deployment.metadata, body.metadata)
  if (stopped) {
    restartInstances(store, app)
  } else {
    const fresh = newProcess(store, app, strategy === 'canary' ? 1 : Math.min(maxInFlight, target), newest?.memory_in_mb)
    // CC clones the newest web process: its command and health check carry over.
    if (newest)
      store.tables.processes.update(fresh, {
        command: newest.command,
        health_check_type: newest.health_check_type,
        health_check_endpoint: newest.health_check_endpoint,
      })
    fresh.running = makeInstances(store, currentTemplate(store, app), 0, fresh.instances)
    deployment.new_process_guids = [fresh.guid]
  }
  store.tables.deployments.insert(deployment)
  ctx.services.router.resendForApp(app.guid, ctx.journalIndex)
  if (!stopped) runUpdater(ctx, deployment.guid)
  return ok(presentDeployment(ctx, deployment), 201)
}

function cancel(ctx: Ctx) {
  const d = findDeployment(ctx, ctx.params.guid)
  const {value, reason} = status(d)
  if (value !== 'ACTIVE') throw unprocessable(`Cannot cancel a deployment with status: ${value} and reason: ${reason}`)
  const app = ctx.store.tables.apps.get(d.app_guid)
  if (app && d.previous_droplet_guid) ctx.store.touch('apps', app, {current_droplet_guid: d.previous_droplet_guid})
  const wasTicking = d.state !== 'PAUSED'
  ctx.store.touch('deployments', d, {state: 'CANCELING', last_status_change: ctx.store.now()})
  if (!wasTicking) runUpdater(ctx, d.guid)
  return {status: 200}
}

function resume(ctx: Ctx) {
  const d = findDeployment(ctx, ctx.params.guid)
  const {value, reason} = status(d)
  if (d.state !== 'PAUSED') throw unprocessable(`Cannot continue a deployment with status: ${value} and reason: ${reason}`)
  const lastStep = d.current_step >= (d.canary_steps?.length ?? 1)
  ctx.store.touch('deployments', d, {
    state: lastStep ? 'DEPLOYING' : 'PREPAUSED',
    current_step: lastStep ? d.current_step : d.current_step + 1,
    last_status_change: ctx.store.now(),
  })
  runUpdater(ctx, d.guid)
  return {status: 200}
}

export function registerDeployments(d: Dispatcher): void {
  d.add('GET', '/v3/deployments', (ctx) =>
    listResponse(
      ctx,
      ctx.store.tables.deployments.all().filter((dep) => canReadSpace(ctx, ctx.store.tables.apps.get(dep.app_guid)?.space_guid ?? '')),
      listSpec,
    ),
  )
    .add('POST', '/v3/deployments', create)
    .add('GET', '/v3/deployments/:guid', (ctx) => ok(presentDeployment(ctx, findDeployment(ctx, ctx.params.guid))))
    .add('POST', '/v3/deployments/:guid/actions/cancel', cancel)
    .add('POST', '/v3/deployments/:guid/actions/continue', resume)
}
