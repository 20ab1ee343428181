import {OpError} from '../errors.js'
import type {NamedRef} from '../named.js'

/** The platform's refusal to use a segment an org is not entitled to, with the command that entitles it. */
export function notEntitled(segment: NamedRef, org: NamedRef): OpError {
  return new OpError(
    'SEGMENT_NOT_ENTITLED',
    `Segment '${segment.name}' is not entitled to org '${org.name}', so its spaces cannot use it.`,
    {
      suggestions: [`Entitle it first (a platform admin can): cgx segment entitle ${segment.name} --org ${org.name}`],
    },
  )
}
