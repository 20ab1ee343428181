// Apps and their running instances. An instance keeps the segment and environment it started with, so
// "old instances keep the old environment until replaced" and "restart needed" are observable.
import {emptyMetadata} from './metadata.js'
import type {AppRecord, DropletRecord, InstanceRecord, ProcessRecord} from './model.js'
import type {Store} from './store.js'

export interface InstanceTemplate {
  isolation_segment_guid: string
  environment: Record<string, string>
  droplet_guid: string | null
}

/** What a (re)started instance of the app gets now: the space's effective segment, the current env. */
export function currentTemplate(store: Store, app: AppRecord): InstanceTemplate {
  const space = store.tables.spaces.get(app.space_guid)
  return {
    isolation_segment_guid: space ? store.effectiveSegmentGuid(space) : '',
    environment: {...app.environment_variables},
    droplet_guid: app.current_droplet_guid,
  }
}

export function makeInstances(store: Store, template: InstanceTemplate, from: number, count: number): InstanceRecord[] {
  return Array.from({length: count}, (_, i) => ({
    index: from + i,
    instance_guid: store.newGuid('instance'),
    ...template,
    environment: {...template.environment},
    since: store.now(),
  }))
}

/** Sets a process's running instances to `count`, copying the template of the ones already running. */
export function scaleRunning(store: Store, process: ProcessRecord, count: number, fallback: InstanceTemplate): void {
  const kept = process.running.slice(0, count)
  const template = process.running[0] ?? fallback
  const added = makeInstances(store, template, kept.length, Math.max(0, count - kept.length))
  process.running = [...kept, ...added]
}

export function webProcesses(store: Store, appGuid: string): ProcessRecord[] {
  return store.tables.processes.by('app', appGuid).filter((p) => p.type === 'web')
}

/** Replaces every instance of every process with fresh ones (start, restart). */
export function restartInstances(store: Store, app: AppRecord): void {
  const template = currentTemplate(store, app)
  for (const process of store.tables.processes.by('app', app.guid)) {
    process.running = makeInstances(store, template, 0, process.instances)
  }
}

export function stopInstances(store: Store, app: AppRecord): void {
  for (const process of store.tables.processes.by('app', app.guid)) process.running = []
}

export function newProcess(store: Store, app: AppRecord, instances: number, memory = 256): ProcessRecord {
  return store.tables.processes.insert({
    ...store.base('process'),
    app_guid: app.guid,
    type: 'web',
    command: null,
    instances,
    memory_in_mb: memory,
    disk_in_mb: 1024,
    log_rate_limit_in_bytes_per_second: -1,
    health_check_type: 'port',
    version: store.newGuid('process-version'),
    running: [],
  })
}

export function newApp(
  store: Store,
  spaceGuid: string,
  name: string,
  guid?: string,
  lifecycle: AppRecord['lifecycle'] = 'buildpack',
): AppRecord {
  return store.tables.apps.insert({
    ...store.base('app', guid),
    name,
    space_guid: spaceGuid,
    lifecycle,
    state: 'STOPPED',
    buildpacks: [],
    stack: 'cflinuxfs4',
    current_droplet_guid: null,
    environment_variables: {},
  })
}

export function newDroplet(store: Store, app: AppRecord, packageGuid: string | null, docker?: DropletRecord['docker']): DropletRecord {
  return store.tables.droplets.insert({
    ...store.base('droplet'),
    app_guid: app.guid,
    package_guid: packageGuid,
    state: 'STAGED',
    checksum: store.newGuid('checksum').replace(/-/g, '').padEnd(64, '0'),
    process_types: {web: 'bundle exec rackup config.ru -p $PORT'},
    metadata: emptyMetadata(),
    ...(docker ? {docker} : {}),
  })
}

export const isDocker = (app: AppRecord | undefined): boolean => app?.lifecycle === 'docker'

/** The port CC shows for a destination written without one: the first port the app's Docker image exposes
 * (from its current droplet), else 8080, the buildpack default. */
export function defaultPort(store: Store, appGuid: string): number {
  const app = store.tables.apps.get(appGuid)
  const droplet = app?.current_droplet_guid ? store.tables.droplets.get(app.current_droplet_guid) : undefined
  return droplet?.docker?.ports[0] ?? 8080
}

/** The buildpack names a build or an app asks for, recorded as given (the sim stages any of them alike). */
export function requestedBuildpacks(lifecycle: unknown): string[] {
  const names = (lifecycle as {data?: {buildpacks?: unknown}} | undefined)?.data?.buildpacks
  return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : []
}
