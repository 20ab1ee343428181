// A local networks file, for users who cannot write segment metadata:
//
//   segments:
//     vpn-east: [10.10.0.0/16, 10.20.0.0/16]
//   mode: add          # optional: add to the annotation (default) or replace it
//
// Shared by `segment status`, `reach` and `segment networks`, so all of them read the file the same way.
import {CidrParseError, parseCidr, type Cidr} from '../../domain/net/cidr.js'
import type {NetworkOverride} from '../../domain/segments/networks.js'
import {InvalidInputError} from '../errors.js'
import {readUserFile} from '../files.js'

const EXAMPLE = 'Expected: segments: {SEGMENT: [CIDR, ...]} and optionally mode: add|replace'

export async function readNetworksFile(file: string): Promise<NetworkOverride[]> {
  return parseNetworksFile(await readUserFile(file, 'the networks file', 'NETWORKS_FILE_UNREADABLE'), file)
}

/**
 * The file's overrides; every problem is reported at once, naming the file. The YAML parser is loaded here, when a
 * networks file is given, rather than by every report that could take one.
 */
export async function parseNetworksFile(text: string, file: string): Promise<NetworkOverride[]> {
  const {parse} = await import('yaml')
  let document: unknown
  try {
    document = parse(text)
  } catch (error) {
    throw invalid(file, [(error as Error).message.split('\n')[0]])
  }
  const problems: string[] = []
  if (!isRecord(document) || !isRecord(document.segments)) throw invalid(file, ['there is no "segments" mapping'])
  const unknown = Object.keys(document).filter((key) => key !== 'segments' && key !== 'mode')
  if (unknown.length > 0) problems.push(`unknown key(s) ${unknown.map((k) => `"${k}"`).join(', ')}`)
  const mode = document.mode ?? 'add'
  if (mode !== 'add' && mode !== 'replace') problems.push(`mode must be "add" or "replace", not ${JSON.stringify(mode)}`)
  const networks = networkOverrides(document.segments, mode === 'replace' ? 'replace' : 'add', problems)
  if (problems.length > 0) throw invalid(file, problems)
  return networks
}

/**
 * Per-segment CIDR lists (a networks file's `segments`, or the cgx config's `networks`) as overrides; problems are
 * collected into `problems` rather than thrown, so the caller can report them all.
 */
export function networkOverrides(segments: Record<string, unknown>, mode: NetworkOverride['mode'], problems: string[]): NetworkOverride[] {
  return Object.entries(segments).map(([segment, list]) => {
    if (!Array.isArray(list)) {
      problems.push(`segment "${segment}": expected a list of CIDRs`)
      return {segment, mode, networks: []}
    }
    return {segment, mode, networks: list.flatMap((item) => cidrOrProblem(segment, item, problems))}
  })
}

function cidrOrProblem(segment: string, item: unknown, problems: string[]): Cidr[] {
  try {
    return [parseCidr(String(item))]
  } catch (error) {
    if (!(error instanceof CidrParseError)) throw error
    problems.push(`segment "${segment}": ${error.message}${error.suggestion === undefined ? '' : ` (did you mean ${error.suggestion}?)`}`)
    return []
  }
}

function invalid(file: string, problems: string[]): InvalidInputError {
  const [first, ...rest] = problems
  return new InvalidInputError('NETWORKS_FILE_INVALID', `Invalid networks file ${file}: ${first}`, [...rest, EXAMPLE])
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
