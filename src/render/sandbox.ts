import type {SandboxInfo} from '../ops/sandbox.js'
import {renderFields} from './table.js'
import type {RenderOptions} from './theme.js'

export function renderSandbox(info: SandboxInfo, options: RenderOptions): string {
  const fields: [string, string][] = [
    ['API', info.api],
    ['User', info.username],
    ['Password', info.password],
    ['Seed', info.seed],
    ['API version', info.apiVersion],
  ]
  if (info.stateFile) fields.push(['State', info.stateFile])
  return renderFields(fields, options)
}

/** What to do next, for the person at the terminal (printed on stderr). */
export function sandboxHint(info: SandboxInfo): string {
  return [
    '',
    'A simulated foundation is running. In another terminal:',
    `  cgx login -a ${info.api} -u ${info.username} -p ${info.password}`,
    '  cgx segment status',
    'Press Ctrl-C to stop it.',
  ].join('\n')
}
