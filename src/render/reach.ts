// `reach` as a table (a row per space, network and lifecycle, with the reason), optionally every rule's verdict
// under its row, and as CSV.
import type {ReachEntry, ReachPorts, ReachReport} from '../ops/reach/report.js'
import {renderCsv, type CsvColumn} from '../domain/csv.js'
import {renderTable, type Column} from './table.js'
import type {RenderOptions, Theme} from './theme.js'

export interface ReachRenderOptions {
  /** Print every rule of every applicable group under its row. */
  readonly rules?: boolean
}

const ALL_PORTS = '1-65535'

/** "all", or "tcp 53,443; udp 53"; "-" when nothing gets through. */
export function describePorts(ports: readonly ReachPorts[]): string {
  if (ports.length === 0) return '-'
  const everything = ports.length === 3 && ports.every((p) => p.protocol === 'icmp' || p.ports === ALL_PORTS)
  if (everything) return 'all'
  return ports.map((p) => (p.ports === '' ? p.protocol : `${p.protocol} ${p.ports}`)).join('; ')
}

/** The verdict as people read it: "partly (dns only)" when DNS is all that gets through. */
export function verdictText(entry: ReachEntry): string {
  return entry.dnsOnly ? `${entry.reachable} (dns only)` : entry.reachable
}

function verdictStyle(theme: Theme): (text: string, row: ReachEntry) => string {
  return (text, row) => (row.reachable === 'yes' ? theme.green(text) : row.reachable === 'partly' ? theme.yellow(text) : theme.dim(text))
}

const columns = (theme: Theme): Column<ReachEntry>[] => [
  {header: 'org', value: (r) => r.org},
  {header: 'space', value: (r) => r.space},
  {header: 'network', value: (r) => r.network},
  {header: 'lifecycle', value: (r) => r.lifecycle},
  {header: 'segment', value: (r) => r.segment},
  {header: 'reachable', value: verdictText, style: verdictStyle(theme)},
  {header: 'ports', value: (r) => describePorts(r.ports)},
  {header: 'why', value: (r) => r.reason},
]

export function renderReach(report: ReachReport, options: RenderOptions, detail: ReachRenderOptions = {}): string {
  if (report.results.length === 0) return emptyReport(report)
  if (!detail.rules) return renderTable([...report.results], columns(options.theme), options)
  return report.results.map((entry) => heading(entry, options.theme) + ruleLines(entry, options)).join('')
}

function heading(entry: ReachEntry, theme: Theme): string {
  const verdict = verdictStyle(theme)(verdictText(entry), entry)
  const where = `${theme.bold(`${entry.org}/${entry.space}`)} -> ${entry.network} (${entry.lifecycle}, segment ${entry.segment})`
  return `${where}: ${verdict}, ${describePorts(entry.ports)}: ${entry.reason}\n`
}

function ruleLines(entry: ReachEntry, options: RenderOptions): string {
  if (entry.rules.length === 0) return '    (no security group applies)\n'
  return entry.rules
    .map((rule) => {
      const mark = rule.outcome === 'opens' ? options.theme.green('opens') : options.theme.dim(rule.outcome)
      return `    ${mark}  ${rule.group} (${rule.binding}): ${rule.rule}: ${rule.reason}\n`
    })
    .join('')
}

function emptyReport(report: ReachReport): string {
  const where = report.scope.space ? `space '${report.scope.space}'` : report.scope.org ? `org '${report.scope.org}'` : 'the foundation'
  return report.query.network === null
    ? `No private networks are declared for the segments of ${where}; see \`cgx segment networks\` or --networks-file.\n`
    : `No space of ${where} to report on.\n`
}

const csvColumns: CsvColumn<ReachEntry>[] = [
  {header: 'org', value: (r) => r.org},
  {header: 'space', value: (r) => r.space},
  {header: 'space_guid', value: (r) => r.spaceGuid},
  {header: 'network', value: (r) => r.network},
  {header: 'lifecycle', value: (r) => r.lifecycle},
  {header: 'segment', value: (r) => r.segment},
  {header: 'segment_source', value: (r) => r.segmentSource},
  {header: 'reachable', value: (r) => r.reachable},
  {header: 'ports', value: (r) => describePorts(r.ports)},
  {
    header: 'opening_rules',
    value: (r) =>
      r.rules
        .filter((v) => v.outcome === 'opens')
        .map((v) => `${v.group}: ${v.rule}`)
        .join('; '),
  },
  {header: 'reason', value: (r) => r.reason},
]

export function renderReachCsv(report: ReachReport): string {
  return renderCsv(report.results, csvColumns)
}
