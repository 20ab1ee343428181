// Deleting a resource deletes what lives inside it, the way CC's delete actions do.
import type {RouterView} from './router-view.js'
import type {Store} from './store.js'

export function deleteRouteBinding(store: Store, router: RouterView, guid: string, journalIndex: number | null): void {
  const binding = store.tables.routeBindings.get(guid)
  if (!binding) return
  store.tables.routeBindings.remove(guid)
  const route = store.tables.routes.get(binding.route_guid)
  if (route) router.resend(route, journalIndex)
}

export function deleteRoute(store: Store, router: RouterView, guid: string): void {
  for (const binding of store.tables.routeBindings.by('route', guid)) store.tables.routeBindings.remove(binding.guid)
  store.tables.routes.remove(guid)
  router.forget(guid)
}

export function deleteServiceInstance(store: Store, router: RouterView, guid: string, journalIndex: number | null): void {
  for (const binding of store.tables.routeBindings.by('instance', guid)) {
    deleteRouteBinding(store, router, binding.guid, journalIndex)
  }
  store.tables.serviceInstances.remove(guid)
}

export function deleteApp(store: Store, guid: string): void {
  const t = store.tables
  for (const route of t.routes.by('app', guid)) {
    t.routes.update(route, {destinations: route.destinations.filter((d) => d.app_guid !== guid)})
  }
  for (const table of [t.processes, t.packages, t.builds, t.droplets, t.deployments]) {
    for (const row of table.by('app', guid)) table.remove(row.guid)
  }
  t.apps.remove(guid)
}

export function deleteSpace(store: Store, router: RouterView, guid: string): void {
  const t = store.tables
  for (const app of t.apps.by('space', guid)) deleteApp(store, app.guid)
  for (const instance of t.serviceInstances.by('space', guid)) deleteServiceInstance(store, router, instance.guid, null)
  for (const route of t.routes.by('space', guid)) deleteRoute(store, router, route.guid)
  for (const group of [...t.securityGroups.by('running', guid), ...t.securityGroups.by('staging', guid)]) {
    t.securityGroups.update(group, {
      running_space_guids: group.running_space_guids.filter((g) => g !== guid),
      staging_space_guids: group.staging_space_guids.filter((g) => g !== guid),
    })
  }
  for (const user of store.users.values()) user.space_developer = user.space_developer.filter((g) => g !== guid)
  t.spaces.remove(guid)
}

export function deleteOrg(store: Store, router: RouterView, guid: string): void {
  const t = store.tables
  for (const space of t.spaces.by('org', guid)) deleteSpace(store, router, space.guid)
  for (const domain of t.domains.by('org', guid)) t.domains.remove(domain.guid)
  for (const segment of t.segments.by('org', guid)) {
    t.segments.update(segment, {organization_guids: segment.organization_guids.filter((g) => g !== guid)})
  }
  for (const user of store.users.values()) user.org_manager = user.org_manager.filter((g) => g !== guid)
  t.orgs.remove(guid)
}
