// What the segment write commands did, in sentences, then the apps that still run on their old segment
// (or the rolling restarts that moved them) as tables.
import type {CreateSegmentResult} from '../ops/segments/create.js'
import type {DefaultSegmentResult} from '../ops/segments/default.js'
import type {DeleteSegmentResult} from '../ops/segments/delete.js'
import type {EntitleResult} from '../ops/segments/entitle.js'
import type {NetworksResult} from '../ops/segments/networks.js'
import type {AppToRestart, RestartedApp} from '../ops/segments/restart.js'
import type {RevokeResult} from '../ops/segments/revoke.js'
import type {SpaceSegmentResult} from '../ops/segments/space-segment.js'
import {renderTable} from './table.js'
import type {RenderOptions} from './theme.js'

const lines = (items: readonly string[]) => items.map((line) => `${line}\n`).join('')
const nothing = (options: RenderOptions) => options.theme.dim('nothing to change')

export function renderCreateSegment(result: CreateSegmentResult, options: RenderOptions): string {
  const segment = options.theme.bold(result.segment.name)
  return lines([result.changed ? `Created isolation segment ${segment}.` : `Isolation segment ${segment} exists: ${nothing(options)}.`])
}

export function renderDeleteSegment(result: DeleteSegmentResult, options: RenderOptions): string {
  return lines([`Deleted isolation segment ${options.theme.bold(result.segment.name)}.`])
}

export function renderEntitle(result: EntitleResult, options: RenderOptions): string {
  const segment = options.theme.bold(result.segment.name)
  const said = result.orgs.flatMap((org) => [
    org.entitlement === 'entitled'
      ? `Entitled org ${org.name} to segment ${segment}.`
      : `Org ${org.name} is already entitled to ${segment}: ${nothing(options)}.`,
    ...(org.default === undefined
      ? []
      : [
          org.default === 'set'
            ? `${segment} is now the default segment of org ${org.name}.`
            : `${segment} is already the default segment of org ${org.name}.`,
        ]),
  ])
  return lines(said) + renderRestarts(result, options)
}

export function renderRevoke(result: RevokeResult, options: RenderOptions): string {
  const segment = options.theme.bold(result.segment.name)
  return lines(
    result.orgs.map((org) =>
      org.entitlement === 'revoked'
        ? `Revoked segment ${segment} from org ${org.name}.`
        : `Org ${org.name} is not entitled to ${segment}: ${nothing(options)}.`,
    ),
  )
}

export function renderDefault(result: DefaultSegmentResult, options: RenderOptions): string {
  const org = options.theme.bold(result.org.name)
  const before = `(before: ${result.previous?.name ?? 'none'})`
  const said =
    result.action === 'show'
      ? result.segment === null
        ? `Org ${org} has no default segment: its spaces without a segment of their own run on shared, the platform's own segment.`
        : `The default segment of org ${org} is ${options.theme.bold(result.segment.name)} (set on the org).`
      : result.segment === null
        ? result.changed
          ? `Org ${org} has no default segment now ${before}: its spaces without a segment of their own run on shared.`
          : `Org ${org} has no default segment: ${nothing(options)}.`
        : result.changed
          ? `${options.theme.bold(result.segment.name)} is now the default segment of org ${org} ${before}.`
          : `${options.theme.bold(result.segment.name)} is already the default segment of org ${org}: ${nothing(options)}.`
  const following = result.followingSpaces.length === 0 ? 'none' : result.followingSpaces.join(', ')
  return lines([said, `Spaces that follow the default: ${following}.`]) + renderRestarts(result, options)
}

export function renderSpaceSegment(result: SpaceSegmentResult, options: RenderOptions): string {
  const where = `space ${options.theme.bold(result.space.name)} in org ${result.org.name}`
  const runsOn = `its apps run on ${result.effectiveSegment.name} (${describeSource(result.effectiveSegment.source)})`
  let said: string
  if (result.segment !== null) {
    said = result.changed
      ? `Assigned segment ${options.theme.bold(result.segment.name)} to ${where} (before: ${result.previous?.name ?? 'none'}).`
      : `The ${where} already has segment ${result.segment.name}: ${nothing(options)}.`
  } else {
    said = result.changed
      ? `Removed segment ${result.previous?.name} from ${where}: ${runsOn}.`
      : `The ${where} has no segment of its own: ${nothing(options)}; ${runsOn}.`
  }
  return lines([said]) + renderRestarts(result, options)
}

function describeSource(source: SpaceSegmentResult['effectiveSegment']['source']): string {
  return {space: 'its own segment', 'org-default': 'the org default', shared: 'no space or org default'}[source]
}

export function renderNetworks(result: NetworksResult, options: RenderOptions): string {
  const segment = options.theme.bold(result.segment.name)
  const said =
    result.action === 'show'
      ? []
      : result.changed
        ? [...result.added.map((c) => `Added ${options.theme.green(c)}.`), ...result.removed.map((c) => `Removed ${options.theme.red(c)}.`)]
        : [`The networks of ${segment} are already so: ${nothing(options)}.`]
  const heading = options.tty ? [`Networks behind segment ${segment} (annotation ${result.annotation}):`] : []
  const table =
    result.networks.length === 0
      ? options.tty
        ? 'none\n'
        : ''
      : renderTable(
          result.networks,
          [
            {header: 'network', value: (n) => n.cidr},
            {header: 'source', value: (n) => n.source},
          ],
          options,
        )
  return lines([...said, ...heading]) + table
}

/** The apps still on their old segment, or the restarts that moved them. */
function renderRestarts(result: {restartNeeded: AppToRestart[]; restarted: RestartedApp[]}, options: RenderOptions): string {
  if (result.restarted.length > 0) {
    return (
      `\n${options.theme.bold('Restarted with rolling deployments:')}\n` +
      renderTable(
        result.restarted,
        [
          {header: 'space', value: (r) => r.space},
          {header: 'app', value: (r) => r.app},
          {header: 'deployment', value: (r) => r.deploymentGuid},
          {header: 'status', value: (r) => r.status, style: (text) => options.theme.green(text)},
        ],
        options,
      )
    )
  }
  if (result.restartNeeded.length === 0) return ''
  return (
    `\n${options.theme.bold('Apps that move only when restarted:')}\n` +
    renderTable(
      result.restartNeeded,
      [
        {header: 'org/space', value: (a) => `${a.org}/${a.space}`},
        {header: 'app', value: (a) => a.app},
        {header: 'instances', value: (a) => String(a.instances)},
        {header: 'running on', value: (a) => a.runningOn.join(', '), style: (text) => options.theme.yellow(text)},
        {header: 'moves to', value: (a) => a.movesTo},
      ],
      options,
    )
  )
}
