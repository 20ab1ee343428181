// Spaces: list/get/create/update/delete, the isolation segment relationship, the security groups that apply.
import {canReadOrg, canReadSpace} from '../access.js'
import {deleteSpace} from '../cascade.js'
import type {Dispatcher} from '../dispatch.js'
import {resourceNotFound, unprocessable} from '../errors.js'
import {ok, readBody, relationshipGuid, requireName, toOneGuid, type Ctx} from '../http.js'
import {startJob} from '../jobs.js'
import {fieldIn, type Inclusion, LIST_KEYS, listResponse, type ListSpec, showResponse} from '../listing.js'
import {updateMetadata, validateMetadata} from '../metadata.js'
import type {SecurityGroupRecord, SpaceRecord} from '../model.js'
import {link, metadataOf, stamps, toOne, toOneRelationship} from '../present.js'
import type {Table} from '../table.js'
import {presentOrg} from './organizations.js'
import {presentSecurityGroup, securityGroupListSpec} from './security-groups.js'

export function presentSpace(ctx: Ctx, space: SpaceRecord): unknown {
  const self = `/v3/spaces/${space.guid}`
  return {
    ...stamps(space),
    name: space.name,
    suspended: false,
    relationships: {organization: toOne(space.organization_guid), quota: toOne(null)},
    metadata: metadataOf(space),
    links: {
      self: link(ctx, self),
      organization: link(ctx, `/v3/organizations/${space.organization_guid}`),
      features: link(ctx, `${self}/features`),
      apply_manifest: link(ctx, `${self}/actions/apply_manifest`, 'POST'),
    },
  }
}

export function findSpace(ctx: Ctx, guid: string): SpaceRecord {
  const space = ctx.store.tables.spaces.get(guid)
  if (!space || !canReadSpace(ctx, guid)) throw resourceNotFound('Space')
  return space
}

/** The spaces the caller can see. */
export function visibleSpaces(ctx: Ctx): SpaceRecord[] {
  const {spaces} = ctx.store.tables
  return ctx.principal.admin ? spaces.all() : [...ctx.principal.orgs].flatMap((org) => spaces.by('org', org))
}

/** The rows of a space-indexed table that the caller can see, found through the index rather than a scan. */
export function rowsInVisibleSpaces<T extends {guid: string}>(ctx: Ctx, table: Table<T>): T[] {
  return ctx.principal.admin ? table.all() : visibleSpaces(ctx).flatMap((space) => table.by('space', space.guid))
}

const orgInclusion: Inclusion<SpaceRecord> = {
  key: 'organizations',
  parents: (ctx, spaces) => spaces.flatMap((s) => ctx.store.tables.orgs.get(s.organization_guid) ?? []),
  present: presentOrg as Inclusion<SpaceRecord>['present'],
}

const includes = {org: [orgInclusion], organization: [orgInclusion]}

const listSpec: ListSpec<SpaceRecord> = {
  allowed: [...LIST_KEYS, 'names', 'organization_guids', 'include', 'label_selector'],
  orderFields: ['created_at', 'updated_at', 'name'],
  filters: {names: fieldIn((s) => s.name), organization_guids: fieldIn((s) => s.organization_guid)},
  includes,
  present: presentSpace,
  dependsOn: (space) => [space.updated_at, space.name, space.organization_guid, space.metadata],
}

function create(ctx: Ctx) {
  const body = readBody(ctx, ['name', 'suspended', 'relationships', 'metadata'])
  const name = requireName(body)
  validateMetadata(body.metadata)
  const orgGuid = relationshipGuid(body, 'organization')
  const org = orgGuid ? ctx.store.tables.orgs.get(orgGuid) : undefined
  // A visible org where the caller is no Org Manager was refused with 403 before (write-access.ts).
  if (!org || !canReadOrg(ctx, org.guid)) {
    throw unprocessable('Invalid organization. Ensure the organization exists and you have access to it.')
  }
  if (ctx.store.tables.spaces.first('orgName', `${org.guid}/${name}`)) {
    throw unprocessable(`Organization '${org.name}' already contains a space with name '${name}'.`)
  }
  const space: SpaceRecord = {...ctx.store.base('space'), name, organization_guid: org.guid, isolation_segment_guid: null}
  space.metadata = updateMetadata(space.metadata, body.metadata)
  ctx.store.tables.spaces.insert(space)
  return ok(presentSpace(ctx, space), 201)
}

function update(ctx: Ctx) {
  const space = findSpace(ctx, ctx.params.guid)
  const body = readBody(ctx, ['name', 'suspended', 'metadata'])
  const name = body.name === undefined ? space.name : requireName(body)
  const clash = ctx.store.tables.spaces.first('orgName', `${space.organization_guid}/${name}`)
  if (clash && clash.guid !== space.guid) {
    const org = ctx.store.tables.orgs.get(space.organization_guid)
    throw unprocessable(`Organization '${org?.name}' already contains a space with name '${name}'.`)
  }
  ctx.store.touch('spaces', space, {name, metadata: updateMetadata(space.metadata, body.metadata)})
  return ok(presentSpace(ctx, space))
}

function remove(ctx: Ctx) {
  const space = findSpace(ctx, ctx.params.guid)
  return startJob(ctx, 'space.delete', {type: 'space', guid: space.guid}, () => deleteSpace(ctx.store, ctx.services.router, space.guid))
}

function segmentRelationship(ctx: Ctx, space: SpaceRecord) {
  const guid = space.isolation_segment_guid
  return ok(toOneRelationship(ctx, `/v3/spaces/${space.guid}/relationships/isolation_segment`, guid, `/v3/isolation_segments/${guid}`))
}

function assignSegment(ctx: Ctx) {
  const space = findSpace(ctx, ctx.params.guid)
  const guid = toOneGuid(readBody(ctx, ['data']))
  if (guid && !ctx.store.tables.segments.get(guid)?.organization_guids.includes(space.organization_guid)) {
    throw unprocessable(
      `Unable to assign isolation segment with guid '${guid}'. ` +
        'Ensure it has been entitled to the organization that this space belongs to.',
    )
  }
  ctx.store.touch('spaces', space, {isolation_segment_guid: guid})
  return segmentRelationship(ctx, space)
}

/** Globally enabled for the lifecycle, or bound to the space for it (behaviour 18). */
function appliedGroups(ctx: Ctx, lifecycle: 'running' | 'staging') {
  const space = findSpace(ctx, ctx.params.guid)
  const groups = ctx.store.tables.securityGroups
    .all()
    .filter((g: SecurityGroupRecord) => g.globally_enabled[lifecycle] || g[`${lifecycle}_space_guids`].includes(space.guid))
  const spec = securityGroupListSpec([...LIST_KEYS, 'names'])
  return listResponse(ctx, groups, {...spec, present: presentSecurityGroup})
}

export function registerSpaces(d: Dispatcher): void {
  d.add('GET', '/v3/spaces', (ctx) => listResponse(ctx, visibleSpaces(ctx), listSpec))
    .add('POST', '/v3/spaces', create)
    .add('GET', '/v3/spaces/:guid', (ctx) => showResponse(ctx, findSpace(ctx, ctx.params.guid), listSpec))
    .add('PATCH', '/v3/spaces/:guid', update)
    .add('DELETE', '/v3/spaces/:guid', remove)
    .add('GET', '/v3/spaces/:guid/relationships/isolation_segment', (ctx) => segmentRelationship(ctx, findSpace(ctx, ctx.params.guid)))
    .add('PATCH', '/v3/spaces/:guid/relationships/isolation_segment', assignSegment)
    .add('GET', '/v3/spaces/:guid/running_security_groups', (ctx) => appliedGroups(ctx, 'running'))
    .add('GET', '/v3/spaces/:guid/staging_security_groups', (ctx) => appliedGroups(ctx, 'staging'))
}
