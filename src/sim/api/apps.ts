// Apps: list/get/create/update/delete, environment variables (merge, null deletes), start/stop/restart,
// the current droplet. Start and restart place fresh instances and re-send the app's routes.
import {canReadSpace} from '../access.js'
import {deleteApp} from '../cascade.js'
import type {Dispatcher} from '../dispatch.js'
import {resourceNotFound, unprocessable, uniqueness} from '../errors.js'
import {isObject, ok, readBody, relationshipGuid, requireName, toOneGuid, type Ctx} from '../http.js'
import {startJob} from '../jobs.js'
import {isDocker, newApp, newProcess, requestedBuildpacks, restartInstances, stopInstances} from '../lifecycle.js'
import {fieldIn, type Inclusion, LIST_KEYS, listResponse, type ListSpec, showResponse} from '../listing.js'
import {updateMetadata, validateMetadata} from '../metadata.js'
import type {AppRecord, SpaceRecord} from '../model.js'
import {link, metadataOf, stamps, toOne, toOneRelationship} from '../present.js'
import {presentOrg} from './organizations.js'
import {presentSpace, rowsInVisibleSpaces} from './spaces.js'

export function presentApp(ctx: Ctx, app: AppRecord): unknown {
  const self = `/v3/apps/${app.guid}`
  const action = (name: string) => link(ctx, `${self}/actions/${name}`, 'POST')
  return {
    ...stamps(app),
    name: app.name,
    state: app.state,
    lifecycle: isDocker(app) ? {type: 'docker', data: {}} : {type: 'buildpack', data: {buildpacks: [...app.buildpacks], stack: app.stack}},
    relationships: {space: toOne(app.space_guid), current_droplet: toOne(app.current_droplet_guid)},
    metadata: metadataOf(app),
    links: {
      self: link(ctx, self),
      environment_variables: link(ctx, `${self}/environment_variables`),
      space: link(ctx, `/v3/spaces/${app.space_guid}`),
      processes: link(ctx, `${self}/processes`),
      packages: link(ctx, `${self}/packages`),
      current_droplet: link(ctx, `${self}/droplets/current`),
      droplets: link(ctx, `${self}/droplets`),
      tasks: link(ctx, `${self}/tasks`),
      start: action('start'),
      stop: action('stop'),
      clear_buildpack_cache: action('clear_buildpack_cache'),
      revisions: link(ctx, `${self}/revisions`),
      deployed_revisions: link(ctx, `${self}/revisions/deployed`),
      features: link(ctx, `${self}/features`),
    },
  }
}

export function findApp(ctx: Ctx, guid: string): AppRecord {
  const app = ctx.store.tables.apps.get(guid)
  if (!app || !canReadSpace(ctx, app.space_guid)) throw resourceNotFound('App')
  return app
}

const spacesOf = (ctx: Ctx, apps: AppRecord[]): SpaceRecord[] => apps.flatMap((a) => ctx.store.tables.spaces.get(a.space_guid) ?? [])
const spaceInclusion: Inclusion<AppRecord> = {key: 'spaces', parents: spacesOf, present: presentSpace as never}

const listSpec: ListSpec<AppRecord> = {
  allowed: [...LIST_KEYS, 'names', 'organization_guids', 'space_guids', 'stacks', 'include', 'lifecycle_type', 'label_selector'],
  orderFields: ['created_at', 'updated_at', 'name', 'state'],
  filters: {
    names: fieldIn((a) => a.name),
    space_guids: fieldIn((a) => a.space_guid),
    organization_guids: (values, ctx) => (a) => values.includes(ctx.store.tables.spaces.get(a.space_guid)?.organization_guid ?? ''),
    stacks: fieldIn((a) => a.stack),
    lifecycle_type: (values) => (a) => values.includes(isDocker(a) ? 'docker' : 'buildpack'),
  },
  includes: {
    space: [spaceInclusion],
    'space.organization': [
      spaceInclusion,
      {
        key: 'organizations',
        present: presentOrg as never,
        parents: (ctx, apps) => spacesOf(ctx, apps).flatMap((s) => ctx.store.tables.orgs.get(s.organization_guid) ?? []),
      },
    ],
  },
  present: presentApp,
}

function readEnv(value: unknown): Record<string, string | null> {
  if (!isObject(value)) throw unprocessable('Var must be an object')
  for (const key of Object.keys(value)) {
    if (/^(VCAP_|VMC_)/i.test(key)) throw unprocessable('Var cannot start with VCAP_')
    if (key.toUpperCase() === 'PORT') throw unprocessable('Var cannot set PORT')
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? null : String(v)]))
}

function mergeEnv(current: Record<string, string>, update: Record<string, string | null>): Record<string, string> {
  const next = {...current}
  for (const [key, value] of Object.entries(update)) {
    if (value === null) delete next[key]
    else next[key] = value
  }
  return next
}

function uniqueName(ctx: Ctx, spaceGuid: string, name: string, self?: string): void {
  const clash = ctx.store.tables.apps.first('spaceName', `${spaceGuid}/${name.toLowerCase()}`)
  if (clash && clash.guid !== self) throw uniqueness(`App with the name '${name}' already exists.`)
}

function create(ctx: Ctx) {
  const body = readBody(ctx, ['name', 'relationships', 'environment_variables', 'lifecycle', 'metadata'])
  const name = requireName(body)
  validateMetadata(body.metadata)
  const spaceGuid = relationshipGuid(body, 'space') ?? ''
  if (!ctx.store.tables.spaces.get(spaceGuid) || !canReadSpace(ctx, spaceGuid)) {
    throw unprocessable('Invalid space. Ensure that the space exists and you have access to it.')
  }
  uniqueName(ctx, spaceGuid, name)
  const env = body.environment_variables === undefined ? {} : readEnv(body.environment_variables)
  const docker = isObject(body.lifecycle) && body.lifecycle.type === 'docker'
  const app = newApp(ctx.store, spaceGuid, name, undefined, docker ? 'docker' : 'buildpack')
  ctx.store.tables.apps.update(app, {
    environment_variables: mergeEnv({}, env),
    metadata: updateMetadata(app.metadata, body.metadata),
    ...(docker ? {} : {buildpacks: requestedBuildpacks(body.lifecycle)}),
  })
  newProcess(ctx.store, app, 1)
  return ok(presentApp(ctx, app), 201)
}

function update(ctx: Ctx) {
  const app = findApp(ctx, ctx.params.guid)
  const body = readBody(ctx, ['name', 'lifecycle', 'metadata'])
  const name = body.name === undefined ? app.name : requireName(body)
  uniqueName(ctx, app.space_guid, name, app.guid)
  const buildpacks =
    isObject(body.lifecycle) && body.lifecycle.type === 'buildpack' && !isDocker(app)
      ? {buildpacks: requestedBuildpacks(body.lifecycle)}
      : {}
  ctx.store.touch('apps', app, {name, metadata: updateMetadata(app.metadata, body.metadata), ...buildpacks})
  return ok(presentApp(ctx, app))
}

function envBody(ctx: Ctx, app: AppRecord) {
  const self = `/v3/apps/${app.guid}`
  return ok({var: {...app.environment_variables}, links: {self: link(ctx, `${self}/environment_variables`), app: link(ctx, self)}})
}

function updateEnv(ctx: Ctx) {
  const app = findApp(ctx, ctx.params.guid)
  const update = readEnv(readBody(ctx, ['var']).var ?? {})
  ctx.store.touch('apps', app, {environment_variables: mergeEnv(app.environment_variables, update)})
  return envBody(ctx, app)
}

/** start, stop, restart: instances are placed afresh on start/restart and the routes are re-sent. */
function action(name: 'start' | 'stop' | 'restart') {
  return (ctx: Ctx) => {
    const app = findApp(ctx, ctx.params.guid)
    if (name !== 'stop' && !app.current_droplet_guid) throw unprocessable('Assign a droplet before starting this app.')
    const wasStopped = app.state === 'STOPPED'
    ctx.store.touch('apps', app, {state: name === 'stop' ? 'STOPPED' : 'STARTED'})
    if (name === 'stop') stopInstances(ctx.store, app)
    else if (name === 'restart' || wasStopped) {
      restartInstances(ctx.store, app)
      ctx.services.router.resendForApp(app.guid, ctx.journalIndex)
    }
    return ok(presentApp(ctx, app))
  }
}

function currentDropletRelationship(ctx: Ctx, app: AppRecord) {
  const guid = app.current_droplet_guid
  return ok(toOneRelationship(ctx, `/v3/apps/${app.guid}/relationships/current_droplet`, guid, `/v3/apps/${app.guid}/droplets/current`))
}

function setCurrentDroplet(ctx: Ctx) {
  const app = findApp(ctx, ctx.params.guid)
  const guid = toOneGuid(readBody(ctx, ['data']))
  if (!guid || ctx.store.tables.droplets.get(guid)?.app_guid !== app.guid) {
    throw unprocessable('Unable to assign current droplet. Ensure the droplet exists and belongs to this app.')
  }
  ctx.store.touch('apps', app, {current_droplet_guid: guid})
  return currentDropletRelationship(ctx, app)
}

export function registerApps(d: Dispatcher): void {
  const one = '/v3/apps/:guid'
  d.add('GET', '/v3/apps', (ctx) => listResponse(ctx, rowsInVisibleSpaces(ctx, ctx.store.tables.apps), listSpec))
    .add('POST', '/v3/apps', create)
    .add('GET', one, (ctx) => showResponse(ctx, findApp(ctx, ctx.params.guid), listSpec))
    .add('PATCH', one, update)
    .add('DELETE', one, (ctx) => {
      const app = findApp(ctx, ctx.params.guid)
      return startJob(ctx, 'app.delete', {type: 'app', guid: app.guid}, () => deleteApp(ctx.store, app.guid))
    })
    .add('GET', `${one}/environment_variables`, (ctx) => envBody(ctx, findApp(ctx, ctx.params.guid)))
    .add('PATCH', `${one}/environment_variables`, updateEnv)
    .add('POST', `${one}/actions/start`, action('start'))
    .add('POST', `${one}/actions/stop`, action('stop'))
    .add('POST', `${one}/actions/restart`, action('restart'))
    .add('GET', `${one}/relationships/current_droplet`, (ctx) => currentDropletRelationship(ctx, findApp(ctx, ctx.params.guid)))
    .add('PATCH', `${one}/relationships/current_droplet`, setCurrentDroplet)
}
