// Service instances. User-provided ones (behaviour 19) are created, updated and deleted at once; changing
// route_service_url updates the bindings in the database only, the router keeps the old URL until the route is
// re-sent (behaviour 27). Managed ones come from the seed (the sim has no service catalog to create them from):
// they show a service plan and no URL or credentials, and their deletion is a job (behaviour 10).
import {canReadSpace} from '../access.js'
import {deleteServiceInstance} from '../cascade.js'
import type {Dispatcher} from '../dispatch.js'
import {notAuthorized, resourceNotFound, unprocessable} from '../errors.js'
import {isObject, noContent, ok, readBody, relationshipGuid, requireName, type Body, type Ctx} from '../http.js'
import {startJob} from '../jobs.js'
import {fieldIn, LIST_KEYS, listResponse, type ListSpec} from '../listing.js'
import {updateMetadata, validateMetadata} from '../metadata.js'
import type {ManagedDetails, ServiceInstanceRecord} from '../model.js'
import {link, metadataOf, stamps, toOne} from '../present.js'
import {inProgress, isManaged, succeeded} from '../services.js'
import {rowsInVisibleSpaces} from './spaces.js'

export function presentServiceInstance(ctx: Ctx, instance: ServiceInstanceRecord): unknown {
  return instance.managed ? presentManaged(ctx, instance, instance.managed) : presentUserProvided(ctx, instance)
}

/** Key order of resources/service_instance_managed.json (service_instance_presenter.rb). */
function presentManaged(ctx: Ctx, instance: ServiceInstanceRecord, managed: ManagedDetails): unknown {
  const self = `/v3/service_instances/${instance.guid}`
  return {
    ...stamps(instance),
    name: instance.name,
    tags: [...instance.tags],
    type: 'managed',
    // The presenter shows `maintenance_info || {}`; the sim's plans carry none.
    maintenance_info: {},
    upgrade_available: false,
    dashboard_url: managed.dashboard_url,
    broker_provided_metadata: {labels: {}, attributes: {}},
    last_operation: {...instance.last_operation},
    relationships: {service_plan: toOne(managed.service_plan_guid), space: toOne(instance.space_guid)},
    metadata: metadataOf(instance),
    links: {
      self: link(ctx, self),
      service_plan: link(ctx, `/v3/service_plans/${managed.service_plan_guid}`),
      space: link(ctx, `/v3/spaces/${instance.space_guid}`),
      parameters: link(ctx, `${self}/parameters`),
      shared_spaces: link(ctx, `${self}/relationships/shared_spaces`),
      service_credential_bindings: link(ctx, `/v3/service_credential_bindings?service_instance_guids=${instance.guid}`),
      service_route_bindings: link(ctx, `/v3/service_route_bindings?service_instance_guids=${instance.guid}`),
    },
  }
}

function presentUserProvided(ctx: Ctx, instance: ServiceInstanceRecord): unknown {
  const self = `/v3/service_instances/${instance.guid}`
  return {
    ...stamps(instance),
    name: instance.name,
    tags: [...instance.tags],
    last_operation: {...instance.last_operation},
    type: 'user-provided',
    syslog_drain_url: instance.syslog_drain_url,
    route_service_url: instance.route_service_url,
    relationships: {space: toOne(instance.space_guid)},
    metadata: metadataOf(instance),
    links: {
      self: link(ctx, self),
      space: link(ctx, `/v3/spaces/${instance.space_guid}`),
      service_credential_bindings: link(ctx, `/v3/service_credential_bindings?service_instance_guids=${instance.guid}`),
      service_route_bindings: link(ctx, `/v3/service_route_bindings?service_instance_guids=${instance.guid}`),
      credentials: link(ctx, `${self}/credentials`),
    },
  }
}

export function findServiceInstance(ctx: Ctx, guid: string): ServiceInstanceRecord {
  const instance = ctx.store.tables.serviceInstances.get(guid)
  if (!instance || !canReadSpace(ctx, instance.space_guid)) throw resourceNotFound('Service instance')
  return instance
}

const listSpec: ListSpec<ServiceInstanceRecord> = {
  allowed: [
    ...LIST_KEYS,
    'type',
    'fields',
    'names',
    'space_guids',
    'organization_guids',
    'service_plan_guids',
    'service_plan_names',
    'label_selector',
  ],
  orderFields: ['created_at', 'updated_at', 'name'],
  filters: {
    names: fieldIn((i) => i.name),
    space_guids: fieldIn((i) => i.space_guid),
    organization_guids: (values, ctx) => (i) => values.includes(ctx.store.tables.spaces.get(i.space_guid)?.organization_guid ?? ''),
    type: (values) => (i) => values.includes(isManaged(i) ? 'managed' : 'user-provided'),
    service_plan_guids: (values) => (i) => i.managed !== undefined && values.includes(i.managed.service_plan_guid),
    service_plan_names: (values) => (i) => i.managed !== undefined && values.includes(i.managed.service_plan_name),
  },
  present: presentServiceInstance,
}

function optionalString(body: Body, key: string): string | null | undefined {
  const value = body[key]
  if (value === undefined || value === null) return value
  if (typeof value !== 'string') throw unprocessable(`${key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())} must be a string`)
  return value
}

function routeServiceUrl(body: Body): string | null | undefined {
  const url = optionalString(body, 'route_service_url')
  if (url && !/^https:\/\//i.test(url)) throw unprocessable('Route service url must be https')
  return url
}

function uniqueName(ctx: Ctx, spaceGuid: string, name: string, self?: string): void {
  const clash = ctx.store.tables.serviceInstances.first('spaceName', `${spaceGuid}/${name}`)
  if (clash && clash.guid !== self) throw unprocessable(`The service instance name is taken: ${name}.`)
}

const USER_PROVIDED_FIELDS = ['type', 'name', 'relationships', 'tags', 'credentials', 'syslog_drain_url', 'route_service_url', 'metadata']

function create(ctx: Ctx) {
  const body = readBody(ctx, [...USER_PROVIDED_FIELDS, 'parameters'])
  if (body.type !== 'user-provided' && body.type !== 'managed') throw unprocessable("Type must be one of 'managed', 'user-provided'")
  // No catalog in the sim, so no plan a managed instance could be created from.
  if (body.type === 'managed')
    throw unprocessable('Invalid service plan. Ensure that the service plan exists, is available, and you have access to it.')
  if (body.parameters !== undefined) throw unprocessable("Unknown field(s): 'parameters'")
  const name = requireName(body)
  validateMetadata(body.metadata)
  const spaceGuid = relationshipGuid(body, 'space') ?? ''
  if (!ctx.store.tables.spaces.get(spaceGuid) || !canReadSpace(ctx, spaceGuid)) {
    throw unprocessable('Invalid space. Ensure that the space exists and you have access to it.')
  }
  const url = routeServiceUrl(body)
  uniqueName(ctx, spaceGuid, name)
  const instance: ServiceInstanceRecord = {
    ...ctx.store.base('service_instance'),
    name,
    space_guid: spaceGuid,
    tags: Array.isArray(body.tags) ? body.tags.map(String) : [],
    credentials: isObject(body.credentials) ? body.credentials : {},
    syslog_drain_url: optionalString(body, 'syslog_drain_url') ?? null,
    route_service_url: url ?? null,
    last_operation: succeeded('create', ctx.store.now()),
  }
  instance.metadata = updateMetadata(instance.metadata, body.metadata)
  ctx.store.tables.serviceInstances.insert(instance)
  return ok(presentServiceInstance(ctx, instance), 201)
}

function update(ctx: Ctx) {
  const instance = findServiceInstance(ctx, ctx.params.guid)
  return isManaged(instance) ? updateManaged(ctx, instance) : updateUserProvided(ctx, instance)
}

/** Fields of a managed update that would need the broker (CC answers with a job); the sim has no broker. */
const BROKER_FIELDS = ['parameters', 'relationships', 'maintenance_info']

/** A managed instance takes name, tags and metadata at once; its user-provided fields are unknown ones. */
function updateManaged(ctx: Ctx, instance: ServiceInstanceRecord) {
  const body = readBody(ctx, ['name', 'tags', 'metadata', ...BROKER_FIELDS])
  const asked = BROKER_FIELDS.filter((field) => body[field] !== undefined)
  if (asked.length > 0) throw unprocessable(`cgx simulator: updating ${asked.join(', ')} of a managed instance is not modelled`)
  const name = body.name === undefined ? instance.name : requireName(body)
  uniqueName(ctx, instance.space_guid, name, instance.guid)
  validateMetadata(body.metadata)
  ctx.store.touch('serviceInstances', instance, {
    name,
    tags: Array.isArray(body.tags) ? body.tags.map(String) : instance.tags,
    metadata: updateMetadata(instance.metadata, body.metadata),
    last_operation: succeeded('update', ctx.store.now()),
  })
  return ok(presentServiceInstance(ctx, instance))
}

function updateUserProvided(ctx: Ctx, instance: ServiceInstanceRecord) {
  const body = readBody(
    ctx,
    USER_PROVIDED_FIELDS.filter((f) => f !== 'type' && f !== 'relationships'),
  )
  const name = body.name === undefined ? instance.name : requireName(body)
  uniqueName(ctx, instance.space_guid, name, instance.guid)
  const url = routeServiceUrl(body)
  const syslog = optionalString(body, 'syslog_drain_url')
  ctx.store.touch('serviceInstances', instance, {
    name,
    tags: Array.isArray(body.tags) ? body.tags.map(String) : instance.tags,
    credentials: isObject(body.credentials) ? body.credentials : instance.credentials,
    syslog_drain_url: syslog === undefined ? instance.syslog_drain_url : syslog,
    route_service_url: url === undefined ? instance.route_service_url : url,
    metadata: updateMetadata(instance.metadata, body.metadata),
    last_operation: succeeded('update', ctx.store.now()),
  })
  // service_instance_update_user_provided.rb:62 - only a truthy URL is copied to the bindings, and only there.
  if (url) {
    for (const binding of ctx.store.tables.routeBindings.by('instance', instance.guid)) {
      ctx.store.touch('routeBindings', binding, {route_service_url: url})
    }
  }
  return ok(presentServiceInstance(ctx, instance))
}

/** User-provided: 204 at once. Managed: 202 and a job that deletes it (and its bindings) once the broker is done. */
function remove(ctx: Ctx) {
  const instance = findServiceInstance(ctx, ctx.params.guid)
  const drop = () => deleteServiceInstance(ctx.store, ctx.services.router, instance.guid, ctx.journalIndex)
  if (!isManaged(instance)) {
    drop()
    return noContent()
  }
  ctx.store.touch('serviceInstances', instance, {last_operation: inProgress('delete', ctx.store.now())})
  return startJob(ctx, 'service_instance.delete', {type: 'service_instance', guid: instance.guid}, drop)
}

/**
 * Only user-provided instances have credentials; for a managed one CC answers 404 (behaviour 19). Reading them needs
 * secret-read rights in the space (Admin, Admin Read-Only, Space Developer, Space Manager in capi): of those the sim
 * models admins and space developers; anyone else who sees the instance gets 403.
 */
function credentials(ctx: Ctx) {
  const instance = findServiceInstance(ctx, ctx.params.guid)
  if (isManaged(instance)) throw resourceNotFound('Service instance')
  if (!canReadSecrets(ctx, instance.space_guid)) throw notAuthorized()
  return ok({...instance.credentials})
}

function canReadSecrets(ctx: Ctx, spaceGuid: string): boolean {
  if (ctx.principal.admin) return true
  const user = ctx.principal.userName === null ? undefined : ctx.store.users.get(ctx.principal.userName)
  return user?.space_developer.includes(spaceGuid) ?? false
}

export function registerServiceInstances(d: Dispatcher): void {
  const one = '/v3/service_instances/:guid'
  d.add('GET', '/v3/service_instances', (ctx) => listResponse(ctx, rowsInVisibleSpaces(ctx, ctx.store.tables.serviceInstances), listSpec))
    .add('POST', '/v3/service_instances', create)
    .add('GET', one, (ctx) => ok(presentServiceInstance(ctx, findServiceInstance(ctx, ctx.params.guid))))
    .add('PATCH', one, update)
    .add('DELETE', one, remove)
    .add('GET', `${one}/credentials`, credentials)
}
