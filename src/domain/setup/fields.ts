// Comparing and describing managed fields: the differ decides with `sameFields`, people read `describeChange`.
import {addressOf, type Action, type Change, type Fields, type ResourceType} from './plan.js'

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

export function actionOf(before: Fields | null, after: Fields | null): Action {
  if (before === null) return 'create'
  if (after === null) return 'delete'
  return sameValue(before, after) ? 'no-op' : 'update'
}

/** "networks: add 10.30.0.0/16; default_segment: none → vpn-east", for the fields that differ. */
export function describeUpdate(before: Fields, after: Fields): string {
  return Object.keys(after)
    .filter((key) => !sameValue(before[key], after[key]))
    .map((key) => `${key}: ${describeValueChange(before[key], after[key])}`)
    .join('; ')
}

function describeValueChange(before: unknown, after: unknown): string {
  if (Array.isArray(before) && Array.isArray(after) && after.every((item) => typeof item === 'string')) {
    const added = after.filter((item) => !before.includes(item))
    const removed = (before as string[]).filter((item) => !after.includes(item))
    const parts = [added.length > 0 ? `add ${added.join(', ')}` : '', removed.length > 0 ? `remove ${removed.join(', ')}` : '']
    return parts.filter(Boolean).join(', ')
  }
  if (Array.isArray(after)) return 'changed'
  return `${showValue(before)} → ${showValue(after)}`
}

export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'none'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

export function addedItems(before: unknown, after: unknown): string[] {
  const had = Array.isArray(before) ? (before as string[]) : []
  return Array.isArray(after) ? (after as string[]).filter((item) => !had.includes(item)) : []
}

export function makeChange(type: ResourceType, name: Change['name'], before: Fields | null, after: Fields | null, why?: string): Change {
  const action = actionOf(before, after)
  const reason = why ?? defaultReason(action, before, after)
  return {action, address: addressOf(type, name), type, name, before, after, reason}
}

function defaultReason(action: Change['action'], before: Fields | null, after: Fields | null): string {
  if (action === 'create') return 'not on the foundation'
  if (action === 'no-op') return 'matches the file'
  if (action === 'update') return describeUpdate(before!, after!)
  return 'not in the file'
}
