// What gorouter enforces per route (capi behaviour 27): the route-service URL the router last received, kept
// apart from the API's binding. Only the calls that re-desire a route's LRPs copy the binding's URL here.
import type {RouteRecord, RouterEntry} from './model.js'
import type {Store} from './store.js'

export function routeUrl(store: Store, route: RouteRecord): string {
  const domain = store.tables.domains.get(route.domain_guid)?.name ?? ''
  return `${route.host ? `${route.host}.` : ''}${domain}${route.path}`
}

export class RouterView {
  constructor(private readonly store: Store) {}

  /** Every route the router knows, with the URL it enforces and how that changed over time. */
  routes(): RouterEntry[] {
    return [...this.store.router.values()]
  }

  get(routeGuid: string): RouterEntry | undefined {
    return this.store.router.get(routeGuid)
  }

  /** Re-sends a route to the router: it now enforces whatever the API's binding and destinations say. */
  resend(route: RouteRecord, journalIndex: number | null): void {
    const binding = this.store.tables.routeBindings.first('route', route.guid)
    const state = {routeServiceUrl: binding?.route_service_url ?? null, destinations: route.destinations.length}
    const entry = this.store.router.get(route.guid)
    if (!entry) {
      this.store.router.set(route.guid, {
        guid: route.guid,
        url: routeUrl(this.store, route),
        ...state,
        history: [{time: this.store.now(), ...state, journalIndex}],
      })
      return
    }
    if (entry.routeServiceUrl === state.routeServiceUrl && entry.destinations === state.destinations) return
    Object.assign(entry, state)
    entry.history.push({time: this.store.now(), ...state, journalIndex})
  }

  /** Re-sends every route mapped to the app (restart, start, deployment, scale). */
  resendForApp(appGuid: string, journalIndex: number | null): void {
    for (const route of this.store.tables.routes.by('app', appGuid)) this.resend(route, journalIndex)
  }

  forget(routeGuid: string): void {
    this.store.router.delete(routeGuid)
  }
}
