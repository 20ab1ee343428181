// Plans as people read them (Terraform's plan view): one block per change with its symbol, reason and fields.
// Symbols come from the action, never from the renderer's own judgement; no-ops are counted, not listed.
import type {Action, Change, Fields, Plan} from '../domain/setup/plan.js'
import type {ApplyResult, ExportResult} from '../ops/setup/index.js'
import type {RenderOptions, Theme} from './theme.js'

const SYMBOLS: Record<Action, string> = {create: '+', update: '~', delete: '-', 'no-op': ' '}

export function renderPlan(plan: Plan, options: RenderOptions): string {
  const changes = plan.changes.filter((change) => change.action !== 'no-op')
  if (changes.length === 0) {
    return `No changes. ${plan.api} matches the file (${plan.summary.noOp} object${plan.summary.noOp === 1 ? '' : 's'} checked).\n`
  }
  const blocks = changes.map((change) => renderChange(change, options.theme))
  return [`cgx will make these changes on ${plan.api}:`, '', ...blocks, summaryLine(plan)].join('\n') + '\n'
}

export function summaryLine(plan: Plan): string {
  const {create, update, delete: deletions, noOp} = plan.summary
  return `Plan: ${create} to create, ${update} to update, ${deletions} to delete, ${noOp} unchanged.`
}

function renderChange(change: Change, theme: Theme): string {
  const color = colorOf(change.action, theme)
  const head = `${color(`${SYMBOLS[change.action]} ${change.address}`)}`
  const lines = [head, theme.dim(`    # ${change.reason}`)]
  lines.push(...fieldLines(change, color))
  return lines.join('\n') + '\n'
}

function fieldLines(change: Change, color: (text: string) => string): string[] {
  const {before, after} = change
  if (after === null) return Object.entries(before ?? {}).map(([key, value]) => `    ${color('-')} ${key}${showField(value)}`)
  if (before === null) return Object.entries(after).map(([key, value]) => `    ${color('+')} ${key}${showField(value)}`)
  return Object.keys(after)
    .filter((key) => !same(before, after, key))
    .flatMap((key) => updateLines(key, before[key], after[key], color))
}

function updateLines(key: string, before: unknown, after: unknown, color: (text: string) => string): string[] {
  if (Array.isArray(before) && Array.isArray(after) && after.some((item) => typeof item === 'object')) {
    const text = (items: unknown[]) => items.map(showItem)
    const removed = text(before).filter((item) => !text(after).includes(item))
    const added = text(after).filter((item) => !text(before).includes(item))
    return [`    ${color('~')} ${key}:`, ...removed.map((item) => `        - ${item}`), ...added.map((item) => `        + ${item}`)]
  }
  return [`    ${color('~')} ${key} = ${showValue(before)} → ${showValue(after)}`]
}

/** " = value", or ":" and one rule per line for lists of rules. */
function showField(value: unknown): string {
  if (Array.isArray(value) && value.some((item) => typeof item === 'object' && item !== null)) {
    return `:\n${value.map((item) => `        ${showItem(item)}`).join('\n')}`
  }
  return ` = ${showValue(value)}`
}

function showValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(showItem).join(', ')}]`
  if (value === null || value === undefined) return 'none'
  if (typeof value === 'object')
    return `{${Object.entries(value as Fields)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join(', ')}}`
  return String(value)
}

/** An ASG rule on one line, as CF people write them: "tcp 10.0.0.0/8 443 (description)". */
function showItem(item: unknown): string {
  if (typeof item !== 'object' || item === null) return String(item)
  const rule = item as Record<string, unknown>
  const parts = [rule.protocol, rule.destination, rule.ports, rule.type === undefined ? undefined : `type ${rule.type} code ${rule.code}`]
  const text = parts.filter((part) => part !== undefined).join(' ')
  return `${text}${rule.log ? ' log' : ''}${rule.description ? ` (${rule.description})` : ''}`
}

function same(before: Fields, after: Fields, key: string): boolean {
  return JSON.stringify(before[key]) === JSON.stringify(after[key])
}

function colorOf(action: Action, theme: Theme): (text: string) => string {
  if (action === 'create') return theme.green
  if (action === 'delete') return theme.red
  if (action === 'update') return theme.yellow
  return (text) => text
}

export function renderApply(result: ApplyResult, options: RenderOptions): string {
  if (result.status === 'no-changes') return renderPlan(result.plan, options)
  if (result.status === 'cancelled') return 'Apply cancelled; nothing was changed.\n'
  const symbols = new Map(result.plan.changes.map((change) => [change.address, change.action]))
  const lines = result.applied.map(
    (address) => `${colorOf(symbols.get(address) ?? 'no-op', options.theme)(SYMBOLS[symbols.get(address) ?? 'no-op'])} ${address}`,
  )
  const {create, update, delete: deletions} = result.plan.summary
  lines.push(
    '',
    options.theme.green(`Apply complete: ${create} created, ${update} updated, ${deletions} deleted (${result.steps} writes).`),
  )
  if (result.restartNeeded.length > 0) {
    lines.push(`Restart to move to the new segment: ${result.restartNeeded.map((app) => `${app.org}/${app.space}/${app.app}`).join(', ')}.`)
  }
  return lines.join('\n') + '\n'
}

export function renderExport(result: ExportResult, _options: RenderOptions): string {
  if (result.file === undefined) return result.text
  const {segments, securityGroups, orgs, spaces, routeAllowlists} = result.counts
  const allowlists = routeAllowlists > 0 ? `, ${routeAllowlists} route allowlists` : ''
  const partial = result.partial ? ' (partial: what you cannot see is left out, segment entitlements among it)' : ''
  return `Wrote ${result.file}${partial}: ${segments} segments, ${securityGroups} security groups, ${orgs} orgs, ${spaces} spaces${allowlists}.\n`
}
