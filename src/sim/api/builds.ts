// Packages (create, upload once), builds (STAGING -> STAGED with a droplet after `stagingDelayMs`), droplets.
import {canReadSpace} from '../access.js'
import type {Dispatcher} from '../dispatch.js'
import {bitsAlreadyUploaded, resourceNotFound, unprocessable} from '../errors.js'
import {ok, readBody, relationshipGuid, type Ctx} from '../http.js'
import {isDocker, newDroplet, requestedBuildpacks} from '../lifecycle.js'
import {LIST_KEYS, listResponse, type ListSpec} from '../listing.js'
import {updateMetadata, validateMetadata} from '../metadata.js'
import type {BuildRecord, DropletRecord, PackageRecord} from '../model.js'
import {link, metadataOf, stamps, toOne} from '../present.js'
import {findApp} from './apps.js'

const appLink = (ctx: Ctx, appGuid: string) => link(ctx, `/v3/apps/${appGuid}`)

export function presentPackage(ctx: Ctx, pkg: PackageRecord): unknown {
  const self = `/v3/packages/${pkg.guid}`
  return {
    ...stamps(pkg),
    type: pkg.type,
    data: {error: null, checksum: {type: 'sha256', value: pkg.checksum}},
    state: pkg.state,
    relationships: {app: toOne(pkg.app_guid)},
    metadata: metadataOf(pkg),
    links: {
      self: link(ctx, self),
      upload: link(ctx, `${self}/upload`, 'POST'),
      download: link(ctx, `${self}/download`),
      app: appLink(ctx, pkg.app_guid),
    },
  }
}

export function presentBuild(ctx: Ctx, build: BuildRecord): unknown {
  const links: Record<string, unknown> = {self: link(ctx, `/v3/builds/${build.guid}`), app: appLink(ctx, build.app_guid)}
  if (build.droplet_guid) links.droplet = link(ctx, `/v3/droplets/${build.droplet_guid}`)
  return {
    ...stamps(build),
    state: build.state,
    staging_memory_in_mb: 1024,
    staging_disk_in_mb: 1024,
    staging_log_rate_limit_bytes_per_second: -1,
    error: build.error,
    lifecycle: isDocker(ctx.store.tables.apps.get(build.app_guid))
      ? {type: 'docker', data: {}}
      : {type: 'buildpack', data: {buildpacks: [...(build.buildpacks ?? [])], stack: 'cflinuxfs4'}},
    package: {guid: build.package_guid},
    droplet: build.droplet_guid ? {guid: build.droplet_guid} : null,
    created_by: {...build.created_by},
    relationships: {app: toOne(build.app_guid)},
    metadata: metadataOf(build),
    links,
  }
}

export function presentDroplet(ctx: Ctx, droplet: DropletRecord): unknown {
  const self = `/v3/droplets/${droplet.guid}`
  const links: Record<string, unknown> = {self: link(ctx, self)}
  if (droplet.package_guid) links.package = link(ctx, `/v3/packages/${droplet.package_guid}`)
  Object.assign(links, {
    app: appLink(ctx, droplet.app_guid),
    assign_current_droplet: link(ctx, `/v3/apps/${droplet.app_guid}/relationships/current_droplet`, 'PATCH'),
    download: link(ctx, `${self}/download`),
  })
  // A Docker droplet names its image instead of buildpacks and a stack.
  const docker = droplet.docker
  return {
    ...stamps(droplet),
    state: droplet.state,
    error: null,
    lifecycle: {type: docker ? 'docker' : 'buildpack', data: {}},
    checksum: {type: 'sha256', value: droplet.checksum},
    buildpacks: docker ? [] : [{name: 'staticfile_buildpack', detect_output: 'staticfile', version: '1.6.0', buildpack_name: 'staticfile'}],
    stack: docker ? null : 'cflinuxfs4',
    image: docker?.image ?? null,
    execution_metadata: '',
    process_types: {...droplet.process_types},
    relationships: {app: toOne(droplet.app_guid)},
    metadata: metadataOf(droplet),
    links,
  }
}

/** Looks a row up by guid and checks the caller can read its app's space. */
function findOwned<T extends {app_guid: string}>(ctx: Ctx, row: T | undefined, name: string): T {
  const app = row ? ctx.store.tables.apps.get(row.app_guid) : undefined
  if (!row || !app || !canReadSpace(ctx, app.space_guid)) throw resourceNotFound(name)
  return row
}

function createPackage(ctx: Ctx) {
  const body = readBody(ctx, ['type', 'relationships', 'data', 'metadata'])
  if (body.type !== 'bits' && body.type !== 'docker') throw unprocessable("Type must be one of 'bits, docker'")
  validateMetadata(body.metadata)
  const app = ctx.store.tables.apps.get(relationshipGuid(body, 'app') ?? '')
  if (!app || !canReadSpace(ctx, app.space_guid)) throw unprocessable('App is invalid. Ensure it exists and you have access to it.')
  const pkg: PackageRecord = {
    ...ctx.store.base('package'),
    app_guid: app.guid,
    type: body.type,
    state: body.type === 'docker' ? 'READY' : 'AWAITING_UPLOAD',
    bits_bytes: null,
    checksum: null,
  }
  pkg.metadata = updateMetadata(pkg.metadata, body.metadata)
  ctx.store.tables.packages.insert(pkg)
  return ok(presentPackage(ctx, pkg), 201)
}

/** The byte length of the multipart field `bits`, or undefined when there is none. */
export function bitsLength(body: Buffer, contentType: string | undefined): number | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1]
  if (!boundary) return undefined
  const field = body.indexOf('name="bits"')
  if (field < 0) return undefined
  const start = body.indexOf('\r\n\r\n', field) + 4
  const end = body.indexOf(`\r\n--${boundary}`, start)
  return start < 4 || end < 0 ? undefined : end - start
}

function upload(ctx: Ctx) {
  const pkg = findOwned(ctx, ctx.store.tables.packages.get(ctx.params.guid), 'Package')
  if (pkg.type !== 'bits') throw unprocessable('Package type must be bits.')
  if (pkg.state !== 'AWAITING_UPLOAD') throw bitsAlreadyUploaded()
  const bytes = bitsLength(ctx.body, ctx.headers['content-type'])
  if (bytes === undefined) throw unprocessable('Upload must include either resources or bits')
  ctx.store.touch('packages', pkg, {state: 'PROCESSING_UPLOAD', bits_bytes: bytes})
  ctx.services.later(ctx.services.jobDelayMs, () =>
    ctx.store.touch('packages', pkg, {state: 'READY', checksum: ctx.store.newGuid('package-checksum').replace(/-/g, '').padEnd(64, '0')}),
  )
  return ok(presentPackage(ctx, pkg))
}

function createBuild(ctx: Ctx) {
  const body = readBody(ctx, [
    'package',
    'lifecycle',
    'staging_memory_in_mb',
    'staging_disk_in_mb',
    'staging_log_rate_limit_bytes_per_second',
    'metadata',
  ])
  const packageGuid = (body.package as {guid?: string} | undefined)?.guid ?? ''
  const pkg = ctx.store.tables.packages.get(packageGuid)
  const app = pkg ? ctx.store.tables.apps.get(pkg.app_guid) : undefined
  if (!pkg || !app || !canReadSpace(ctx, app.space_guid)) {
    throw unprocessable('Unable to use package. Ensure that the package exists and you have access to it.')
  }
  const user = ctx.principal.userName ?? ctx.principal.clientId
  const build: BuildRecord = {
    ...ctx.store.base('build'),
    app_guid: app.guid,
    package_guid: pkg.guid,
    state: 'STAGING',
    droplet_guid: null,
    error: null,
    created_by: {guid: ctx.principal.userGuid ?? user, name: user, email: user},
    buildpacks: requestedBuildpacks(body.lifecycle),
  }
  build.metadata = updateMetadata(build.metadata, body.metadata)
  ctx.store.tables.builds.insert(build)
  ctx.services.later(ctx.services.stagingDelayMs, () => {
    if (!ctx.store.tables.builds.get(build.guid)) return
    const droplet = newDroplet(ctx.store, app, pkg.guid)
    ctx.store.touch('builds', build, {state: 'STAGED', droplet_guid: droplet.guid})
  })
  return ok(presentBuild(ctx, build), 201)
}

const dropletListSpec: ListSpec<DropletRecord> = {
  allowed: [...LIST_KEYS, 'states', 'current', 'label_selector'],
  filters: {states: (values) => (d) => values.includes(d.state)},
  present: presentDroplet,
}
const packageListSpec: ListSpec<PackageRecord> = {
  allowed: [...LIST_KEYS, 'states', 'types', 'label_selector'],
  filters: {states: (values) => (p) => values.includes(p.state), types: (values) => (p) => values.includes(p.type)},
  present: presentPackage,
}

export function registerBuilds(d: Dispatcher): void {
  const tables = (ctx: Ctx) => ctx.store.tables
  d.add('POST', '/v3/packages', createPackage)
    .add('GET', '/v3/packages/:guid', (ctx) =>
      ok(presentPackage(ctx, findOwned(ctx, tables(ctx).packages.get(ctx.params.guid), 'Package'))),
    )
    .add('POST', '/v3/packages/:guid/upload', upload)
    .add('POST', '/v3/builds', createBuild)
    .add('GET', '/v3/builds/:guid', (ctx) => ok(presentBuild(ctx, findOwned(ctx, tables(ctx).builds.get(ctx.params.guid), 'Build'))))
    .add('GET', '/v3/droplets/:guid', (ctx) =>
      ok(presentDroplet(ctx, findOwned(ctx, tables(ctx).droplets.get(ctx.params.guid), 'Droplet'))),
    )
    .add('GET', '/v3/apps/:guid/droplets', (ctx) =>
      listResponse(ctx, tables(ctx).droplets.by('app', findApp(ctx, ctx.params.guid).guid), dropletListSpec),
    )
    .add('GET', '/v3/apps/:guid/packages', (ctx) =>
      listResponse(ctx, tables(ctx).packages.by('app', findApp(ctx, ctx.params.guid).guid), packageListSpec),
    )
    .add('GET', '/v3/apps/:guid/droplets/current', (ctx) => {
      const app = findApp(ctx, ctx.params.guid)
      const droplet = app.current_droplet_guid ? tables(ctx).droplets.get(app.current_droplet_guid) : undefined
      if (!droplet) throw resourceNotFound('Droplet')
      return ok(presentDroplet(ctx, droplet))
    })
}
