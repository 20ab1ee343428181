// `cgx route-service calibrate ROUTE`: switch the proxy's diagnostic on (a rolling deployment), send one request
// through the platform to a protected route, read the X-Forwarded-For chain the proxy saw, switch the diagnostic
// off again, and say which hop profile fits. cgx sends no X-Forwarded-For, so the left-most entry is this
// machine's address and every entry right of it is a platform hop.
import {networkFailure, type CfClient, type PollOptions} from '../../cf/index.js'
import {createAddressMatcher, HOP_PRESETS, policyToJson} from '../../domain/allowlist/index.js'
import {formatCidr, parseCidr, type Cidr} from '../../domain/net/cidr.js'
import {parseIp} from '../../domain/net/ip.js'
import {CALIBRATE_PATH, CALIBRATE_VAR} from '../../route-service/index.js'
import {currentBinding, engineOf, type Proxy, requireProxy, resolveRoute, rollOut, type RolloutOptions} from '../allowlist-proxy/index.js'
import {OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'

const PRIVATE_OR_LOOPBACK = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '::1/128', 'fc00::/7']

export interface CalibrateRequest {
  route: string
  poll?: PollOptions
  /** GET the URL through the platform and return the parsed JSON (default: fetch). */
  probe?: (url: string) => Promise<unknown>
}

export interface CalibrateResult {
  route: string
  probeUrl: string
  /** Right to left: position 0 is the proxy's socket peer; the last one is this machine. */
  chain: Array<{position: number; address: string}>
  client: string | null
  /** The hops the proxy runs with now, and whether they fit the chain. */
  currentHops: string | string[]
  currentFits: boolean
  /** A preset that fits the chain exactly, if any. */
  fittingPreset: string | null
  /** One CIDR list per platform hop, socket peer first: what --hops should say. */
  suggestedHops: string[]
  command: string
}

export async function calibrate(cf: CfClient, request: CalibrateRequest, reporter: Reporter): Promise<CalibrateResult> {
  const resolved = await resolveRoute(cf, request.route)
  if (resolved.route.path !== '') {
    throw new OpError('CALIBRATE_PATH_ROUTE', `${resolved.url} has a path; the diagnostic answers on ${CALIBRATE_PATH} of a whole host.`, {
      suggestions: ['Calibrate with a protected route that has no path.'],
    })
  }
  const [proxy, bound] = await Promise.all([requireProxy(cf, resolved.org), currentBinding(cf, resolved.route.guid)])
  if (bound?.ours !== true) {
    throw new OpError(
      'ROUTE_NOT_PROTECTED',
      `${resolved.url} does not go through the allowlist route service, so a request to it says nothing about the hops.`,
      {
        suggestions: [`Protect it first: \`cgx route-allow add ${resolved.url} --allow YOUR_IP\`.`],
      },
    )
  }
  if (engineOf(proxy.env) === 'nginx') {
    throw new OpError(
      'ENGINE_UNSUPPORTED',
      `The allowlist route service of org '${resolved.org.name}' runs the nginx engine; the calibrate diagnostic runs on the node engine only.`,
      {
        suggestions: [
          `Redeploy with \`cgx route-service deploy --org ${resolved.org.name} --space ${proxy.space.name} --engine node\`, calibrate, then deploy --engine nginx again.`,
        ],
      },
    )
  }
  const probeUrl = `https://${resolved.url}${CALIBRATE_PATH}`
  const report = await withDiagnostic(cf, proxy, {reporter, poll: request.poll}, () => (request.probe ?? fetchJson)(probeUrl))
  const chain = chainOf(report)
  const currentHops = policyToJson(proxy.policy).hops
  const suggestedHops = chain.slice(0, -1).map((hop) => suggestHop(hop.address))
  const fittingPreset = Object.keys(HOP_PRESETS).find((name) => fits(HOP_PRESETS[name].hops.map(cidrList), chain)) ?? null
  return {
    route: resolved.url,
    probeUrl,
    chain,
    client: chain.at(-1)?.address ?? null,
    currentHops,
    currentFits: fits(proxy.policy.hops, chain),
    fittingPreset,
    suggestedHops,
    command: `cgx route-service deploy --org ${resolved.org.name} --space ${proxy.space.name} --hops ${fittingPreset ?? suggestedHops.join(' ')}`,
  }
}

/** The diagnostic is on only while `probe` runs, and switched off again whatever happens. */
async function withDiagnostic(cf: CfClient, proxy: Proxy, options: RolloutOptions, probe: () => Promise<unknown>): Promise<unknown> {
  options.reporter.progress(`Switching the diagnostic on in ${proxy.app.name} for one request.`)
  await rollOut(cf, proxy.app, proxy.env, {[CALIBRATE_VAR]: 'true'}, options)
  try {
    return await probe()
  } finally {
    options.reporter.progress('Switching the diagnostic off again.')
    const app = await cf.apps.get(proxy.app.guid)
    await rollOut(cf, app, await cf.apps.getEnvironmentVariables(app.guid), {[CALIBRATE_VAR]: null}, options)
  }
}

/** Whether the hops match the chain's platform positions exactly and the next one is the client. */
function fits(hops: ReadonlyArray<readonly Cidr[]>, chain: CalibrateResult['chain']): boolean {
  if (hops.length !== chain.length - 1) return false
  return hops.every((allowed, position) => {
    const ip = parseIp(chain[position].address)
    return ip !== undefined && createAddressMatcher(allowed).has(ip)
  })
}

function suggestHop(address: string): string {
  const ip = parseIp(address)
  if (ip === undefined) return address
  const internal = PRIVATE_OR_LOOPBACK.map(parseCidr)
  return createAddressMatcher(internal).has(ip) ? PRIVATE_OR_LOOPBACK.join(',') : formatCidr(parseCidr(address))
}

function cidrList(text: string): Cidr[] {
  return text.split(',').map((part) => parseCidr(part.trim()))
}

function chainOf(report: unknown): CalibrateResult['chain'] {
  const chain = (report as {chain?: unknown} | null)?.chain
  if (!Array.isArray(chain) || chain.some((entry) => typeof entry?.address !== 'string' || typeof entry?.position !== 'number')) {
    throw new OpError('CALIBRATE_NO_REPORT', "The answer through the platform was not the proxy's diagnostic report.", {
      suggestions: ['Check that the route is bound to the cgx route service (`cgx route-allow show ROUTE`) and try again.'],
    })
  }
  return chain.map((entry: {position: number; address: string}) => ({position: entry.position, address: entry.address}))
}

/** The one request cgx sends outside the CF client; its failures get the client's network error kinds. */
async function fetchJson(url: string): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(url, {headers: {accept: 'application/json'}, signal: AbortSignal.timeout(30_000)})
  } catch (error) {
    throw networkFailure(error, {method: 'GET', url, endpoint: 'route'})
  }
  if (!response.ok)
    throw new OpError('CALIBRATE_REQUEST_FAILED', `GET ${url} answered ${response.status}.`, {
      suggestions: ['Check that the route is up, then try again.'],
    })
  // A body that is not JSON is not the report; chainOf says so.
  return response.json().catch(() => undefined)
}
