// Cloud Controller's rule for writes: a caller who can see the target but holds none of the endpoint's permitted roles
// there gets 403 CF-NotAuthorized. Roles come from the seed: admin (the cloud_controller.admin scope), Org Manager
// of an org, Space Developer of a space (see permitted-roles.ts for the table). What the caller cannot see, or what
// does not exist, is left to the handler, which answers 404 or 422 as CC does.
import {canReadOrg, canReadSpace} from './access.js'
import {notAuthorized, resourceNotFound, unprocessable, type ApiError} from './errors.js'
import {isObject, relationshipGuid, type Body, type Ctx} from './http.js'
import {PERMITTED_ROLES, type Role} from './permitted-roles.js'

/**
 * Where a write lands: one space, one org, several spaces (a security group bound to many), or the whole foundation.
 * 'unresolved' leaves the decision to the handler: its target is missing or hidden (404/422 first, as in CC), or it
 * is an admin-only change to an existing segment or security group, whose handler checks visibility before role.
 */
type Scope = {spaces: string[]} | {org: string} | 'global' | 'unresolved'

/** Where CC answers a caller who may read but not write with something else than 403 (capi behaviour 26). */
const REFUSALS: Readonly<Record<string, () => ApiError>> = {
  'POST /v3/deployments': () => unprocessable('Unable to use app. Ensure that the app exists and you have access to it.'),
  'POST /v3/deployments/:guid/actions/cancel': () => resourceNotFound('Deployment'),
  'POST /v3/deployments/:guid/actions/continue': () => resourceNotFound('Deployment'),
}

export function authorizeWrite(ctx: Ctx): void {
  if (ctx.method === 'GET' || ctx.principal.admin) return
  const endpoint = `${ctx.method} ${ctx.route}`
  const refuse = REFUSALS[endpoint] ?? notAuthorized
  const roles = PERMITTED_ROLES[endpoint] ?? ['Admin']
  const scope = scopeOf(ctx)
  if (scope === 'unresolved') return
  if (scope === 'global') throw refuse()
  if ('org' in scope) {
    if (!canReadOrg(ctx, scope.org)) return
    if (!(roles.includes('Org Manager') && ctx.principal.managerOf.has(scope.org))) throw refuse()
    return
  }
  if (!scope.spaces.every((guid) => ctx.store.tables.spaces.get(guid) && canReadSpace(ctx, guid))) return
  if (!scope.spaces.every((guid) => mayWriteSpace(ctx, roles, guid))) throw refuse()
}

function mayWriteSpace(ctx: Ctx, roles: readonly Role[], spaceGuid: string): boolean {
  const orgGuid = ctx.store.tables.spaces.get(spaceGuid)?.organization_guid ?? ''
  return (
    (roles.includes('Space Developer') && ctx.principal.developerOf.has(spaceGuid)) ||
    (roles.includes('Org Manager') && ctx.principal.managerOf.has(orgGuid))
  )
}

const space = (guid: string | undefined): Scope => (guid === undefined ? 'unresolved' : {spaces: [guid]})

function scopeOf(ctx: Ctx): Scope {
  const [, , collection] = ctx.route.split('/')
  const guid = ctx.params.guid
  const t = ctx.store.tables
  const body = guid === undefined || collection === 'security_groups' ? bodyOf(ctx) : {}
  const appSpace = (appGuid: string | undefined) => space(appGuid === undefined ? undefined : t.apps.get(appGuid)?.space_guid)
  switch (collection) {
    case 'organizations':
      return guid === undefined ? 'global' : {org: guid}
    case 'spaces':
      if (guid !== undefined) return space(guid)
      return orgScope(relationshipGuid(body, 'organization'))
    case 'domains':
      return relationshipGuid(body, 'organization') === undefined ? 'global' : orgScope(relationshipGuid(body, 'organization'))
    case 'security_groups':
      return securityGroupScope(ctx, body)
    case 'isolation_segments':
      return guid === undefined ? 'global' : 'unresolved'
    case 'routes':
      return space(guid === undefined ? relationshipGuid(body, 'space') : t.routes.get(guid)?.space_guid)
    case 'service_instances':
      return space(guid === undefined ? relationshipGuid(body, 'space') : t.serviceInstances.get(guid)?.space_guid)
    case 'service_route_bindings': {
      const instance = guid === undefined ? relationshipGuid(body, 'service_instance') : t.routeBindings.get(guid)?.service_instance_guid
      return space(instance === undefined ? undefined : t.serviceInstances.get(instance)?.space_guid)
    }
    case 'apps':
      return guid === undefined ? space(relationshipGuid(body, 'space')) : appSpace(guid)
    case 'processes':
      return appSpace(t.processes.get(guid)?.app_guid)
    case 'packages':
      return appSpace(guid === undefined ? relationshipGuid(body, 'app') : t.packages.get(guid)?.app_guid)
    case 'builds':
      return appSpace(t.packages.get(nestedGuid(body, 'package') ?? '')?.app_guid)
    case 'deployments':
      return appSpace(guid === undefined ? relationshipGuid(body, 'app') : t.deployments.get(guid)?.app_guid)
    default:
      return 'global'
  }
}

const orgScope = (guid: string | undefined): Scope => (guid === undefined ? 'unresolved' : {org: guid})

/** Creating and changing groups is global; binding one to spaces is a write in those spaces. */
function securityGroupScope(ctx: Ctx, body: Body): Scope {
  if (ctx.params.space_guid !== undefined) return {spaces: [ctx.params.space_guid]}
  if (!ctx.route.endsWith('_spaces')) return ctx.params.guid === undefined ? 'global' : 'unresolved'
  const data = Array.isArray(body.data) ? body.data : []
  const guids = data.map((item) => (isObject(item) && typeof item.guid === 'string' ? item.guid : ''))
  return guids.length > 0 && guids.every(Boolean) ? {spaces: guids} : 'unresolved'
}

/** The request body when it is a JSON object; anything else is the handler's to refuse. */
function bodyOf(ctx: Ctx): Body {
  try {
    const parsed: unknown = JSON.parse(ctx.body.toString('utf8') || '{}')
    return isObject(parsed) ? parsed : {}
  } catch {
    return {}
  }
}

function nestedGuid(body: Body, key: string): string | undefined {
  const value = body[key]
  return isObject(value) && typeof value.guid === 'string' ? value.guid : undefined
}
