// Service route bindings (behaviour 13). User-provided bindings are synchronous (201 / 204); managed ones are
// jobs (202, behaviour 10) that finish when the broker has answered: only then does a new binding get the URL the
// broker hands out, or a deleted one go away. Binding or unbinding, once done, re-sends the route to the router.
import {canReadSpace} from '../access.js'
import {deleteRouteBinding} from '../cascade.js'
import type {Dispatcher} from '../dispatch.js'
import {alreadyBoundToSameRoute, resourceNotFound, unprocessable} from '../errors.js'
import {noContent, ok, readBody, relationshipGuid, type Ctx, type Reply} from '../http.js'
import {startJob} from '../jobs.js'
import {fieldIn, type Inclusion, LIST_KEYS, listResponse, type ListSpec, showResponse} from '../listing.js'
import {updateMetadata, validateMetadata} from '../metadata.js'
import type {RouteBindingRecord, RouteRecord} from '../model.js'
import {link, metadataOf, toOne} from '../present.js'
import {bindingUrlOf, inProgress, succeeded} from '../services.js'
import {presentRoute} from './routes.js'
import {presentServiceInstance} from './service-instances.js'

export function presentRouteBinding(ctx: Ctx, binding: RouteBindingRecord): unknown {
  const self = `/v3/service_route_bindings/${binding.guid}`
  const links: Record<string, unknown> = {
    self: link(ctx, self),
    service_instance: link(ctx, `/v3/service_instances/${binding.service_instance_guid}`),
    route: link(ctx, `/v3/routes/${binding.route_guid}`),
  }
  // service_route_binding_presenter.rb links the parameters of managed instances' bindings only.
  if (ctx.store.tables.serviceInstances.get(binding.service_instance_guid)?.managed) {
    links.parameters = link(ctx, `${self}/parameters`)
  }
  return {
    guid: binding.guid,
    route_service_url: binding.route_service_url,
    created_at: binding.created_at,
    updated_at: binding.updated_at,
    last_operation: {...binding.last_operation},
    metadata: metadataOf(binding),
    relationships: {service_instance: toOne(binding.service_instance_guid), route: toOne(binding.route_guid)},
    links,
  }
}

const includes: Record<string, Array<Inclusion<RouteBindingRecord>>> = {
  route: [
    {
      key: 'routes',
      present: presentRoute as never,
      parents: (ctx, bindings) => bindings.flatMap((b) => ctx.store.tables.routes.get(b.route_guid) ?? []),
    },
  ],
  service_instance: [
    {
      key: 'service_instances',
      present: presentServiceInstance as never,
      parents: (ctx, bindings) => bindings.flatMap((b) => ctx.store.tables.serviceInstances.get(b.service_instance_guid) ?? []),
    },
  ],
}

const listSpec: ListSpec<RouteBindingRecord> = {
  allowed: [...LIST_KEYS, 'service_instance_guids', 'service_instance_names', 'route_guids', 'include', 'label_selector'],
  filters: {
    route_guids: fieldIn((b) => b.route_guid),
    service_instance_guids: fieldIn((b) => b.service_instance_guid),
    service_instance_names: (values, ctx) => (b) =>
      values.includes(ctx.store.tables.serviceInstances.get(b.service_instance_guid)?.name ?? ''),
  },
  includes,
  present: presentRouteBinding,
}

function visible(ctx: Ctx, binding: RouteBindingRecord): boolean {
  const route = ctx.store.tables.routes.get(binding.route_guid)
  return route !== undefined && canReadSpace(ctx, route.space_guid)
}

function findBinding(ctx: Ctx, guid: string): RouteBindingRecord {
  const binding = ctx.store.tables.routeBindings.get(guid)
  if (!binding || !visible(ctx, binding)) throw resourceNotFound('Service route binding')
  return binding
}

function create(ctx: Ctx) {
  const body = readBody(ctx, ['relationships', 'parameters', 'metadata'])
  validateMetadata(body.metadata)
  const {routes, serviceInstances, routeBindings, domains} = ctx.store.tables
  const instanceGuid = relationshipGuid(body, 'service_instance') ?? ''
  const instance = serviceInstances.get(instanceGuid)
  if (!instance || !canReadSpace(ctx, instance.space_guid)) {
    throw unprocessable(`The service instance could not be found: ${instanceGuid}`)
  }
  const routeGuid = relationshipGuid(body, 'route') ?? ''
  const route = routes.get(routeGuid)
  if (!route || !canReadSpace(ctx, route.space_guid)) throw unprocessable(`The route could not be found: ${routeGuid}`)
  const existing = routeBindings.first('route', route.guid)
  if (existing?.service_instance_guid === instance.guid) throw alreadyBoundToSameRoute()
  if (existing) throw unprocessable('A route may only be bound to a single service instance')
  const url = bindingUrlOf(instance)
  if (!url) throw unprocessable('This service instance does not support route binding')
  if (instance.space_guid !== route.space_guid) throw unprocessable('The service instance and the route are in different spaces')
  if (domains.get(route.domain_guid)?.internal) throw unprocessable('Route services cannot be bound to internal routes')
  if (body.parameters !== undefined && !instance.managed) {
    throw unprocessable('Binding parameters are not supported for user-provided service instances')
  }
  const binding: RouteBindingRecord = {
    ...ctx.store.base('service_route_binding'),
    route_guid: route.guid,
    service_instance_guid: instance.guid,
    route_service_url: instance.managed ? null : url,
    last_operation: (instance.managed ? inProgress : succeeded)('create', ctx.store.now()),
  }
  binding.metadata = updateMetadata(binding.metadata, body.metadata)
  routeBindings.insert(binding)
  if (instance.managed) return bindLater(ctx, binding, route, url)
  ctx.services.router.resend(route, ctx.journalIndex)
  return ok(presentRouteBinding(ctx, binding), 201)
}

/** The broker's bind: when the job runs, the binding gets the broker's URL and the route goes to the router. */
function bindLater(ctx: Ctx, binding: RouteBindingRecord, route: RouteRecord, url: string): Reply {
  return startJob(ctx, 'service_route_bindings.create', {type: 'service_route_binding', guid: binding.guid}, () => {
    if (!ctx.store.tables.routeBindings.get(binding.guid)) return
    ctx.store.touch('routeBindings', binding, {route_service_url: url, last_operation: succeeded('create', ctx.store.now())})
    ctx.services.router.resend(route, ctx.journalIndex)
  })
}

/** User-provided: gone at once (204). Managed: 202, and gone (and the route re-sent) when the broker has unbound. */
function remove(ctx: Ctx) {
  const binding = findBinding(ctx, ctx.params.guid)
  const instance = ctx.store.tables.serviceInstances.get(binding.service_instance_guid)
  const drop = () => deleteRouteBinding(ctx.store, ctx.services.router, binding.guid, ctx.journalIndex)
  if (!instance?.managed) {
    drop()
    return noContent()
  }
  ctx.store.touch('routeBindings', binding, {last_operation: inProgress('delete', ctx.store.now())})
  return startJob(ctx, 'service_route_bindings.delete', {type: 'service_route_binding', guid: binding.guid}, drop)
}

export function registerRouteBindings(d: Dispatcher): void {
  const one = '/v3/service_route_bindings/:guid'
  d.add('GET', '/v3/service_route_bindings', (ctx) =>
    listResponse(
      ctx,
      ctx.store.tables.routeBindings.all().filter((b) => visible(ctx, b)),
      listSpec,
    ),
  )
    .add('POST', '/v3/service_route_bindings', create)
    .add('GET', one, (ctx) => showResponse(ctx, findBinding(ctx, ctx.params.guid), listSpec))
    .add('PATCH', one, (ctx) => {
      const binding = findBinding(ctx, ctx.params.guid)
      const body = readBody(ctx, ['metadata'])
      ctx.store.touch('routeBindings', binding, {metadata: updateMetadata(binding.metadata, body.metadata)})
      return ok(presentRouteBinding(ctx, binding))
    })
    .add('DELETE', one, remove)
}
