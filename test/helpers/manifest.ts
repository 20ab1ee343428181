// The built CLI's commands as the oclif manifest describes them, and a command line each can parse: tests that must
// hold for every command (a new one included) walk these.
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {repoRoot} from './cli.js'

export interface ManifestFlag {
  name: string
  type: 'boolean' | 'option'
  options?: string[]
  default?: unknown
  required?: boolean
  exclusive?: string[]
  dependsOn?: string[]
  relationships?: Array<{type: string; flags: Array<string | {name: string}>}>
}

export interface ManifestCommand {
  id: string
  args: Record<string, {required?: boolean}>
  flags: Record<string, ManifestFlag>
}

export function manifestCommands(): ManifestCommand[] {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'oclif.manifest.json'), 'utf8')) as {
    commands: Record<string, ManifestCommand>
  }
  return Object.values(manifest.commands)
}

/** A value the flag's parser accepts: for an option, one that is not its default (a defaulted flag conflicts with nothing). */
export function sampleValue(flag: ManifestFlag): string[] {
  if (flag.type === 'boolean') return []
  return [flag.options?.find((option) => option !== flag.default) ?? '1']
}

/** `id` split into words, an `x` for each required argument, the given flags and every other required one. */
export function commandLine(command: ManifestCommand, given: readonly string[] = []): string[] {
  const required = Object.values(command.flags).filter((flag) => flag.required && !given.includes(flag.name))
  const args = Object.values(command.args)
    .filter((arg) => arg.required)
    .map(() => 'x')
  const flags = [...given.map((name) => command.flags[name]), ...required].flatMap((flag) => [`--${flag.name}`, ...sampleValue(flag)])
  return [...command.id.split(':'), ...args, ...flags]
}
