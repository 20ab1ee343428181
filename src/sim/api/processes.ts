// Processes: get, list (also per app), stats with each instance's isolation segment, scale (202 with the body).
import {canReadSpace} from '../access.js'
import type {Dispatcher} from '../dispatch.js'
import {resourceNotFound, unprocessable} from '../errors.js'
import {guidFrom, SHARED_SEGMENT_GUID} from '../guid.js'
import {isObject, ok, readBody, type Body, type Ctx} from '../http.js'
import {currentTemplate, scaleRunning} from '../lifecycle.js'
import {fieldIn, LIST_KEYS, listResponse, type ListSpec} from '../listing.js'
import {updateMetadata, validateMetadata} from '../metadata.js'
import type {InstanceRecord, ProcessRecord} from '../model.js'
import {link, metadataOf, stamps, toOne} from '../present.js'
import {findApp} from './apps.js'

export function presentProcess(ctx: Ctx, process: ProcessRecord): unknown {
  const self = `/v3/processes/${process.guid}`
  const spaceGuid = ctx.store.tables.apps.get(process.app_guid)?.space_guid
  return {
    ...stamps(process),
    version: process.version,
    type: process.type,
    command: process.command,
    user: 'vcap',
    instances: process.instances,
    memory_in_mb: process.memory_in_mb,
    disk_in_mb: process.disk_in_mb,
    log_rate_limit_in_bytes_per_second: process.log_rate_limit_in_bytes_per_second,
    health_check: {
      type: process.health_check_type,
      data: {
        timeout: null,
        invocation_timeout: null,
        interval: null,
        ...(process.health_check_endpoint === undefined ? {} : {endpoint: process.health_check_endpoint}),
      },
    },
    readiness_health_check: {type: 'process', data: {invocation_timeout: null, interval: null}},
    relationships: {app: toOne(process.app_guid), revision: toOne(guidFrom('revision', process.guid))},
    metadata: metadataOf(process),
    links: {
      self: link(ctx, self),
      scale: link(ctx, `${self}/actions/scale`, 'POST'),
      app: link(ctx, `/v3/apps/${process.app_guid}`),
      space: link(ctx, `/v3/spaces/${spaceGuid}`),
      stats: link(ctx, `${self}/stats`),
      process_instances: link(ctx, `${self}/process_instances`),
    },
  }
}

function findProcess(ctx: Ctx, guid: string): ProcessRecord {
  const process = ctx.store.tables.processes.get(guid)
  const app = process ? ctx.store.tables.apps.get(process.app_guid) : undefined
  if (!process || !app || !canReadSpace(ctx, app.space_guid)) throw resourceNotFound('Process')
  return process
}

const listSpec: ListSpec<ProcessRecord> = {
  allowed: [...LIST_KEYS, 'types', 'app_guids', 'space_guids', 'organization_guids', 'label_selector'],
  filters: {
    types: fieldIn((p) => p.type),
    app_guids: fieldIn((p) => p.app_guid),
    space_guids: (values, ctx) => (p) => values.includes(ctx.store.tables.apps.get(p.app_guid)?.space_guid ?? ''),
  },
  present: presentProcess,
}

/** Instance stats as Diego reports them; `isolation_segment` is the segment name, null on the shared cells. */
function instanceStats(ctx: Ctx, process: ProcessRecord, instance: InstanceRecord) {
  const segment =
    instance.isolation_segment_guid === SHARED_SEGMENT_GUID
      ? null
      : (ctx.store.tables.segments.get(instance.isolation_segment_guid)?.name ?? null)
  const uptime = Math.max(0, Math.floor((Date.now() - Date.parse(instance.since)) / 1000))
  return {
    type: process.type,
    index: instance.index,
    instance_guid: instance.instance_guid,
    state: 'RUNNING',
    routable: true,
    usage: {time: ctx.store.now(), cpu: 0.001, cpu_entitlement: 0.01, mem: 64 << 20, disk: 128 << 20, log_rate: 0},
    host: '10.0.16.10',
    instance_internal_ip: `10.255.0.${instance.index + 2}`,
    instance_ports: [
      {external: 61000 + instance.index, internal: 8080, external_tls_proxy_port: 61100 + instance.index, internal_tls_proxy_port: 61001},
    ],
    uptime,
    mem_quota: process.memory_in_mb << 20,
    disk_quota: process.disk_in_mb << 20,
    fds_quota: 16384,
    isolation_segment: segment,
    log_rate_limit: null,
    details: null,
  }
}

function stats(ctx: Ctx) {
  const process = findProcess(ctx, ctx.params.guid)
  const down = Array.from({length: process.instances}, (_, index) => ({
    type: process.type,
    index,
    state: 'DOWN',
    routable: false,
    usage: {cpu: 0, cpu_entitlement: 0, disk: 0, log_rate: 0, mem: 0, time: ctx.store.now()},
    disk_quota: null,
    fds_quota: 16384,
    host: '',
    instance_internal_ip: '',
    instance_ports: null,
    isolation_segment: null,
    log_rate_limit: null,
    mem_quota: null,
    uptime: 0,
    details: 'stopped',
  }))
  const running = process.running.map((instance) => instanceStats(ctx, process, instance))
  return ok({resources: running.length > 0 ? running : down})
}

function positive(body: Body, key: string): number | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw unprocessable(`${key === 'instances' ? 'Instances' : key} must be greater than or equal to 0`)
  }
  return value
}

function scale(ctx: Ctx) {
  const process = findProcess(ctx, ctx.params.guid)
  const body = readBody(ctx, ['instances', 'memory_in_mb', 'disk_in_mb', 'log_rate_limit_in_bytes_per_second'])
  const instances = positive(body, 'instances') ?? process.instances
  ctx.store.touch('processes', process, {
    instances,
    memory_in_mb: positive(body, 'memory_in_mb') ?? process.memory_in_mb,
    disk_in_mb: positive(body, 'disk_in_mb') ?? process.disk_in_mb,
  })
  const app = ctx.store.tables.apps.get(process.app_guid)
  if (app?.state === 'STARTED') {
    scaleRunning(ctx.store, process, instances, currentTemplate(ctx.store, app))
    ctx.services.router.resendForApp(app.guid, ctx.journalIndex)
  }
  return ok(presentProcess(ctx, process), 202)
}

const HEALTH_CHECK_TYPES = ['port', 'process', 'http']

/** PATCH: the start command and the health check (the fields cgx sets); metadata merges. */
function update(ctx: Ctx) {
  const process = findProcess(ctx, ctx.params.guid)
  const body = readBody(ctx, ['command', 'health_check', 'readiness_health_check', 'metadata'])
  validateMetadata(body.metadata)
  const check = isObject(body.health_check) ? body.health_check : {}
  const type = check.type ?? process.health_check_type
  if (typeof type !== 'string' || !HEALTH_CHECK_TYPES.includes(type))
    throw unprocessable('Health check type must be "port", "process", or "http"')
  const data = isObject(check.data) ? check.data : {}
  const endpoint =
    type === 'http' ? (typeof data.endpoint === 'string' ? data.endpoint : (process.health_check_endpoint ?? '/')) : undefined
  const command = body.command === undefined ? process.command : body.command === null ? null : String(body.command)
  ctx.store.touch('processes', process, {
    command,
    health_check_type: type,
    health_check_endpoint: endpoint,
    metadata: updateMetadata(process.metadata, body.metadata),
  })
  return ok(presentProcess(ctx, process))
}

export function registerProcesses(d: Dispatcher): void {
  d.add('GET', '/v3/processes', (ctx) =>
    listResponse(
      ctx,
      ctx.store.tables.processes.all().filter((p) => canReadSpace(ctx, ctx.store.tables.apps.get(p.app_guid)?.space_guid ?? '')),
      listSpec,
    ),
  )
    .add('GET', '/v3/processes/:guid', (ctx) => ok(presentProcess(ctx, findProcess(ctx, ctx.params.guid))))
    .add('PATCH', '/v3/processes/:guid', update)
    .add('GET', '/v3/processes/:guid/stats', stats)
    .add('POST', '/v3/processes/:guid/actions/scale', scale)
    .add('GET', '/v3/apps/:guid/processes', (ctx) =>
      listResponse(ctx, ctx.store.tables.processes.by('app', findApp(ctx, ctx.params.guid).guid), listSpec),
    )
}
