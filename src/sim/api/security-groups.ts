// Security groups (ASGs): list with their filters (422 for bad queries), get/create/update/delete (202 job),
// and binding to spaces for running or staging (behaviour 18).
import {canReadSpace, requireAdmin} from '../access.js'
import type {Dispatcher} from '../dispatch.js'
import {resourceNotFound, unprocessable} from '../errors.js'
import {isObject, noContent, ok, readBody, requireName, toManyGuids, type Body, type Ctx} from '../http.js'
import {startJob} from '../jobs.js'
import {fieldIn, LIST_KEYS, listResponse, type ListSpec} from '../listing.js'
import type {SecurityGroupRecord, SecurityRule} from '../model.js'
import {link, stamps, toMany, toManyRelationship} from '../present.js'

type Lifecycle = 'running' | 'staging'

export function presentSecurityGroup(ctx: Ctx, group: SecurityGroupRecord): unknown {
  const visible = (guids: string[]) => guids.filter((g) => canReadSpace(ctx, g))
  return {
    ...stamps(group),
    name: group.name,
    rules: group.rules.map((rule) => ({...rule})),
    globally_enabled: {...group.globally_enabled},
    relationships: {
      running_spaces: toMany(visible(group.running_space_guids)),
      staging_spaces: toMany(visible(group.staging_space_guids)),
    },
    links: {self: link(ctx, `/v3/security_groups/${group.guid}`)},
  }
}

const isVisible = (ctx: Ctx, group: SecurityGroupRecord): boolean =>
  ctx.principal.admin ||
  group.globally_enabled.running ||
  group.globally_enabled.staging ||
  [...group.running_space_guids, ...group.staging_space_guids].some((g) => canReadSpace(ctx, g))

function findGroup(ctx: Ctx, guid: string): SecurityGroupRecord {
  const group = ctx.store.tables.securityGroups.get(guid)
  if (!group || !isVisible(ctx, group)) throw resourceNotFound('Security group')
  return group
}

const boolFilter = (pick: (g: SecurityGroupRecord) => boolean) => (values: string[]) => (group: SecurityGroupRecord) =>
  values.includes(String(pick(group)))
const boundTo = (lifecycle: Lifecycle) => (values: string[]) => (group: SecurityGroupRecord) =>
  group[`${lifecycle}_space_guids`].some((g) => values.includes(g))

/** The list behaviour shared by /v3/security_groups and the per-space lists: 422 on a bad query. */
export function securityGroupListSpec(allowed: readonly string[]): ListSpec<SecurityGroupRecord> {
  return {
    allowed,
    style: 'unprocessable',
    orderFields: ['created_at', 'updated_at', 'name'],
    filters: {
      names: fieldIn((g) => g.name),
      running_space_guids: boundTo('running'),
      staging_space_guids: boundTo('staging'),
      globally_enabled_running: boolFilter((g) => g.globally_enabled.running),
      globally_enabled_staging: boolFilter((g) => g.globally_enabled.staging),
    },
    present: presentSecurityGroup,
  }
}

const listSpec = securityGroupListSpec([
  ...LIST_KEYS,
  'names',
  'running_space_guids',
  'staging_space_guids',
  'globally_enabled_running',
  'globally_enabled_staging',
])

const PROTOCOLS = ['tcp', 'udp', 'icmp', 'icmpv6', 'all']

function readRules(value: unknown): SecurityRule[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw unprocessable('Rules must be an array')
  return value.map((rule: unknown, i) => {
    const r = isObject(rule) ? rule : {}
    if (!PROTOCOLS.includes(String(r.protocol))) {
      throw unprocessable(`Rules[${i}]: protocol must be 'tcp', 'udp', 'icmp', 'icmpv6' or 'all'`)
    }
    if (typeof r.destination !== 'string' || r.destination === '') {
      throw unprocessable(`Rules[${i}]: destination must be a valid CIDR, IP address, or IP address range`)
    }
    if ((r.protocol === 'tcp' || r.protocol === 'udp') && typeof r.ports !== 'string') {
      throw unprocessable(`Rules[${i}]: ports are required for protocols of type TCP and UDP`)
    }
    return r as unknown as SecurityRule
  })
}

function readGloballyEnabled(body: Body, current: {running: boolean; staging: boolean}) {
  const value = isObject(body.globally_enabled) ? body.globally_enabled : {}
  return {
    running: typeof value.running === 'boolean' ? value.running : current.running,
    staging: typeof value.staging === 'boolean' ? value.staging : current.staging,
  }
}

function relationshipSpaces(ctx: Ctx, body: Body, lifecycle: Lifecycle): string[] {
  const relationships = isObject(body.relationships) ? body.relationships : {}
  const rel = relationships[`${lifecycle}_spaces`]
  if (rel === undefined) return []
  const guids = toManyGuids(isObject(rel) ? rel : {})
  const missing = guids.filter((g) => !ctx.store.tables.spaces.get(g))
  if (missing.length > 0) throw unprocessable(`Spaces with guids ${JSON.stringify(missing)} do not exist.`)
  return [...new Set(guids)]
}

// Creating is admin-only, checked before (write-access.ts); changing an existing group checks visibility first.
function create(ctx: Ctx) {
  const body = readBody(ctx, ['name', 'globally_enabled', 'rules', 'relationships'])
  const name = requireName(body)
  if (ctx.store.tables.securityGroups.first('name', name)) {
    throw unprocessable(`Security group with name '${name}' already exists.`)
  }
  const group: SecurityGroupRecord = {
    ...ctx.store.base('security_group'),
    name,
    rules: readRules(body.rules),
    globally_enabled: readGloballyEnabled(body, {running: false, staging: false}),
    running_space_guids: relationshipSpaces(ctx, body, 'running'),
    staging_space_guids: relationshipSpaces(ctx, body, 'staging'),
  }
  ctx.store.tables.securityGroups.insert(group)
  return ok(presentSecurityGroup(ctx, group), 201)
}

function update(ctx: Ctx) {
  const group = findGroup(ctx, ctx.params.guid)
  requireAdmin(ctx)
  const body = readBody(ctx, ['name', 'globally_enabled', 'rules'])
  const name = body.name === undefined ? group.name : requireName(body)
  const clash = ctx.store.tables.securityGroups.first('name', name)
  if (clash && clash.guid !== group.guid) throw unprocessable(`Security group with name '${name}' already exists.`)
  ctx.store.touch('securityGroups', group, {
    name,
    rules: body.rules === undefined ? group.rules : readRules(body.rules),
    globally_enabled: readGloballyEnabled(body, group.globally_enabled),
  })
  return ok(presentSecurityGroup(ctx, group))
}

// Binding and unbinding are writes in the spaces (Org Manager or admin): write-access.ts checks them.
function bind(ctx: Ctx, lifecycle: Lifecycle) {
  const group = findGroup(ctx, ctx.params.guid)
  const guids = toManyGuids(readBody(ctx, ['data']))
  const missing = guids.filter((g) => !ctx.store.tables.spaces.get(g) || !canReadSpace(ctx, g))
  if (missing.length > 0) {
    throw unprocessable(`Spaces with guids ${JSON.stringify(missing)} do not exist, or you do not have access to them.`)
  }
  const key = `${lifecycle}_space_guids` as const
  ctx.store.touch('securityGroups', group, {[key]: [...new Set([...group[key], ...guids])]})
  return ok(toManyRelationship(ctx, `/v3/security_groups/${group.guid}/relationships/${lifecycle}_spaces`, group[key]))
}

function unbind(ctx: Ctx, lifecycle: Lifecycle) {
  const group = findGroup(ctx, ctx.params.guid)
  const spaceGuid = ctx.params.space_guid
  const key = `${lifecycle}_space_guids` as const
  if (!group[key].includes(spaceGuid)) {
    throw unprocessable(
      `Unable to unbind security group from space with guid '${spaceGuid}'. ` + 'Ensure the space is bound to this security group.',
    )
  }
  ctx.store.touch('securityGroups', group, {[key]: group[key].filter((g) => g !== spaceGuid)})
  return noContent()
}

function remove(ctx: Ctx) {
  const group = findGroup(ctx, ctx.params.guid)
  requireAdmin(ctx)
  return startJob(ctx, 'security_group.delete', {type: 'security_group', guid: group.guid}, () =>
    ctx.store.tables.securityGroups.remove(group.guid),
  )
}

export function registerSecurityGroups(d: Dispatcher): void {
  d.add('GET', '/v3/security_groups', (ctx) =>
    listResponse(
      ctx,
      ctx.store.tables.securityGroups.all().filter((g) => isVisible(ctx, g)),
      listSpec,
    ),
  )
    .add('POST', '/v3/security_groups', create)
    .add('GET', '/v3/security_groups/:guid', (ctx) => ok(presentSecurityGroup(ctx, findGroup(ctx, ctx.params.guid))))
    .add('PATCH', '/v3/security_groups/:guid', update)
    .add('DELETE', '/v3/security_groups/:guid', remove)
  for (const lifecycle of ['running', 'staging'] as const) {
    d.add('POST', `/v3/security_groups/:guid/relationships/${lifecycle}_spaces`, (ctx) => bind(ctx, lifecycle)).add(
      'DELETE',
      `/v3/security_groups/:guid/relationships/${lifecycle}_spaces/:space_guid`,
      (ctx) => unbind(ctx, lifecycle),
    )
  }
}
