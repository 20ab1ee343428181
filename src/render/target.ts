import type {LoginSummary} from '../ops/login.js'
import type {TargetSummary} from '../ops/target.js'
import {renderFields} from './table.js'
import type {RenderOptions} from './theme.js'

export function renderTarget(target: TargetSummary, options: RenderOptions): string {
  return renderFields(
    [
      ['API endpoint', target.api],
      ['API version', target.apiVersion ?? ''],
      ['user', target.user ?? ''],
      ['org', target.org ?? "No org targeted, use 'cgx target -o ORG'"],
      ['space', target.space ?? "No space targeted, use 'cgx target -s SPACE'"],
    ],
    options,
  )
}

export function renderLogin(login: LoginSummary, options: RenderOptions): string {
  return renderTarget(login, options)
}
