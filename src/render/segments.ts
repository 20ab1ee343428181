// `segment list` and `segment status` for people: tables like the cf CLI's, the misconfigurations spelled out.
import type {SegmentList, SegmentListEntry} from '../ops/segments/list.js'
import type {OrgStatus, SegmentStatus, SpaceStatus} from '../ops/segments/status.js'
import type {RestartNeeded} from '../domain/segments/warnings.js'
import {renderTable, type Column} from './table.js'
import type {RenderOptions} from './theme.js'

const listOrNone = (items: readonly string[]) => (items.length === 0 ? '-' : items.join(','))

const segmentColumns: Column<SegmentListEntry>[] = [
  {header: 'name', value: (s) => s.name},
  {header: 'orgs', value: (s) => listOrNone(s.orgs.map((org) => org.name))},
  {header: 'spaces', value: (s) => String(s.assignedSpaces)},
  {header: 'networks', value: (s) => listOrNone(s.networks)},
]

/** On a terminal, what the one segment nobody created is; piped, the rows alone. */
export function renderSegmentList(list: SegmentList, options: RenderOptions): string {
  const table = renderTable([...list.segments], segmentColumns, options)
  const shared = list.segments.find((segment) => segment.shared)
  if (!options.tty || shared === undefined) return table
  return `${table}\n${shared.name} is the platform's own segment: spaces with no segment of their own and no org default run on it.\n`
}

const SOURCE_WORDS: Record<SpaceStatus['source'], string> = {space: 'space', 'org-default': 'org default', shared: 'shared'}

/** "api (1 instance on shared)". */
export function describeRestart(restart: RestartNeeded): string {
  const instances = restart.instances === 1 ? '1 instance' : `${restart.instances} instances`
  return `${restart.app} (${instances} on ${restart.runningOn.join(', ')})`
}

function orgColumns(options: RenderOptions): Column<OrgStatus>[] {
  return [
    {header: 'org', value: (o) => o.name},
    {header: 'entitled', value: (o) => listOrNone(o.entitled)},
    {header: 'default', value: (o) => o.default ?? '-'},
    {
      header: 'warnings',
      value: (o) => (o.warnings.length === 0 ? 'none' : o.warnings.map((w) => w.code).join(',')),
      style: (text, o) => (o.warnings.length === 0 ? text : options.theme.yellow(text)),
    },
  ]
}

function spaceColumns(options: RenderOptions, restartChecked: boolean): Column<SpaceStatus>[] {
  const columns: Column<SpaceStatus>[] = [
    {header: 'org', value: (s) => s.org},
    {header: 'space', value: (s) => s.name},
    {header: 'assigned', value: (s) => s.assigned ?? '-'},
    {header: 'effective', value: (s) => s.effective},
    {header: 'from', value: (s) => SOURCE_WORDS[s.source]},
    {header: 'networks', value: (s) => listOrNone(s.networks)},
  ]
  if (!restartChecked) return columns
  return [
    ...columns,
    {
      header: 'restart needed',
      value: (s) => (s.restartNeeded.length === 0 ? '-' : s.restartNeeded.map(describeRestart).join('; ')),
      style: (text, s) => (s.restartNeeded.length === 0 ? text : options.theme.red(text)),
    },
  ]
}

export function renderSegmentStatus(status: SegmentStatus, options: RenderOptions): string {
  const orgs = renderTable([...status.orgs], orgColumns(options), options)
  const spaces = renderTable([...status.spaces], spaceColumns(options, status.restartChecked), options)
  const warnings = status.orgs.flatMap((o) => o.warnings.map((w) => `${options.theme.yellow('!')} ${w.message}\n`))
  const restarts = status.spaces
    .filter((s) => s.restartNeeded.length > 0)
    .map(
      (s) =>
        `${options.theme.red('!')} ${s.org}/${s.name}: restart ${s.restartNeeded.map((r) => r.app).join(', ')} to move to '${s.effective}'\n`,
    )
  if (!options.tty) return orgs + '\n' + spaces
  const notes = [...warnings, ...restarts]
  return [orgs, spaces, ...(notes.length > 0 ? [notes.join('')] : [])].join('\n')
}
