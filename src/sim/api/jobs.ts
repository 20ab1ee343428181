// GET /v3/jobs/:guid.
import type {Dispatcher} from '../dispatch.js'
import {resourceNotFound} from '../errors.js'
import {ok, type Ctx} from '../http.js'
import {link} from '../present.js'
import type {JobRecord} from '../model.js'

const RESOURCE_PATHS: Record<string, string> = {
  app: 'apps',
  space: 'spaces',
  organization: 'organizations',
  route: 'routes',
  security_group: 'security_groups',
  service_route_binding: 'service_route_bindings',
  service_instance: 'service_instances',
}

/** Whether the job's target still exists: `links.<resource>` is shown only then. */
function targetExists(ctx: Ctx, job: JobRecord): boolean {
  const t = ctx.store.tables
  const tables: Record<string, {get(guid: string): unknown}> = {
    app: t.apps,
    space: t.spaces,
    organization: t.orgs,
    route: t.routes,
    security_group: t.securityGroups,
    service_route_binding: t.routeBindings,
    service_instance: t.serviceInstances,
  }
  return job.resource_guid !== null && tables[job.resource_type ?? '']?.get(job.resource_guid) !== undefined
}

export function presentJob(ctx: Ctx, job: JobRecord): unknown {
  const links: Record<string, unknown> = {self: link(ctx, `/v3/jobs/${job.guid}`)}
  if (job.resource_type && targetExists(ctx, job)) {
    links[job.resource_type] = link(ctx, `/v3/${RESOURCE_PATHS[job.resource_type]}/${job.resource_guid}`)
  }
  return {
    guid: job.guid,
    created_at: job.created_at,
    updated_at: job.updated_at,
    operation: job.operation,
    state: job.state,
    errors: job.errors,
    warnings: job.warnings,
    links,
  }
}

export function registerJobs(d: Dispatcher): void {
  d.add('GET', '/v3/jobs/:guid', (ctx) => {
    const job = ctx.store.tables.jobs.get(ctx.params.guid)
    if (!job) throw resourceNotFound('Job')
    return ok(presentJob(ctx, job))
  })
}
