// The user-provided instance that puts a space's protected routes behind the org's proxy. Its route_service_url
// is the proxy's route and is meant never to change: a changed URL reaches the router only when each bound route
// is re-sent (capi behaviour 27), so a repoint marks itself pending until every route was re-sent.
import type {CfClient, PollOptions, ServiceInstance} from '../../cf/index.js'
import type {Reporter} from '../reporter.js'
import {ROLE_LABEL} from '../../domain/labels.js'
import {ROUTE_SERVICE_NAME, ROUTE_SERVICE_ROLE} from './proxy.js'
import {resendRoutes} from './resend.js'

/** What a repoint reports to and how it waits (on an older CC it waits for deployments). */
export interface RepointRun {
  reporter: Reporter
  poll?: PollOptions
}

export const RESEND_ANNOTATION = 'cgx.cloud.gov/routes-resend-pending'

/** The space's cgx instance pointing at `proxyUrl`, created or repointed when needed, and the change that made. */
export async function ensureRouteServiceInstance(
  cf: CfClient,
  space: {guid: string; name: string},
  proxyUrl: string,
  run: RepointRun,
): Promise<{instance: ServiceInstance; changes: string[]}> {
  const [found] = await cf.serviceInstances.listAll({names: [ROUTE_SERVICE_NAME], space_guids: [space.guid]})
  if (found === undefined) {
    const created = await cf.serviceInstances.create({
      type: 'user-provided',
      name: ROUTE_SERVICE_NAME,
      relationships: {space: {data: {guid: space.guid}}},
      route_service_url: proxyUrl,
      metadata: {labels: {[ROLE_LABEL]: ROUTE_SERVICE_ROLE}},
    })
    return {instance: created, changes: [`created route service ${ROUTE_SERVICE_NAME} in space ${space.name}`]}
  }
  if (pointsAt(found, proxyUrl)) return {instance: found, changes: []}
  const {instance, change} = await repoint(cf, found, proxyUrl, run)
  return {instance, changes: [change]}
}

/**
 * Every cgx instance of the org (one per space with protected routes) pointed at the proxy's current URL, each of
 * its routes re-sent; run only once the proxy answers at that URL. Returns the changes, one per instance repointed.
 */
export async function repointOrgInstances(cf: CfClient, org: {guid: string}, proxyUrl: string, run: RepointRun): Promise<string[]> {
  const instances = await cf.serviceInstances.listAll({names: [ROUTE_SERVICE_NAME], organization_guids: [org.guid]})
  const stale = instances.filter((i) => i.type === 'user-provided' && !pointsAt(i, proxyUrl))
  const changes: string[] = []
  for (const instance of stale) changes.push((await repoint(cf, instance, proxyUrl, run)).change)
  return changes
}

function pointsAt(instance: ServiceInstance, proxyUrl: string): boolean {
  return instance.route_service_url === proxyUrl && instance.metadata.annotations[RESEND_ANNOTATION] !== 'true'
}

/**
 * The proxy moved: write the new URL (marked pending) and re-send every bound route (resend.ts), which changes
 * nothing else and has no downtime. Until a route is re-sent the router keeps sending it
 * through the old URL, so it is never unprotected.
 */
async function repoint(
  cf: CfClient,
  instance: ServiceInstance,
  proxyUrl: string,
  run: RepointRun,
): Promise<{instance: ServiceInstance; change: string}> {
  if (instance.route_service_url !== proxyUrl) {
    run.reporter.progress(
      `Route service ${instance.name} pointed at ${instance.route_service_url ?? 'nothing'}; pointing it at ${proxyUrl}.`,
    )
    await cf.serviceInstances.update(instance.guid, {route_service_url: proxyUrl, metadata: {annotations: {[RESEND_ANNOTATION]: 'true'}}})
  }
  const bindings = await cf.serviceRouteBindings.listAll({service_instance_guids: [instance.guid]})
  await resendRoutes(
    cf,
    bindings.map((b) => b.relationships.route.data?.guid ?? ''),
    run,
  )
  const updated = await cf.serviceInstances.update(instance.guid, {metadata: {annotations: {[RESEND_ANNOTATION]: null}}})
  return {
    instance: updated,
    change: `pointed ${instance.name} at ${proxyUrl} and re-sent its ${bindings.length} bound route(s) to the router`,
  }
}
