import type {RouteAllowResult} from '../ops/route-allow/context.js'
import type {DescribedRoute, RouteStatus} from '../ops/route-allow/describe.js'
import type {RouteListResult} from '../ops/route-allow/list.js'
import type {RouteCheckResult} from '../ops/route-allow/check.js'
import type {RouteShowResult} from '../ops/route-allow/show.js'
import {renderFields, renderTable, type Column} from './table.js'
import type {RenderOptions, Theme} from './theme.js'

/** After add or remove: where the route stands now and what this run did. */
export function renderRouteAllow(result: RouteAllowResult, options: RenderOptions): string {
  const {theme} = options
  const fields: [string, string][] = [
    ['route', result.route.url],
    ['org / space', `${result.route.org} / ${result.route.space}`],
    ['protected', result.protected ? theme.green('yes') : theme.yellow('no: anyone reaches it')],
    ['allow', result.allow.join(', ') || '-'],
    ['header secret', result.headerSecret === null ? 'none' : `${result.headerSecret.header}: ${result.headerSecret.value}`],
    ['route service', `${result.proxy.name} (${result.proxy.url})`],
  ]
  return renderFields(fields, options) + renderChanges(result.changes, options)
}

export function renderChanges(changes: readonly string[], options: RenderOptions): string {
  if (!options.tty) return ''
  if (changes.length === 0) return `\n${options.theme.dim('No changes: everything already was as asked.')}\n`
  return `\n${changes.map((change) => `${options.theme.green('✓')} ${change}`).join('\n')}\n`
}

export function renderRouteList(result: RouteListResult, options: RenderOptions): string {
  const {theme} = options
  if (result.routes.length === 0 && options.tty) {
    return `No protected routes in ${listed(result)}${theme.dim(' (--all-routes shows the others)')}.\n`
  }
  // --all-orgs: the routes of several orgs, so each row names its org.
  const org: Column<DescribedRoute>[] = result.org === null ? [{header: 'org', value: (r) => r.org}] : []
  return renderTable(
    result.routes,
    [
      ...org,
      {header: 'route', value: (r) => r.url},
      {header: 'space', value: (r) => r.space},
      {header: 'status', value: (r) => r.status, style: (text, r) => statusColor(r.status, theme)(text)},
      {header: 'allow', value: (r) => r.allow.join(',') || '-'},
      {header: 'secret', value: (r) => (r.headerSecret === null ? '-' : r.headerSecret)},
      {header: 'route service', value: (r) => routeServiceText(r)},
    ],
    options,
  )
}

function listed(result: RouteListResult): string {
  if (result.org === null) return 'any org you can see'
  return result.space === null ? `org ${result.org}` : `space ${result.org}/${result.space}`
}

export function renderRouteShow(result: RouteShowResult, options: RenderOptions): string {
  const {theme} = options
  const proxy = result.proxy
  return renderFields(
    [
      ['route', result.url],
      ['org / space', `${result.org} / ${result.space}`],
      ['status', statusColor(result.status, theme)(result.status)],
      ['allow', result.allow.join(', ') || '-'],
      ['header secret', result.headerSecret === null ? 'none' : `${result.headerSecret}: [set]`],
      ['route service', routeServiceText(result)],
      ...(result.stale === null
        ? []
        : [['stale', theme.red(`${result.stale.reason}: run \`cgx route-service deploy\` to repoint it`)] as [string, string]]),
      ['destinations', String(result.destinations)],
      ['proxy', proxy === null ? 'none deployed in this org' : `${proxy.name} (${proxy.url ?? 'no route'})`],
      ['hops', proxy === null ? '-' : Array.isArray(proxy.hops) ? proxy.hops.join(' | ') : proxy.hops],
      ...(proxy?.rolloutPending ? [['rollout', theme.yellow('pending: run the last command again')] as [string, string]] : []),
    ],
    options,
  )
}

export function renderRouteCheck(result: RouteCheckResult, options: RenderOptions): string {
  if (!result.allowed) return `${options.theme.red('denied:')} ${result.reason}\n`
  const secret = result.headerSecret === null ? '' : ` It must also send the ${result.headerSecret} header.`
  return `${options.theme.green('allowed:')} ${result.reason}${secret}\n`
}

function routeServiceText(route: DescribedRoute): string {
  const service = route.routeService
  if (service === null) return '-'
  if (route.stale !== null) return `${service.name} → ${service.url ?? 'no URL'}, not the proxy's ${route.stale.proxyUrl ?? '(none)'}`
  return service.managedByCgx ? service.name : `${service.name} (${service.url ?? 'no URL'})`
}

function statusColor(status: RouteStatus, theme: Theme): (text: string) => string {
  const colors: Record<RouteStatus, (text: string) => string> = {
    protected: theme.green,
    'denies-all': theme.yellow,
    stale: theme.red,
    foreign: theme.cyan,
    unprotected: theme.red,
    parked: theme.yellow,
  }
  return colors[status]
}
