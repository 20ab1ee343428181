// `cgx egress ranges`: the foundation's egress ranges in the form the owner of a firewall pastes.
import {
  describeEgressPorts,
  EGRESS_FORMATS,
  formatEgressRanges,
  FORMATS_WITH_PORTS,
  type EgressFormat,
} from '../../domain/egress/formats.js'
import {hasErrors} from '../../domain/net/diagnostic.js'
import {parsePorts, type PortSet} from '../../domain/net/ports.js'
import {InvalidInputError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {egressNotice, egressSource, rangeTexts, type EgressQuery} from './foundation.js'

export interface EgressRangesResult {
  api: string
  foundation: string
  source: string
  ranges: string[]
  format: EgressFormat
  /** "all traffic" or "tcp 443,8443": what the iptables and aws-sg forms open. */
  ports: string
  /** The ranges in the asked format, exactly as printed. */
  formatted: string
  notice: string
}

export interface EgressRangesRequest extends EgressQuery {
  format?: string
  /** tcp ports for the iptables and aws-sg forms ("443", "80,443", "8000-8100"); all traffic when absent. */
  ports?: string
}

export async function egressRanges(request: EgressRangesRequest, reporter: Reporter): Promise<EgressRangesResult> {
  const format = formatOf(request.format)
  const ports = portsOf(request.ports)
  if (ports !== undefined && !FORMATS_WITH_PORTS.includes(format)) throw portsUnused(format)
  const source = await egressSource(request)
  const notice = egressNotice(source)
  reporter.progress(`Note: ${notice}`)
  const formatted = formatEgressRanges(source.ranges, format, {label: `${source.foundation} egress`, ports})
  const {api, foundation} = source
  return {api, foundation, source: source.source, ranges: rangeTexts(source), format, ports: describeEgressPorts(ports), formatted, notice}
}

function formatOf(text: string | undefined): EgressFormat {
  const format = EGRESS_FORMATS.find((f) => f === (text ?? 'plain'))
  if (format) return format
  throw new InvalidInputError('EGRESS_FORMAT_INVALID', `Unknown format "${text}".`, [`Use one of: ${EGRESS_FORMATS.join(', ')}.`])
}

/** Ports given with a form that lists ranges only would be silently dropped. */
function portsUnused(format: EgressFormat): InvalidInputError {
  const forms = FORMATS_WITH_PORTS.map((f) => `--format ${f}`).join(' or ')
  return new InvalidInputError('USAGE', `--ports applies to ${forms}; the ${format} form lists ranges without ports.`, [
    `Add ${forms}, or leave out --ports.`,
  ])
}

function portsOf(text: string | undefined): PortSet | undefined {
  if (text === undefined) return undefined
  const parsed = parsePorts(text)
  if (parsed.value !== undefined && !hasErrors(parsed.diagnostics)) return parsed.value
  const fix = parsed.diagnostics.find((d) => d.suggestion !== undefined)?.suggestion
  const message = `Invalid --ports: ${parsed.diagnostics.map((d) => d.message).join('; ')}.`
  throw new InvalidInputError('PORTS_INVALID', message, [
    fix ? `Did you mean --ports ${fix}?` : 'Give ports like 443, 80,443 or 8000-8100.',
  ])
}
