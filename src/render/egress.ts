import type {EgressCheckResult} from '../ops/egress/check.js'
import type {EgressRangesResult} from '../ops/egress/ranges.js'
import type {RenderOptions} from './theme.js'

/** Exactly the asked format, so the output can be pasted into a firewall or piped to a file. */
export function renderEgressRanges(result: EgressRangesResult): string {
  return result.formatted
}

export function renderEgressCheck(result: EgressCheckResult, options: RenderOptions): string {
  // The reason says the answer in words ("is in" / "is not in"); colour only underlines it on a terminal.
  return `${(result.inside ? options.theme.green : options.theme.red)(result.reason)}\n`
}
