import type {SandboxInfo} from '../ops/sandbox.js'
import {renderFields} from './table.js'
import type {RenderOptions} from './theme.js'

export function renderSandbox(info: SandboxInfo, options: RenderOptions): string {
  const fields: [string, string][] = [
    ['API', info.api],
    ['User', info.username],
    ['Password', info.password],
    ['Passcode page', info.passcodeUrl],
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
    `Or sign in as cloud.gov users do, with the one-time code shown at ${info.passcodeUrl}:`,
    `  cgx login -a ${info.api} --sso`,
    `Scripts get a code for any seeded user from ${info.api}/_sim/passcode?username=NAME (JSON).`,
    'Press Ctrl-C to stop it.',
  ].join('\n')
}
