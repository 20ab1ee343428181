// `cgx egress check IP`: whether traffic from an address could come from the foundation's egress.
import {checkEgress} from '../../domain/egress/ranges.js'
import {formatCidr} from '../../domain/net/cidr.js'
import {formatIp, parseIp} from '../../domain/net/ip.js'
import {InvalidInputError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {egressNotice, egressSource, rangeTexts, type EgressQuery} from './foundation.js'

export interface EgressCheckResult {
  ip: string
  api: string
  foundation: string
  source: string
  /** The answer. "Outside" is a result too (the command then exits 1, so scripts can test the exit code). */
  inside: boolean
  /** The range that holds the address, or null when it is outside. */
  range: string | null
  reason: string
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
  const range = checkEgress(ip, source.ranges).range
  const ranges = rangeTexts(source)
  const address = formatIp(ip)
  const {api, foundation} = source
  const base = {ip: address, api, foundation, source: source.source, ranges, notice}
  if (range === undefined) {
    const reason = `${address} is not in the egress ranges of ${foundation} (${ranges.join(', ')}): traffic from it does not come from the platform.`
    return {...base, inside: false, range: null, reason}
  }
  // Only a match needs the caveat: shared addresses prove the platform, not the app.
  reporter.progress(`Note: ${notice}`)
  return {
    ...base,
    inside: true,
    range: formatCidr(range),
    reason: `${address} is in the egress range ${formatCidr(range)} of ${foundation}.`,
  }
}
