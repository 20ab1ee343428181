// `security-groups` for people: one row per space, lifecycle and rule; tab-separated when piped.
import type {EffectiveRule, SecurityGroupsReport} from '../ops/security-groups/report.js'
import {renderTable, type Column} from './table.js'
import type {RenderOptions} from './theme.js'

function columns(options: RenderOptions): Column<EffectiveRule>[] {
  return [
    {header: 'org', value: (r) => r.org},
    {header: 'space', value: (r) => r.space},
    {header: 'lifecycle', value: (r) => r.lifecycle},
    {header: 'group', value: (r) => r.group},
    // A global group applies to every space: the binding a reviewer looks for first.
    {header: 'binding', value: (r) => r.binding, style: (text, r) => (r.binding === 'global' ? options.theme.yellow(text) : text)},
    {header: 'protocol', value: (r) => r.protocol},
    {header: 'destination', value: (r) => r.destination},
    {header: 'ports', value: (r) => (r.icmp === undefined ? r.ports : `type ${r.icmp.type} code ${r.icmp.code}`)},
    {header: 'description', value: (r) => r.description ?? ''},
  ]
}

export function renderSecurityGroups(report: SecurityGroupsReport, options: RenderOptions): string {
  if (report.rules.length === 0) return options.tty ? `No security group rule applies to ${describeScope(report)}.\n` : ''
  return renderTable([...report.rules], columns(options), options)
}

function describeScope(report: SecurityGroupsReport): string {
  if (report.spaces.length === 0)
    return report.scope.org === undefined ? 'any space (no spaces are visible)' : `org ${report.scope.org} (it has no spaces)`
  return report.scope.space === undefined ? 'these spaces' : `space ${report.scope.org}/${report.scope.space}`
}
