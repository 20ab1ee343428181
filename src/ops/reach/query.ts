// The reach flags as a domain query, checked before any request so that bad input costs nothing.
import {CidrParseError, isWholeSpace, parseCidr, type Cidr} from '../../domain/net/cidr.js'
import type {Diagnostic} from '../../domain/net/diagnostic.js'
import {parsePorts, type PortSet} from '../../domain/net/ports.js'
import {parseSpacePattern, type SpacePattern} from '../../domain/reach/policy.js'
import {LIFECYCLES, type Lifecycle} from '../../domain/reach/rule.js'
import {InvalidInputError} from '../errors.js'

export interface ReachFlags {
  readonly network?: string
  readonly port?: string
  readonly lifecycle?: Lifecycle
  /** Fail (exit 3) when any space outside `allowSpaces` reaches this CIDR. */
  readonly failIfReachable?: string
  /** "ORG/SPACE" or "ORG/*". */
  readonly allowSpaces?: readonly string[]
}

export interface ReachQueryInput {
  readonly network?: Cidr
  readonly ports?: PortSet
  readonly lifecycles: readonly Lifecycle[]
  readonly policy?: {readonly cidr: Cidr; readonly allowed: readonly SpacePattern[]}
}

export function parseReachFlags(flags: ReachFlags): ReachQueryInput {
  if (flags.network !== undefined && flags.failIfReachable !== undefined) {
    throw new InvalidInputError('FLAGS_CONFLICT', '--network and --fail-if-reachable both name the network to look at; give one.')
  }
  const policyCidr = flags.failIfReachable === undefined ? undefined : cidrFlag('--fail-if-reachable', flags.failIfReachable)
  const network = flags.network === undefined ? policyCidr : cidrFlag('--network', flags.network)
  const ports = flags.port === undefined ? undefined : portsFlag(flags.port)
  const allowed = (flags.allowSpaces ?? []).map(spacePatternFlag)
  if (allowed.length > 0 && policyCidr === undefined) {
    throw new InvalidInputError('FLAGS_CONFLICT', '--allow-space only makes sense with --fail-if-reachable CIDR.')
  }
  return {
    ...(network === undefined ? {} : {network}),
    ...(ports === undefined ? {} : {ports}),
    lifecycles: flags.lifecycle === undefined ? LIFECYCLES : [flags.lifecycle],
    ...(policyCidr === undefined ? {} : {policy: {cidr: policyCidr, allowed}}),
  }
}

function cidrFlag(flag: string, text: string): Cidr {
  let cidr: Cidr
  try {
    cidr = parseCidr(text)
  } catch (error) {
    if (!(error instanceof CidrParseError)) throw error
    const fix = error.suggestion === undefined ? [] : [`Did you mean ${flag} ${error.suggestion}?`]
    throw new InvalidInputError('CIDR_INVALID', `${flag}: ${error.message}`, fix)
  }
  if (isWholeSpace(cidr)) {
    throw new InvalidInputError('CIDR_TOO_WIDE', `${flag} ${text} is the whole address space, not a private network.`, [
      'Name the network, e.g. 10.0.0.0/8.',
    ])
  }
  return cidr
}

function portsFlag(text: string): PortSet {
  const parsed = parsePorts(text)
  if (parsed.value === undefined) throw fromDiagnostics('--port', parsed.diagnostics)
  return parsed.value
}

function spacePatternFlag(text: string): SpacePattern {
  const parsed = parseSpacePattern(text)
  if (parsed.value === undefined) throw fromDiagnostics('--allow-space', parsed.diagnostics)
  return parsed.value
}

function fromDiagnostics(flag: string, diagnostics: readonly Diagnostic[]): InvalidInputError {
  const [first, ...rest] = diagnostics
  const fix = first.suggestion === undefined ? [] : [`Did you mean ${flag} ${first.suggestion}?`]
  return new InvalidInputError(first.code, `${flag}: ${first.message}`, [...rest.map((d) => d.message), ...fix])
}
