// Turns a validated seed into store rows, with deterministic guids derived from names.
import {guidFrom, SHARED_SEGMENT_GUID} from './guid.js'
import {newApp, newDroplet, newProcess, makeInstances} from './lifecycle.js'
import type {DomainRecord, ManagedDetails, RouteRecord, SpaceRecord} from './model.js'
import {RouterView} from './router-view.js'
import {SeedError, type SeedApp, type SeedDocument, type SeedServiceInstance, type SeedSpace} from './seed.js'
import {bindingUrlOf, succeeded} from './services.js'
import {Store} from './store.js'
import {makeUser} from './uaa.js'

/** Seeded rows all carry this time, so fixtures do not change from run to run. */
const SEED_TIME = '2024-01-01T00:00:00Z'

class Loader {
  constructor(
    readonly store: Store,
    readonly source: string,
  ) {}

  fail(path: string, what: string): never {
    throw new SeedError(`${this.source}: ${path}: ${what}`)
  }

  base(kind: string, ...names: string[]) {
    return this.store.base(kind, guidFrom(kind, ...names), SEED_TIME)
  }

  orgGuid(name: string, path: string): string {
    return this.store.tables.orgs.first('name', name)?.guid ?? this.fail(path, `unknown org '${name}'`)
  }

  segmentGuid(name: string, path: string): string {
    return this.store.tables.segments.first('name', name.toLowerCase())?.guid ?? this.fail(path, `unknown isolation segment '${name}'`)
  }

  /** `org/space` -> space guid. */
  spaceGuid(ref: string, path: string): string {
    const [org, space] = ref.split('/')
    const orgGuid = this.orgGuid(org, path)
    return (
      this.store.tables.spaces.first('orgName', `${orgGuid}/${space}`)?.guid ??
      this.fail(path, `unknown space '${ref}' (write it as org/space)`)
    )
  }

  /** Finds or creates the route for `host.domain[/path]` in the space, the domain chosen by longest suffix. */
  route(ref: string, space: SpaceRecord, path: string): RouteRecord {
    const slash = ref.indexOf('/')
    const hostPart = (slash < 0 ? ref : ref.slice(0, slash)).toLowerCase()
    const routePath = slash < 0 ? '' : ref.slice(slash)
    const labels = hostPart.split('.')
    let domain: DomainRecord | undefined
    for (let i = 0; i < labels.length && !domain; i++) {
      domain = this.store.tables.domains.first('name', labels.slice(i).join('.'))
    }
    if (!domain) this.fail(path, `no domain matches route '${ref}'`)
    const host = hostPart === domain.name ? '' : hostPart.slice(0, hostPart.length - domain.name.length - 1)
    const existing = this.store.tables.routes.first('address', `${host}|${domain.guid}|${routePath}`)
    if (existing) return existing
    return this.store.tables.routes.insert({
      ...this.base('route', host, domain.name, routePath),
      host,
      path: routePath,
      domain_guid: domain.guid,
      space_guid: space.guid,
      options: {},
      destinations: [],
    })
  }
}

function loadPlatform(l: Loader, seed: SeedDocument): void {
  const {store} = l
  store.tables.segments.insert({...store.base('isolation_segment', SHARED_SEGMENT_GUID, SEED_TIME), name: 'shared', organization_guids: []})
  for (const s of seed.isolation_segments ?? []) {
    const segment = store.tables.segments.insert({...l.base('isolation_segment', s.name), name: s.name, organization_guids: []})
    segment.metadata = {labels: {...s.labels}, annotations: {...s.annotations}}
  }
  for (const o of seed.orgs ?? []) {
    const org = store.tables.orgs.insert({
      ...l.base('organization', o.name),
      name: o.name,
      suspended: false,
      quota_guid: guidFrom('quota', 'default'),
      default_isolation_segment_guid: null,
    })
    org.metadata = {labels: {...o.labels}, annotations: {...o.annotations}}
  }
  seed.isolation_segments?.forEach((s, i) => {
    const segment = store.tables.segments.first('name', s.name.toLowerCase())!
    const orgs = (s.orgs ?? []).map((name) => l.orgGuid(name, `isolation_segments[${i}].orgs`))
    store.tables.segments.update(segment, {organization_guids: orgs})
  })
  seed.domains?.forEach((d, i) => {
    store.tables.domains.insert({
      ...l.base('domain', d.name),
      name: d.name.toLowerCase(),
      internal: d.internal === true,
      organization_guid: d.org ? l.orgGuid(d.org, `domains[${i}].org`) : null,
      shared_organization_guids: [],
    })
  })
}

function entitledSegment(l: Loader, name: string, orgGuid: string, path: string): string {
  const guid = l.segmentGuid(name, path)
  if (!l.store.tables.segments.get(guid)!.organization_guids.includes(orgGuid)) {
    l.fail(path, `isolation segment '${name}' is not entitled to this org (list the org under isolation_segments.orgs)`)
  }
  return guid
}

function loadApp(l: Loader, a: SeedApp, space: SpaceRecord, path: string): void {
  const {store} = l
  const app = newApp(store, space.guid, a.name, guidFrom('app', space.guid, a.name), a.docker ? 'docker' : 'buildpack')
  Object.assign(app, {
    created_at: SEED_TIME,
    updated_at: SEED_TIME,
    environment_variables: {...a.env},
    state: a.state ?? 'STARTED',
    metadata: {labels: {...a.labels}, annotations: {...a.annotations}},
  })
  const docker = a.docker ? {image: a.docker.image, ports: a.docker.ports ?? []} : undefined
  app.current_droplet_guid = newDroplet(store, app, null, docker).guid
  const process = newProcess(store, app, a.instances ?? 1, a.memory_in_mb)
  if (app.state === 'STARTED') {
    const segment = a.running_on ? l.segmentGuid(a.running_on, `${path}.running_on`) : store.effectiveSegmentGuid(space)
    process.running = makeInstances(
      store,
      {isolation_segment_guid: segment, environment: {...app.environment_variables}, droplet_guid: app.current_droplet_guid},
      0,
      process.instances,
    )
  }
  a.routes?.forEach((ref, i) => {
    const route = l.route(ref, space, `${path}.routes[${i}]`)
    // Mapped without a port, as `cf push` and `cf map-route` do: shown with the app's default port.
    store.tables.routes.update(route, {
      destinations: [
        ...route.destinations,
        {
          guid: guidFrom('destination', route.guid, app.guid),
          app_guid: app.guid,
          process_type: 'web',
          port: null,
          protocol: 'http1',
          weight: null,
          created_at: SEED_TIME,
          updated_at: SEED_TIME,
        },
      ],
    })
  })
}

function loadSpaceContents(l: Loader, s: SeedSpace, space: SpaceRecord, path: string): void {
  const {store} = l
  s.routes?.forEach((ref, i) => l.route(ref, space, `${path}.routes[${i}]`))
  s.apps?.forEach((a, i) => loadApp(l, a, space, `${path}.apps[${i}]`))
  s.service_instances?.forEach((si, i) => loadServiceInstance(l, si, space, `${path}.service_instances[${i}]`))
  s.route_bindings?.forEach((b, i) => {
    const where = `${path}.route_bindings[${i}]`
    const route = l.route(b.route, space, where)
    const instance =
      store.tables.serviceInstances.first('spaceName', `${space.guid}/${b.service_instance}`) ??
      l.fail(where, `unknown service instance '${b.service_instance}' in this space`)
    const url = bindingUrlOf(instance) ?? l.fail(where, `'${instance.name}' has no route_service_url`)
    store.tables.routeBindings.insert({
      ...l.base('service_route_binding', route.guid),
      route_guid: route.guid,
      service_instance_guid: instance.guid,
      route_service_url: url,
      last_operation: succeeded('create', SEED_TIME),
    })
  })
}

/** A managed instance needs its offering and plan, and has none of the user-provided fields. */
function managedDetails(l: Loader, si: SeedServiceInstance, path: string): ManagedDetails {
  if (!si.offering || !si.plan) l.fail(path, `managed instance '${si.name}' needs an offering and a plan`)
  const foreign = (['credentials', 'syslog_drain_url'] as const).filter((key) => si[key] !== undefined)
  if (foreign.length > 0) l.fail(path, `${foreign.join(', ')}: only for user-provided instances`)
  return {
    service_plan_guid: guidFrom('service_plan', si.offering, si.plan),
    service_plan_name: si.plan,
    dashboard_url: si.dashboard_url ?? null,
    route_service_url: si.route_service_url ?? null,
  }
}

function loadServiceInstance(l: Loader, si: SeedServiceInstance, space: SpaceRecord, path: string): void {
  const type = si.type ?? 'user-provided'
  if (type !== 'user-provided' && type !== 'managed') l.fail(path, `type must be user-provided or managed, not '${type}'`)
  if (si.route_service_url && !si.route_service_url.startsWith('https://')) {
    l.fail(path, `route_service_url of '${si.name}' must be https`)
  }
  const managed = type === 'managed' ? managedDetails(l, si, path) : undefined
  l.store.tables.serviceInstances.insert({
    ...l.base('service_instance', space.guid, si.name),
    name: si.name,
    space_guid: space.guid,
    tags: si.tags ?? [],
    credentials: si.credentials ?? {},
    syslog_drain_url: si.syslog_drain_url ?? null,
    route_service_url: managed ? null : (si.route_service_url ?? null),
    last_operation: succeeded('create', SEED_TIME),
    ...(managed ? {managed} : {}),
  })
}

function loadOrgs(l: Loader, seed: SeedDocument): void {
  const {store} = l
  seed.orgs?.forEach((o, i) => {
    const org = store.tables.orgs.first('name', o.name)!
    if (o.default_isolation_segment) {
      const guid = entitledSegment(l, o.default_isolation_segment, org.guid, `orgs[${i}].default_isolation_segment`)
      store.tables.orgs.update(org, {default_isolation_segment_guid: guid})
    }
    o.spaces?.forEach((s, j) => {
      const path = `orgs[${i}].spaces[${j}]`
      const segment = s.isolation_segment ? entitledSegment(l, s.isolation_segment, org.guid, `${path}.isolation_segment`) : null
      const space = store.tables.spaces.insert({
        ...l.base('space', o.name, s.name),
        name: s.name,
        organization_guid: org.guid,
        isolation_segment_guid: segment,
      })
      space.metadata = {labels: {...s.labels}, annotations: {...s.annotations}}
      loadSpaceContents(l, s, space, path)
    })
  })
}

function loadSecurityAndPeople(l: Loader, seed: SeedDocument): void {
  const {store} = l
  seed.security_groups?.forEach((g, i) => {
    const spaces = (refs: string[] | undefined, key: string) => (refs ?? []).map((ref) => l.spaceGuid(ref, `security_groups[${i}].${key}`))
    store.tables.securityGroups.insert({
      ...l.base('security_group', g.name),
      name: g.name,
      rules: g.rules ?? [],
      globally_enabled: {running: g.globally_enabled?.running ?? false, staging: g.globally_enabled?.staging ?? false},
      running_space_guids: spaces(g.running_spaces, 'running_spaces'),
      staging_space_guids: spaces(g.staging_spaces, 'staging_spaces'),
    })
  })
  const users = seed.users ?? [{username: 'admin', password: 'admin', admin: true}]
  users.forEach((u, i) => {
    const user = makeUser(u.username, u.password, u.admin === true)
    user.org_manager = (u.org_manager ?? []).map((org) => l.orgGuid(org, `users[${i}].org_manager`))
    user.space_developer = (u.space_developer ?? []).map((ref) => l.spaceGuid(ref, `users[${i}].space_developer`))
    store.users.set(user.username, user)
  })
  for (const c of seed.clients ?? [{id: 'admin', secret: 'admin-secret', admin: true}]) {
    store.clients.set(c.id, {id: c.id, secret: c.secret, admin: c.admin === true})
  }
}

/** A fresh store holding the seeded foundation. */
export function loadSeed(seed: SeedDocument, jwtSecret: string, source = 'seed'): Store {
  const loader = new Loader(new Store(jwtSecret), source)
  loadPlatform(loader, seed)
  loadOrgs(loader, seed)
  loadSecurityAndPeople(loader, seed)
  const router = new RouterView(loader.store)
  for (const route of loader.store.tables.routes.all()) router.resend(route, null)
  return loader.store
}
