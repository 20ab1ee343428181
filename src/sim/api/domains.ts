// Domains: list/get/create. Shared domains have no owning org; the first shared one is every org's default.
import {canReadOrg} from '../access.js'
import type {Dispatcher} from '../dispatch.js'
import {resourceNotFound, unprocessable} from '../errors.js'
import {ok, readBody, relationshipGuid, requireName, type Ctx} from '../http.js'
import {fieldIn, LIST_KEYS, listResponse, type ListSpec} from '../listing.js'
import {updateMetadata, validateMetadata} from '../metadata.js'
import type {DomainRecord} from '../model.js'
import {link, metadataOf, stamps, toMany, toOne} from '../present.js'
import type {Store} from '../store.js'

export function presentDomain(ctx: Ctx, domain: DomainRecord): unknown {
  const self = `/v3/domains/${domain.guid}`
  const links: Record<string, unknown> = {self: link(ctx, self)}
  if (domain.organization_guid) links.organization = link(ctx, `/v3/organizations/${domain.organization_guid}`)
  links.route_reservations = link(ctx, `${self}/route_reservations`)
  links.shared_organizations = link(ctx, `${self}/relationships/shared_organizations`)
  return {
    ...stamps(domain),
    name: domain.name,
    internal: domain.internal,
    router_group: null,
    supported_protocols: ['http'],
    relationships: {
      organization: toOne(domain.organization_guid),
      shared_organizations: toMany(domain.shared_organization_guids),
    },
    metadata: metadataOf(domain),
    links,
  }
}

export const domainVisible = (ctx: Ctx, domain: DomainRecord): boolean =>
  domain.organization_guid === null ||
  canReadOrg(ctx, domain.organization_guid) ||
  domain.shared_organization_guids.some((g) => canReadOrg(ctx, g))

export function findDomain(ctx: Ctx, guid: string): DomainRecord {
  const domain = ctx.store.tables.domains.get(guid)
  if (!domain || !domainVisible(ctx, domain)) throw resourceNotFound('Domain')
  return domain
}

/** The first shared, external domain; else the org's own first domain. */
export function defaultDomainFor(store: Store, orgGuid: string): DomainRecord | undefined {
  const domains = store.tables.domains.all()
  return domains.find((d) => d.organization_guid === null && !d.internal) ?? domains.find((d) => d.organization_guid === orgGuid)
}

/** Whether routes of an org may use the domain. */
export const domainUsableBy = (domain: DomainRecord, orgGuid: string): boolean =>
  domain.organization_guid === null || domain.organization_guid === orgGuid || domain.shared_organization_guids.includes(orgGuid)

const listSpec: ListSpec<DomainRecord> = {
  allowed: [...LIST_KEYS, 'names', 'guids', 'organization_guids', 'label_selector'],
  filters: {
    names: fieldIn((d) => d.name),
    organization_guids: fieldIn((d) => d.organization_guid),
  },
  present: presentDomain,
}

function create(ctx: Ctx) {
  const body = readBody(ctx, ['name', 'internal', 'router_group', 'relationships', 'metadata'])
  const name = requireName(body).toLowerCase()
  validateMetadata(body.metadata)
  const orgGuid = relationshipGuid(body, 'organization') ?? null
  // Roles were checked before (write-access.ts): an Org Manager for a private domain, an admin for a shared one.
  if (orgGuid && (!ctx.store.tables.orgs.get(orgGuid) || !canReadOrg(ctx, orgGuid))) {
    throw unprocessable(`Organization with guid '${orgGuid}' does not exist or you do not have access to it.`)
  }
  if (ctx.store.tables.domains.first('name', name)) {
    throw unprocessable(`The domain name "${name}" is already in use`)
  }
  const domain: DomainRecord = {
    ...ctx.store.base('domain'),
    name,
    internal: body.internal === true,
    organization_guid: orgGuid,
    shared_organization_guids: [],
  }
  domain.metadata = updateMetadata(domain.metadata, body.metadata)
  ctx.store.tables.domains.insert(domain)
  return ok(presentDomain(ctx, domain), 201)
}

export function registerDomains(d: Dispatcher): void {
  d.add('GET', '/v3/domains', (ctx) =>
    listResponse(
      ctx,
      ctx.store.tables.domains.all().filter((dom) => domainVisible(ctx, dom)),
      listSpec,
    ),
  )
    .add('POST', '/v3/domains', create)
    .add('GET', '/v3/domains/:guid', (ctx) => ok(presentDomain(ctx, findDomain(ctx, ctx.params.guid))))
}
