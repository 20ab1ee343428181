// Organizations: list/get/create/update/delete, the default isolation segment, the default domain.
import {canReadOrg} from '../access.js'
import {deleteOrg} from '../cascade.js'
import type {Dispatcher} from '../dispatch.js'
import {notAuthorized, resourceNotFound, unprocessable} from '../errors.js'
import {guidFrom} from '../guid.js'
import {ok, readBody, requireName, toOneGuid, type Ctx} from '../http.js'
import {startJob} from '../jobs.js'
import {fieldIn, LIST_KEYS, listResponse, type ListSpec} from '../listing.js'
import {updateMetadata, validateMetadata} from '../metadata.js'
import type {OrgRecord} from '../model.js'
import {link, metadataOf, stamps, toOneRelationship} from '../present.js'
import {presentDomain, defaultDomainFor} from './domains.js'

export function presentOrg(ctx: Ctx, org: OrgRecord): unknown {
  const self = `/v3/organizations/${org.guid}`
  return {
    ...stamps(org),
    name: org.name,
    suspended: org.suspended,
    relationships: {quota: {data: {guid: org.quota_guid}}},
    metadata: metadataOf(org),
    links: {
      self: link(ctx, self),
      domains: link(ctx, `${self}/domains`),
      default_domain: link(ctx, `${self}/domains/default`),
      quota: link(ctx, `/v3/organization_quotas/${org.quota_guid}`),
    },
  }
}

/** The org, if it exists and the caller can read it; 404 "Organization not found" otherwise. */
export function findOrg(ctx: Ctx, guid: string): OrgRecord {
  const org = ctx.store.tables.orgs.get(guid)
  if (!org || !canReadOrg(ctx, guid)) throw resourceNotFound('Organization')
  return org
}

const listSpec: ListSpec<OrgRecord> = {
  allowed: [...LIST_KEYS, 'names', 'isolation_segment_guid', 'label_selector'],
  orderFields: ['created_at', 'updated_at', 'name'],
  filters: {
    names: fieldIn((o) => o.name),
    isolation_segment_guid: (values, ctx) => (org) =>
      values.some((g) => ctx.store.tables.segments.get(g)?.organization_guids.includes(org.guid) ?? false),
  },
  present: presentOrg,
  dependsOn: (org) => [org.updated_at, org.name, org.suspended, org.quota_guid, org.metadata],
}

function list(ctx: Ctx) {
  const orgs = ctx.principal.admin
    ? ctx.store.tables.orgs.all()
    : [...ctx.principal.orgs].flatMap((g) => ctx.store.tables.orgs.get(g) ?? [])
  return listResponse(ctx, orgs, listSpec)
}

// Who may write is checked before any handler runs (write-access.ts).
function create(ctx: Ctx) {
  const body = readBody(ctx, ['name', 'suspended', 'metadata'])
  const name = requireName(body)
  validateMetadata(body.metadata)
  if (ctx.store.tables.orgs.first('name', name)) throw unprocessable(`Organization '${name}' already exists.`)
  const org: OrgRecord = {
    ...ctx.store.base('organization'),
    name,
    suspended: body.suspended === true,
    quota_guid: guidFrom('quota', 'default'),
    default_isolation_segment_guid: null,
  }
  org.metadata = updateMetadata(org.metadata, body.metadata)
  ctx.store.tables.orgs.insert(org)
  return ok(presentOrg(ctx, org), 201)
}

function update(ctx: Ctx) {
  const org = findOrg(ctx, ctx.params.guid)
  const body = readBody(ctx, ['name', 'suspended', 'metadata'])
  if (body.suspended !== undefined && typeof body.suspended !== 'boolean') throw unprocessable('Suspended must be a boolean')
  if (body.suspended !== undefined && !ctx.principal.admin) throw notAuthorized()
  const name = body.name === undefined ? org.name : requireName(body)
  const clash = ctx.store.tables.orgs.first('name', name)
  if (clash && clash.guid !== org.guid) throw unprocessable(`Organization name '${name}' is already taken.`)
  const metadata = updateMetadata(org.metadata, body.metadata)
  ctx.store.touch('orgs', org, {name, suspended: (body.suspended as boolean | undefined) ?? org.suspended, metadata})
  return ok(presentOrg(ctx, org))
}

function remove(ctx: Ctx) {
  const org = findOrg(ctx, ctx.params.guid)
  return startJob(ctx, 'organization.delete', {type: 'organization', guid: org.guid}, () =>
    deleteOrg(ctx.store, ctx.services.router, org.guid),
  )
}

function defaultSegmentBody(ctx: Ctx, org: OrgRecord) {
  const self = `/v3/organizations/${org.guid}/relationships/default_isolation_segment`
  const guid = org.default_isolation_segment_guid
  return ok(toOneRelationship(ctx, self, guid, `/v3/isolation_segments/${guid}`))
}

function setDefaultSegment(ctx: Ctx) {
  const org = findOrg(ctx, ctx.params.guid)
  const guid = toOneGuid(readBody(ctx, ['data']))
  const segment = guid ? ctx.store.tables.segments.get(guid) : undefined
  if (guid && !segment?.organization_guids.includes(org.guid)) {
    throw unprocessable(`Unable to assign isolation segment with guid '${guid}'. Ensure it has been entitled to the organization.`)
  }
  ctx.store.touch('orgs', org, {default_isolation_segment_guid: guid})
  return defaultSegmentBody(ctx, org)
}

function defaultDomain(ctx: Ctx) {
  const org = findOrg(ctx, ctx.params.guid)
  const domain = defaultDomainFor(ctx.store, org.guid)
  if (!domain) throw resourceNotFound('Domain')
  return ok(presentDomain(ctx, domain))
}

export function registerOrganizations(d: Dispatcher): void {
  d.add('GET', '/v3/organizations', list)
    .add('POST', '/v3/organizations', create)
    .add('GET', '/v3/organizations/:guid', (ctx) => ok(presentOrg(ctx, findOrg(ctx, ctx.params.guid))))
    .add('PATCH', '/v3/organizations/:guid', update)
    .add('DELETE', '/v3/organizations/:guid', remove)
    .add('GET', '/v3/organizations/:guid/relationships/default_isolation_segment', (ctx) =>
      defaultSegmentBody(ctx, findOrg(ctx, ctx.params.guid)),
    )
    .add('PATCH', '/v3/organizations/:guid/relationships/default_isolation_segment', setDefaultSegment)
    .add('GET', '/v3/organizations/:guid/domains/default', defaultDomain)
}
