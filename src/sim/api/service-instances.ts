// User-provided service instances (behaviour 19). Changing route_service_url updates the bindings in the
// database only; the router keeps the old URL until the route is re-sent (behaviour 27).
import {canReadSpace} from '../access.js'
import {deleteServiceInstance} from '../cascade.js'
import type {Dispatcher} from '../dispatch.js'
import {resourceNotFound, unprocessable} from '../errors.js'
import {isObject, noContent, ok, readBody, relationshipGuid, requireName, type Body, type Ctx} from '../http.js'
import {fieldIn, listResponse, type ListSpec} from '../listing.js'
import {updateMetadata, validateMetadata} from '../metadata.js'
import type {LastOperation, ServiceInstanceRecord} from '../model.js'
import {link, metadataOf, stamps, toOne} from '../present.js'
import {rowsInVisibleSpaces} from './spaces.js'

export function presentServiceInstance(ctx: Ctx, instance: ServiceInstanceRecord): unknown {
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
  allowed: ['page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'type', 'fields', 'names',
    'space_guids', 'organization_guids', 'service_plan_guids', 'service_plan_names', 'label_selector'],
  orderFields: ['created_at', 'updated_at', 'name'],
  filters: {
    names: fieldIn((i) => i.name),
    space_guids: fieldIn((i) => i.space_guid),
    organization_guids: (values, ctx) => (i) =>
      values.includes(ctx.store.tables.spaces.get(i.space_guid)?.organization_guid ?? ''),
    type: (values) => () => values.includes('user-provided'),
    service_plan_guids: () => () => false,
    service_plan_names: () => () => false,
  },
  present: presentServiceInstance,
}

const operation = (ctx: Ctx, type: string): LastOperation => {
  const now = ctx.store.now()
  return {type, state: 'succeeded', description: 'Operation succeeded', created_at: now, updated_at: now}
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

const USER_PROVIDED_FIELDS = ['type', 'name', 'relationships', 'tags', 'credentials', 'syslog_drain_url',
  'route_service_url', 'metadata']

function create(ctx: Ctx) {
  const body = readBody(ctx, [...USER_PROVIDED_FIELDS, 'parameters'])
  if (body.type !== 'user-provided' && body.type !== 'managed') throw unprocessable("Type must be one of 'managed', 'user-provided'")
  if (body.type === 'managed') throw unprocessable('Invalid service plan. Ensure that the service plan exists, is available, and you have access to it.')
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
    ...ctx.store.base('service_instance'), name, space_guid: spaceGuid,
    tags: Array.isArray(body.tags) ? body.tags.map(String) : [],
    credentials: isObject(body.credentials) ? body.credentials : {},
    syslog_drain_url: optionalString(body, 'syslog_drain_url') ?? null, route_service_url: url ?? null,
    last_operation: operation(ctx, 'create'),
  }
  instance.metadata = updateMetadata(instance.metadata, body.metadata)
  ctx.store.tables.serviceInstances.insert(instance)
  return ok(presentServiceInstance(ctx, instance), 201)
}

function update(ctx: Ctx) {
  const instance = findServiceInstance(ctx, ctx.params.guid)
  const body = readBody(ctx, USER_PROVIDED_FIELDS.filter((f) => f !== 'type' && f !== 'relationships'))
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
    last_operation: operation(ctx, 'update'),
  })
  // service_instance_update_user_provided.rb:62 - only a truthy URL is copied to the bindings, and only there.
  if (url) {
    for (const binding of ctx.store.tables.routeBindings.by('instance', instance.guid)) {
      ctx.store.touch('routeBindings', binding, {route_service_url: url})
    }
  }
  return ok(presentServiceInstance(ctx, instance))
}

export function registerServiceInstances(d: Dispatcher): void {
  const one = '/v3/service_instances/:guid'
  d.add('GET', '/v3/service_instances', (ctx) =>
    listResponse(ctx, rowsInVisibleSpaces(ctx, ctx.store.tables.serviceInstances), listSpec))
    .add('POST', '/v3/service_instances', create)
    .add('GET', one, (ctx) => ok(presentServiceInstance(ctx, findServiceInstance(ctx, ctx.params.guid))))
    .add('PATCH', one, update)
    .add('DELETE', one, (ctx) => {
      const instance = findServiceInstance(ctx, ctx.params.guid)
      deleteServiceInstance(ctx.store, ctx.services.router, instance.guid, ctx.journalIndex)
      return noContent()
    })
    .add('GET', `${one}/credentials`, (ctx) => ok({...findServiceInstance(ctx, ctx.params.guid).credentials}))
}
