// `cgx route-service deploy`: push the allowlist proxy through the v3 API (app, package, build, droplet, https
// route, http health check, start) and wait until it runs. A new policy or a new cgx version is a rolling deployment.
import type {CfClient, PollOptions} from '../../cf/index.js'
import {HOP_PRESETS, parsePolicy, policyToJson, type Policy} from '../../domain/allowlist/index.js'
import {foundationFor} from '../../domain/egress/ranges.js'
import {InvalidInputError, OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {checkNameFlags, orgFromFlagOrTarget} from '../resolve.js'
import {loadProxyBundle, nginxBundle, type ProxyBundle} from './bundle.js'
import {createProxyApp, ENGINE_BUILDPACK, ensureBuildpack, ensureProcess, ensureProxyRoute, ensureSpace} from './deploy-steps.js'
import {checkProxyEgress, type EgressNeeds} from './egress.js'
import {BUNDLE_ANNOTATION, type Engine, envChanges, findProxy, policyEnv, repointOrgInstances, rollOut} from '../allowlist-proxy/index.js'
import {NGINX_CA_VAR, NGINX_POLICY_VAR} from '../../route-service/index.js'
import {stageIfChanged} from './stage.js'

export interface DeployRequest {
  org?: string
  space: string
  instances?: number
  /** "64M", "1G", or megabytes. */
  memory?: string
  /** One preset name, or one "CIDR[,CIDR...]" per hop, socket peer first; default: the foundation's preset. */
  hops?: string[]
  /** The API URL, to pick the default hop profile. */
  api: string
  /** Default node. */
  engine?: Engine
  /** The node engine's; default: the bundle `npm run build` wrote next to this code. */
  bundle?: ProxyBundle
  poll?: PollOptions
}

export interface DeployResult {
  org: string
  space: string
  app: {name: string; guid: string}
  engine: Engine
  /** The buildpack the engine stages with. */
  buildpack: string
  url: string
  instances: number
  memoryMb: number
  /** A preset name, or the hop CIDR lists. */
  hops: string | string[]
  /** False while the hop profile is an inference from source: run calibrate. */
  hopsCalibrated: boolean
  bundleSha256: string
  egress: EgressNeeds
  /** How many route service instances of the org (one per space) were pointed at the proxy's URL again. */
  repointed: number
  /** What this run changed; empty when the proxy already was as asked. */
  changes: string[]
}

type Hops = Pick<Policy, 'hops' | 'hopProfile'>

export async function deployRouteService(cf: CfClient, request: DeployRequest, reporter: Reporter): Promise<DeployResult> {
  // The space is created when missing: its name is checked before anything is read or written.
  checkNameFlags({org: request.org, space: request.space})
  const size = {instances: parseInstances(request.instances ?? 2), memoryMb: parseMemory(request.memory ?? '64M')}
  const askedHops = request.hops === undefined || request.hops.length === 0 ? undefined : parseHops(request.hops)
  const engine = request.engine ?? 'node'
  reporter.progress(
    request.engine === undefined
      ? 'Engine: node, the default (--engine nginx runs the same policy compiled to nginx configuration, on the nginx_buildpack).'
      : `Engine: ${engine}, as asked (--engine ${engine}).`,
  )
  const bundle = engine === 'nginx' ? nginxBundle() : (request.bundle ?? (await loadProxyBundle()))
  const org = await orgFromFlagOrTarget(cf, request.org)
  const existing = await findProxy(cf, org)
  if (existing !== undefined && existing.space.name !== request.space) throw proxyElsewhere(org.name, existing.space.name)
  const changes: string[] = []
  /** Each step returns the changes it made; the op keeps them in order for its result. */
  const made = <T>(step: {changes: string[]} & T): T => {
    changes.push(...step.changes)
    return step
  }
  const space = existing?.space ?? made(await ensureSpace(cf, org, request.space)).space
  const standing = existing?.policyMissing === false ? existing.policy : undefined
  const hops = askedHops ?? (standing ? {hops: standing.hops, hopProfile: standing.hopProfile} : defaultHops(request.api))
  const policy = withHops(existing?.policy ?? {hops: [], routes: []}, hops)
  // Compiled (and refused when nginx cannot enforce it) before anything is written.
  const env = policyEnv(policy, engine, existing?.env)
  const egress = await checkProxyEgress(cf, space.guid)
  warnAboutEgress(egress, org.name, space.name, reporter)
  const app = existing?.app ?? made(await createProxyApp(cf, space, engine, env)).app
  changes.push(...(await ensureBuildpack(cf, app, engine)))
  changes.push(...(await ensureProcess(cf, app, engine, size)))
  const {route} = made(await ensureProxyRoute(cf, {org, space}, app))
  let currentEnv = existing?.env ?? (await cf.apps.getEnvironmentVariables(app.guid))
  if (engine === 'nginx') currentEnv = made(await writeStagingEnv(cf, app, currentEnv, env)).env
  const {dropletGuid} = made(await stageIfChanged(cf, app, bundle, {buildpack: ENGINE_BUILDPACK[engine], reporter, poll: request.poll}))
  const annotations = {[BUNDLE_ANNOTATION]: bundle.sha256}
  if (await rollOut(cf, app, currentEnv, env, {reporter, poll: request.poll, dropletGuid, annotations})) changes.push('rolled out')
  const url = `https://${route.url}`
  const repoints = await repointOrgInstances(cf, org, url, {reporter, poll: request.poll})
  changes.push(...repoints)
  const hopsCalibrated = hops.hopProfile === undefined || HOP_PRESETS[hops.hopProfile].calibrated
  if (!hopsCalibrated) {
    reporter.warn(
      `The hop profile '${hops.hopProfile}' is inferred from the platform's source, not measured: once a route is protected, run \`cgx route-service calibrate ROUTE\`.`,
    )
  }
  const hopsText = policyToJson(policy).hops
  return {
    org: org.name,
    space: space.name,
    app: {name: app.name, guid: app.guid},
    engine,
    buildpack: ENGINE_BUILDPACK[engine],
    url,
    ...size,
    repointed: repoints.length,
    hops: hopsText,
    hopsCalibrated,
    bundleSha256: bundle.sha256,
    egress,
    changes,
  }
}

/**
 * The nginx buildpack checks nginx.conf (`nginx -t`) with the app's environment while staging, so the compiled policy
 * must be there before the build. Running instances read their environment only at start, and a node instance ignores
 * these variables, so writing them ahead of the rollout changes nothing that runs.
 */
async function writeStagingEnv(
  cf: CfClient,
  app: {guid: string},
  current: Record<string, string>,
  env: Record<string, string | null>,
): Promise<{env: Record<string, string>; changes: string[]}> {
  const ahead = envChanges(current, {[NGINX_POLICY_VAR]: env[NGINX_POLICY_VAR], [NGINX_CA_VAR]: env[NGINX_CA_VAR]})
  if (Object.keys(ahead).length === 0) return {env: current, changes: []}
  await cf.apps.updateEnvironmentVariables(app.guid, ahead)
  return {env: {...current, ...(ahead as Record<string, string>)}, changes: ['wrote the compiled policy for staging']}
}

function proxyElsewhere(org: string, space: string): OpError {
  return new OpError('PROXY_ELSEWHERE', `Org '${org}' already has its allowlist route service, in space '${space}'.`, {
    suggestions: [`Pass --space ${space} to redeploy it; cgx runs one per org.`],
  })
}

function withHops(policy: Policy, hops: Hops): Policy {
  const {hopProfile: _dropped, ...rest} = policy
  return hops.hopProfile === undefined ? {...rest, hops: hops.hops} : {...rest, hops: hops.hops, hopProfile: hops.hopProfile}
}

/** One preset name, or hop CIDR lists; checked as the proxy will check them, before any request. */
export function parseHops(values: readonly string[]): Hops {
  const preset = values.length === 1 && Object.hasOwn(HOP_PRESETS, values[0]) ? values[0] : undefined
  const {policy, diagnostics} = parsePolicy({hops: preset ?? [...values], routes: []})
  const errors = diagnostics.filter((d) => d.severity === 'error')
  if (policy === undefined || errors.length > 0) {
    throw new InvalidInputError('HOPS_INVALID', `--hops is not a hop profile: ${errors.map((d) => d.summary).join('; ')}.`, [
      `Give a preset (${Object.keys(HOP_PRESETS).join(', ')}) or one CIDR list per hop, socket peer first, e.g. --hops 10.0.0.0/8 127.0.0.1/32.`,
    ])
  }
  return preset === undefined ? {hops: policy.hops} : {hops: policy.hops, hopProfile: preset}
}

/** cloud.gov's preset on cloud.gov, the one-proxy profile against a sandbox on loopback; elsewhere the user says. */
function defaultHops(api: string): Hops {
  const host = new URL(api).hostname
  const preset =
    foundationFor(api)?.name === 'cloud.gov' ? 'cloud.gov' : ['127.0.0.1', 'localhost', '[::1]'].includes(host) ? 'local' : undefined
  if (preset !== undefined) return parseHops([preset])
  throw new InvalidInputError('HOPS_UNKNOWN', `cgx does not know the proxy hops in front of apps on ${host}.`, [
    'Pass --hops: a preset (direct, local, cloud.gov) or one CIDR list per hop, socket peer first.',
    'After protecting a route, `cgx route-service calibrate ROUTE` shows the profile that fits.',
  ])
}

export function parseMemory(text: string): number {
  const match = /^(\d+)\s*(M|MB|G|GB)?$/i.exec(text.trim())
  const megabytes = match === null ? NaN : Number(match[1]) * (match[2]?.toUpperCase().startsWith('G') ? 1024 : 1)
  if (!Number.isInteger(megabytes) || megabytes < 16) {
    throw new InvalidInputError('MEMORY_INVALID', `"${text}" is not a memory size cgx can use.`, [
      'Give megabytes or gigabytes, at least 16M: 64M, 128M, 1G.',
    ])
  }
  return megabytes
}

function parseInstances(count: number): number {
  if (Number.isInteger(count) && count >= 1) return count
  throw new InvalidInputError('INSTANCES_INVALID', `--instances must be a whole number of at least 1 (got ${count}).`, [
    'Two instances keep the route up while one restarts.',
  ])
}

function warnAboutEgress(egress: EgressNeeds, org: string, space: string, reporter: Reporter): void {
  const missing = [...(egress.public ? [] : ['public (tcp 443 to the app domain)']), ...(egress.dns ? [] : ['DNS (port 53)'])]
  if (missing.length === 0) return
  const bind = egress.suggestedGroups.map((group) => `\`cf bind-security-group ${group} ${org} --space ${space}\``)
  reporter.warn(
    `Space '${space}' lacks ${missing.join(' and ')} egress, which the route service needs to forward requests. ` +
      `cgx does not open it (that would open it for every app of the space)${bind.length > 0 ? `; an admin can run ${bind.join(' and ')}` : ''}.`,
  )
}
