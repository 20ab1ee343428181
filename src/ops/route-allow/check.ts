// `cgx route-allow check ROUTE IP`: whether an address would get in, decided by the same code the proxy runs.
import type {CfClient} from '../../cf/index.js'
import {compilePolicy, isAddressAllowed, parseForwardedUrl} from '../../domain/allowlist/index.js'
import {formatIp, parseIp} from '../../domain/net/ip.js'
import {InvalidInputError, OpError} from '../errors.js'
import {inspect, type RouteShowResult} from './show.js'

export interface RouteCheckResult {
  route: string
  ip: string
  /** The answer. A "no" is a result too (the command then exits 1, so scripts can test the exit code). */
  allowed: boolean
  reason: string
  /** The route's allow list: empty when it allows nobody or is not protected. */
  allow: string[]
  /** The request must also carry this header with the secret. */
  headerSecret: string | null
}

export async function checkAllowlist(cf: CfClient, {route: routeText, ip: ipText}: {route: string; ip: string}): Promise<RouteCheckResult> {
  const ip = parseIp(ipText.trim())
  if (ip === undefined)
    throw new InvalidInputError('IP_INVALID', `"${ipText}" is not an IPv4 or IPv6 address.`, ['Give one address, like 203.0.113.7.'])
  const {shown, policy} = await inspect(cf, routeText)
  const address = formatIp(ip)
  const answer = (allowed: boolean, reason: string) => ({
    route: shown.url,
    ip: address,
    allowed,
    reason,
    allow: shown.allow,
    headerSecret: shown.headerSecret,
  })
  if (shown.status === 'unprotected') return answer(true, `${shown.url} is not protected: every address gets in.`)
  if (shown.status === 'foreign') {
    throw new OpError(
      'ROUTE_SERVICE_FOREIGN',
      `${shown.url} is behind route service '${shown.routeService?.name}', which cgx does not manage: cgx cannot tell.`,
    )
  }
  if (shown.stale !== null) {
    throw new OpError('ROUTE_STALE', `${shown.url} is stale: ${shown.stale.reason}, so cgx cannot tell who gets in.`, {
      suggestions: ['Run `cgx route-service deploy` (or `cgx route-allow add` on the route) to point it at the proxy again.'],
    })
  }
  const target = parseForwardedUrl(`https://${shown.url}`)
  const allowed = target !== undefined && policy !== undefined && shown.protected && isAddressAllowed(compilePolicy(policy), target, ip)
  return allowed ? answer(true, `${address} is in the allow list of ${shown.url}.`) : answer(false, denial(shown, address))
}

function denial(shown: RouteShowResult, address: string): string {
  if (shown.status === 'parked')
    return `${shown.url} is parked (no destinations until an interrupted --replace is finished): it lets no address in.`
  if (shown.allow.length === 0) return `${shown.url} lets no address in: its allow list is empty.`
  return `${address} is not in the allow list of ${shown.url} (${shown.allow.join(', ')}).`
}
