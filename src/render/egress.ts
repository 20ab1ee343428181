import type {Views} from '../cli/views.js'
import {EGRESS_FORMATS} from '../domain/egress/formats.js'
import type {EgressCheckResult} from '../ops/egress/check.js'
import type {EgressRangesResult} from '../ops/egress/ranges.js'
import type {RenderOptions} from './theme.js'

/** Exactly the asked format, so the output can be pasted into a firewall or piped to a file. */
export function renderEgressRanges(result: EgressRangesResult): string {
  return result.formatted
}

/** Every form is computed by the op (the envelope carries it too, as `formatted`); each view prints it as it is. */
export const EGRESS_RANGES_VIEWS: Views<EgressRangesResult> = Object.fromEntries(
  EGRESS_FORMATS.map((format) => [format, renderEgressRanges]),
)

export function renderEgressCheck(result: EgressCheckResult, options: RenderOptions): string {
  // The reason says the answer in words ("is in" / "is not in"); colour only underlines it on a terminal.
  return `${(result.inside ? options.theme.green : options.theme.red)(result.reason)}\n`
}
