// The one format registry: a command declares its views (how its result reads in each --format, as Terraform's
// views do), and the flag's options come from them. `json` is never a view: it is the --json envelope, everywhere.
import {Flags} from '@oclif/core'

import type {RenderOptions} from '../render/theme.js'

/** One way to read a result; `flags` carries what a view may take from the command line (reach's --rules). */
export type View<T, F = unknown> = (result: T, options: RenderOptions, flags: F) => string

export type Views<T, F = unknown> = Readonly<Record<string, View<T, F>>>

/** The name that means the envelope: `--format json` is `--json`. */
export const JSON_FORMAT = 'json'

/** `--format` for these views, the first one the default, plus json; never with --json beside it. */
export function formatFlag(views: Views<never, never>, summary = 'Output format') {
  const names = Object.keys(views)
  if (names.includes(JSON_FORMAT)) throw new Error(`a view may not be called ${JSON_FORMAT}: it is the --json envelope`)
  return Flags.option({
    options: [...names, JSON_FORMAT] as const,
    default: names[0],
    exclusive: ['json'],
    summary: `${summary}; ${JSON_FORMAT} is the --json envelope.`,
  })()
}
