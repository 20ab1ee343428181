// `cgx route-allow check ROUTE IP`: whether an address would get in, decided by the same code the proxy runs.
import type {CfClient} from '../../cf/index.js'
import {compilePolicy, isAddressAllowed, parseForwardedUrl} from '../../domain/allowlist/index.js'
import {formatIp, parseIp} from '../../domain/net/ip.js'
import {InvalidInputError, OpError} from '../errors.js'
import {inspect} from './show.js'

export interface RouteCheckResult {
  route: string
  ip: string
  /** Always true in a result: a denied address is an error (exit 1), so scripts can test the exit code. */
  allowed: true
  reason: string
  /** The request must also carry this header with the secret. */
  headerSecret: string | null
}

export async function checkAllowlist(cf: CfClient, routeText: string, ipText: string): Promise<RouteCheckResult> {
  const ip = parseIp(ipText.trim())
  if (ip === undefined) throw new InvalidInputError('IP_INVALID', `"${ipText}" is not an IPv4 or IPv6 address.`, ['Give one address, like 203.0.113.7.'])
  const {shown, policy} = await inspect(cf, routeText)
  const base = {route: shown.url, ip: formatIp(ip), allowed: true as const, headerSecret: shown.headerSecret}
  if (shown.status === 'unprotected') return {...base, reason: `${shown.url} is not protected: every address gets in.`}
  if (shown.status === 'foreign') {
    throw new OpError('ROUTE_SERVICE_FOREIGN', `${shown.url} is behind route service '${shown.routeService?.name}', which cgx does not manage: cgx cannot tell.`)
  }
  const target = parseForwardedUrl(`https://${shown.url}`)
  const allowed = target !== undefined && policy !== undefined && shown.protected && isAddressAllowed(compilePolicy(policy), target, ip)
  if (!allowed) {
    throw new OpError('ADDRESS_DENIED', `${formatIp(ip)} would be denied on ${shown.url}.`, {
      suggestions: [shown.allow.length > 0 ? `Allowed: ${shown.allow.join(', ')}.` : 'Nothing is allowed on it.'],
    })
  }
  return {...base, reason: `${formatIp(ip)} is in the allow list of ${shown.url}.`}
}
