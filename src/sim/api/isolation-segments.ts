// Isolation segments: list/get/create/update/delete, org entitlements (entitle is idempotent, revoke has the
// 422 blockers of behaviour 17), and the spaces assigned to a segment.
import {canReadOrg, canReadSpace, requireAdmin} from '../access.js'
import type {Dispatcher} from '../dispatch.js'
import {resourceNotFound, unprocessable} from '../errors.js'
import {SHARED_SEGMENT_GUID} from '../guid.js'
import {noContent, ok, readBody, requireName, toManyGuids, type Ctx} from '../http.js'
import {fieldIn, LIST_KEYS, listResponse, type ListSpec} from '../listing.js'
import {updateMetadata, validateMetadata} from '../metadata.js'
import type {OrgRecord, SegmentRecord} from '../model.js'
import {link, metadataOf, stamps, toManyRelationship} from '../present.js'
import {presentOrg} from './organizations.js'

export function presentSegment(ctx: Ctx, segment: SegmentRecord): unknown {
  const self = `/v3/isolation_segments/${segment.guid}`
  return {
    ...stamps(segment),
    name: segment.name,
    metadata: metadataOf(segment),
    links: {self: link(ctx, self), organizations: link(ctx, `${self}/organizations`)},
  }
}

const visibleOrgGuids = (ctx: Ctx, segment: SegmentRecord): string[] => segment.organization_guids.filter((g) => canReadOrg(ctx, g))

function findSegment(ctx: Ctx, guid: string): SegmentRecord {
  const segment = ctx.store.tables.segments.get(guid)
  if (!segment || (!ctx.principal.admin && visibleOrgGuids(ctx, segment).length === 0)) {
    throw resourceNotFound('Isolation segment')
  }
  return segment
}

const listSpec: ListSpec<SegmentRecord> = {
  allowed: [...LIST_KEYS, 'names', 'organization_guids', 'label_selector'],
  orderFields: ['created_at', 'updated_at', 'name'],
  filters: {
    names: fieldIn((s) => s.name),
    organization_guids: (values) => (s) => s.organization_guids.some((g) => values.includes(g)),
  },
  present: presentSegment,
}

const orgListSpec: ListSpec<OrgRecord> = {
  allowed: [...LIST_KEYS, 'names', 'label_selector'],
  orderFields: ['created_at', 'updated_at', 'name'],
  filters: {names: fieldIn((o) => o.name)},
  present: presentOrg,
}

function list(ctx: Ctx) {
  const all = ctx.store.tables.segments.all()
  const segments = ctx.principal.admin ? all : all.filter((s) => visibleOrgGuids(ctx, s).length > 0)
  return listResponse(ctx, segments, listSpec)
}

function uniqueName(ctx: Ctx, name: string, self?: string): string {
  if (name.trim() === '') throw unprocessable('Isolation Segment names can only contain non-blank unicode characters')
  const clash = ctx.store.tables.segments.first('name', name.toLowerCase())
  if (clash && clash.guid !== self) throw unprocessable('Isolation Segment names are case insensitive and must be unique')
  return name
}

// Creating is admin-only, checked before (write-access.ts); changing an existing segment checks visibility first.
function create(ctx: Ctx) {
  const body = readBody(ctx, ['name', 'metadata'])
  const name = uniqueName(ctx, requireName(body))
  validateMetadata(body.metadata)
  const segment: SegmentRecord = {...ctx.store.base('isolation_segment'), name, organization_guids: []}
  segment.metadata = updateMetadata(segment.metadata, body.metadata)
  ctx.store.tables.segments.insert(segment)
  return ok(presentSegment(ctx, segment), 201)
}

function update(ctx: Ctx) {
  const segment = findSegment(ctx, ctx.params.guid)
  requireAdmin(ctx)
  const body = readBody(ctx, ['name', 'metadata'])
  const name = body.name === undefined ? segment.name : uniqueName(ctx, requireName(body), segment.guid)
  ctx.store.touch('segments', segment, {name, metadata: updateMetadata(segment.metadata, body.metadata)})
  return ok(presentSegment(ctx, segment))
}

function remove(ctx: Ctx) {
  const segment = findSegment(ctx, ctx.params.guid)
  requireAdmin(ctx)
  if (segment.guid === SHARED_SEGMENT_GUID) throw unprocessable('Cannot delete the shared Isolation Segment')
  if (segment.organization_guids.length > 0 || ctx.store.tables.spaces.first('segment', segment.guid)) {
    throw unprocessable('Revoke the Organization entitlements for your Isolation Segment.')
  }
  ctx.store.tables.segments.remove(segment.guid)
  return noContent()
}

function orgRelationship(ctx: Ctx, segment: SegmentRecord) {
  const self = `/v3/isolation_segments/${segment.guid}`
  return ok(toManyRelationship(ctx, `${self}/relationships/organizations`, visibleOrgGuids(ctx, segment), `${self}/organizations`))
}

function entitle(ctx: Ctx) {
  const segment = findSegment(ctx, ctx.params.guid)
  requireAdmin(ctx)
  const guids = toManyGuids(readBody(ctx, ['data']))
  const missing = guids.filter((g) => !ctx.store.tables.orgs.get(g))
  if (missing.length > 0) {
    throw unprocessable(
      `Unable to entitle organizations [${missing.map((g) => `'${g}'`).join(', ')}] ` +
        'for the isolation segment. Ensure the organizations exist.',
    )
  }
  ctx.store.touch('segments', segment, {organization_guids: [...new Set([...segment.organization_guids, ...guids])]})
  if (segment.guid === SHARED_SEGMENT_GUID) {
    for (const org of guids.flatMap((g) => ctx.store.tables.orgs.get(g) ?? [])) {
      if (!org.default_isolation_segment_guid) ctx.store.touch('orgs', org, {default_isolation_segment_guid: segment.guid})
    }
  }
  return orgRelationship(ctx, segment)
}

function revoke(ctx: Ctx) {
  const segment = findSegment(ctx, ctx.params.guid)
  requireAdmin(ctx)
  const org = ctx.store.tables.orgs.get(ctx.params.org_guid)
  if (!org) throw resourceNotFound('Org')
  if (org.default_isolation_segment_guid === segment.guid) {
    throw unprocessable(
      'Cannot remove the entitlement while this Isolation Segment is assigned as the Default ' + 'Isolation Segment for the Organization.',
    )
  }
  const assigned = ctx.store.tables.spaces.by('org', org.guid).filter((s) => s.isolation_segment_guid === segment.guid)
  if (assigned.length > 0) {
    throw unprocessable(
      'Cannot remove the entitlement while this Isolation Segment is assigned to any Spaces. ' +
        `Currently assigned to: ${assigned.map((s) => `'${s.name}'`).join(', ')}`,
    )
  }
  ctx.store.touch('segments', segment, {organization_guids: segment.organization_guids.filter((g) => g !== org.guid)})
  return noContent()
}

function spaces(ctx: Ctx) {
  const segment = findSegment(ctx, ctx.params.guid)
  const guids = ctx.store.tables.spaces
    .by('segment', segment.guid)
    .map((s) => s.guid)
    .filter((g) => canReadSpace(ctx, g))
  return ok(toManyRelationship(ctx, `/v3/isolation_segments/${segment.guid}/relationships/spaces`, guids))
}

function organizations(ctx: Ctx) {
  const segment = findSegment(ctx, ctx.params.guid)
  const orgs = visibleOrgGuids(ctx, segment).flatMap((g) => ctx.store.tables.orgs.get(g) ?? [])
  return listResponse(ctx, orgs, orgListSpec)
}

export function registerIsolationSegments(d: Dispatcher): void {
  const one = '/v3/isolation_segments/:guid'
  d.add('GET', '/v3/isolation_segments', list)
    .add('POST', '/v3/isolation_segments', create)
    .add('GET', one, (ctx) => ok(presentSegment(ctx, findSegment(ctx, ctx.params.guid))))
    .add('PATCH', one, update)
    .add('DELETE', one, remove)
    .add('GET', `${one}/organizations`, organizations)
    .add('GET', `${one}/relationships/organizations`, (ctx) => orgRelationship(ctx, findSegment(ctx, ctx.params.guid)))
    .add('POST', `${one}/relationships/organizations`, entitle)
    .add('DELETE', `${one}/relationships/organizations/:org_guid`, revoke)
    .add('GET', `${one}/relationships/spaces`, spaces)
}
