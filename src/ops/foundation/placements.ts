// Where started apps run now, from process stats (`isolation_segment` per instance): apps move to a new segment only
// when restarted. This read grows with the number of started apps (one stats request per web process), which is why
// the reports make it optional.
import {mapConcurrent, type CfClient} from '../../cf/index.js'
import type {AppPlacement} from '../../domain/segments/state.js'
import {LOOKUP_CONCURRENCY} from './segments.js'
import type {FoundationScope} from './snapshot.js'

export async function loadAppPlacements(cf: CfClient, scope: FoundationScope = {}): Promise<AppPlacement[]> {
  // The same scope filter for both listings (not a filter by thousands of app GUIDs, which would be sent in batches).
  const [listed, processes] = await Promise.all([
    cf.apps.listAll(scopeFilter(scope)),
    cf.processes.listAll({types: ['web'], ...scopeFilter(scope)}),
  ])
  const apps = listed.filter((app) => app.state === 'STARTED')
  const webByApp = new Map(processes.filter((p) => p.instances > 0).map((p) => [p.relationships.app.data?.guid ?? '', p.guid]))
  const placed = apps.filter((app) => webByApp.has(app.guid))
  const stats = await mapConcurrent(placed, LOOKUP_CONCURRENCY, (app) => cf.processes.getStats(webByApp.get(app.guid)!))
  return placed.map((app, i) => ({
    guid: app.guid,
    name: app.name,
    spaceGuid: app.relationships.space.data?.guid ?? '',
    // Only running instances have a placement; starting or crashed ones report none yet.
    instanceSegments: stats[i].filter((s) => s.state === 'RUNNING').map((s) => s.isolation_segment),
  }))
}

function scopeFilter(scope: FoundationScope) {
  if (scope.spaceGuids !== undefined) return {space_guids: [...scope.spaceGuids]}
  if (scope.orgGuids !== undefined) return {organization_guids: [...scope.orgGuids]}
  return {}
}
