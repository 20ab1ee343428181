// `cgx egress check IP`: whether traffic from an address could come from the foundation's egress.
import {checkEgress} from '../../domain/egress/ranges.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {formatIp, parseIp} from '../../domain/net/ip.js'
import {InvalidInputError, OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {egressNotice, egressSource, rangeTexts, type EgressQuery} from './foundation.js'

export interface EgressCheckResult {
  ip: string
  api: string
  foundation: string
  source: string
  /** Always true in a result: an address outside the ranges is an error (exit 1), so scripts can test the exit code. */
  inside: true
  range: string
  ranges: string[]
  notice: string
}

export async function checkEgressIp(request: EgressQuery & {ip: string}, reporter: Reporter): Promise<EgressCheckResult> {
  const ip = parseIp(request.ip.trim())
  if (ip === undefined) {
    throw new InvalidInputError('IP_INVALID', `"${request.ip}" is not an IPv4 or IPv6 address.`, ['Give one address, like 52.222.122.97.'])
  }
  const source = await egressSource(request)
  const notice = egressNotice(source)
  const verdict = checkEgress(ip, source.ranges)
  const ranges = rangeTexts(source)
  if (verdict.range === undefined) {
    throw new OpError('EGRESS_IP_OUTSIDE', `${formatIp(ip)} is not in the egress ranges of ${source.foundation}: traffic from it does not come from the platform.`, {
      suggestions: [`The ranges are ${ranges.join(', ')} (from ${source.source}).`],
    })
  }
  reporter.progress(`Note: ${notice}`)
  const {api, foundation} = source
  return {ip: formatIp(ip), api, foundation, source: source.source, inside: true, range: formatCidr(verdict.range), ranges, notice}
}
