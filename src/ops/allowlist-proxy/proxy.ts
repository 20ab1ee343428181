// The org's allowlist proxy: the app cgx deployed (found again by its label), its https URL (the route mapped
// to it, which user-provided instances name as their route_service_url) and the policy in its environment.
import {ROLE_LABEL} from '../../domain/labels.js'
import type {App, CfClient, Route} from '../../cf/index.js'
import {parsePolicy, renderPolicy, type Policy} from '../../domain/allowlist/index.js'
import {wideOpenings} from '../../domain/net/openness.js'
import {
  CALIBRATE_VAR,
  compileNginxPolicy,
  INSTANCE_HEADER_VAR,
  NGINX_CA_VAR,
  NGINX_POLICY_VAR,
  NginxCompileError,
  POLICY_VAR,
  SYSTEM_CA_FILE,
  WHOLE_SPACE_VAR,
} from '../../route-service/index.js'
import {OpError} from '../errors.js'
import {nginxBundle} from '../route-service/bundle.js'

export const PROXY_ROLE = 'allowlist-proxy'
export const ROUTE_SERVICE_ROLE = 'allowlist-route-service'
export const PROXY_APP_NAME = 'cgx-allowlist-proxy'
/** The user-provided instance, one per space with protected routes. */
export const ROUTE_SERVICE_NAME = 'cgx-allowlist'

/** node: the Node proxy (nodejs_buildpack); nginx: the policy compiled to nginx configuration (nginx_buildpack). */
export type Engine = 'node' | 'nginx'

export interface Proxy {
  app: App
  space: {guid: string; name: string}
  /** The route mapped to the app, or undefined while a deploy is half done. */
  route?: Route
  /** `https://<route>`, what route_service_url must say. */
  url?: string
  env: Record<string, string>
  policy: Policy
  /** CGX_ALLOWLIST is gone (edited by hand): \`policy\` is empty, and its empty hops would make every socket peer a client. */
  policyMissing: boolean
}

export const proxySelector = `${ROLE_LABEL}=${PROXY_ROLE}`

/** The org's proxy, or undefined when none was deployed. */
export async function findProxy(cf: CfClient, org: {guid: string; name: string}): Promise<Proxy | undefined> {
  const {resources, included} = await cf.apps.listAllWithIncluded({
    organization_guids: [org.guid],
    label_selector: proxySelector,
    include: ['space'],
  })
  if (resources.length > 1) throw proxyAmbiguous(org.name, resources.length)
  const [app] = resources
  if (app === undefined) return undefined
  const spaceGuid = app.relationships.space.data?.guid ?? ''
  const space = (included.spaces ?? []).find((s) => s.guid === spaceGuid) as unknown as {guid: string; name: string} | undefined
  const [routes, env] = await Promise.all([cf.apps.listRoutes(app.guid), cf.apps.getEnvironmentVariables(app.guid)])
  return proxyOf(app, {guid: spaceGuid, name: space?.name ?? spaceGuid}, routes, env)
}

/** The proxy as its app, space, mapped routes and environment make it; `findProxy` and the all-orgs listing agree on it. */
export function proxyOf(app: App, space: {guid: string; name: string}, routes: readonly Route[], env: Record<string, string>): Proxy {
  // The route deploy made carries the role label; another route mapped to the proxy by hand is not its URL.
  const route = routes.find((r) => r.metadata.labels[ROLE_LABEL] === PROXY_ROLE) ?? routes.find((r) => r.protocol !== 'tcp')
  return {
    app,
    space,
    ...(route ? {route, url: `https://${route.url}`} : {}),
    env,
    policy: policyOf(env, app.name),
    policyMissing: env[POLICY_VAR] === undefined,
  }
}

export function proxyAmbiguous(orgName: string, count: number): OpError {
  return new OpError('PROXY_AMBIGUOUS', `Org '${orgName}' has ${count} apps labelled ${proxySelector}; cgx expects one.`, {
    suggestions: ['Delete the extra ones, or remove the label from them (`cf unset-label app NAME cgx.cloud.gov/role`).'],
  })
}

/** Why a route cannot be put behind the proxy (it is the proxy's, or reaches it), or undefined. */
export function proxyRouteProblem(route: Route, proxy: Pick<Proxy, 'app' | 'route'>): string | undefined {
  if (route.guid === proxy.route?.guid) return `is the route of the allowlist proxy ${proxy.app.name}`
  if (route.destinations.some((d) => d.app.guid === proxy.app.guid)) return `sends traffic to the allowlist proxy ${proxy.app.name}`
  return undefined
}

/** The org's proxy with its URL; an error that says how to deploy one otherwise. */
export async function requireProxy(cf: CfClient, org: {guid: string; name: string}): Promise<Proxy & {url: string; route: Route}> {
  const proxy = await findProxy(cf, org)
  const deploy = `Run \`cgx route-service deploy --org ${org.name} --space SPACE\` (a space of its own, with public and DNS egress).`
  if (proxy === undefined)
    throw new OpError('PROXY_NOT_DEPLOYED', `Org '${org.name}' has no allowlist route service yet.`, {suggestions: [deploy]})
  if (proxy.url === undefined || proxy.route === undefined) {
    throw new OpError(
      'PROXY_INCOMPLETE',
      `The allowlist route service of org '${org.name}' (app ${proxy.app.name}) has no route: its deploy did not finish.`,
      {suggestions: [deploy]},
    )
  }
  if (proxy.policyMissing) {
    throw new OpError(
      'PROXY_POLICY_MISSING',
      `The allowlist route service of org '${org.name}' (app ${proxy.app.name}) has no ${POLICY_VAR}, so cgx cannot tell its hop profile or which routes it protects.`,
      {suggestions: [deploy]},
    )
  }
  return {...proxy, url: proxy.url, route: proxy.route}
}

/** The policy in the proxy's environment; an app cgx deployed always has one. */
export function policyOf(env: Record<string, string>, appName: string): Policy {
  const text = env[POLICY_VAR]
  if (text === undefined) return {hops: [], routes: []}
  const {policy, diagnostics} = parsePolicy(text, {allowWholeSpace: true})
  if (policy !== undefined) return policy
  const problems = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.path}: ${d.summary}`)
  throw new OpError('PROXY_POLICY_INVALID', `The policy in ${POLICY_VAR} of app ${appName} is invalid, so cgx will not change it.`, {
    suggestions: [...problems, `Fix it with \`cf set-env ${appName} ${POLICY_VAR} '...'\`, or redeploy with \`cgx route-service deploy\`.`],
  })
}

/** The digest of the bundle a deploy pushed (ops/route-service/bundle.ts), written on the app once it is rolled out. */
export const BUNDLE_ANNOTATION = 'cgx.cloud.gov/bundle-sha256'

/**
 * The environment that makes `policy` live on the org's proxy. The nginx engine's compiled policy is pasted into the
 * nginx.conf pushed with it, so it fits only the nginx.conf of the same cgx release: on another, nginx would refuse to
 * start, the rollout would stop and the old instances would keep the old policy. Refused before anything is written.
 */
export function proxyPolicyEnv(proxy: Pick<Proxy, 'app' | 'env'>, policy: Policy): Record<string, string | null> {
  const engine = engineOf(proxy.env)
  if (engine === 'nginx' && proxy.app.metadata.annotations[BUNDLE_ANNOTATION] !== nginxBundle().sha256) {
    throw new OpError(
      'PROXY_OUTDATED',
      `The allowlist route service (app ${proxy.app.name}) runs the nginx.conf of another cgx release, which a policy compiled by this one does not fit.`,
      {suggestions: ['Deploy this release to it first: `cgx route-service deploy --engine nginx` keeps its routes and allow lists.']},
    )
  }
  return policyEnv(policy, engine, proxy.env)
}

/** The engine a deployed proxy runs: the nginx one carries its compiled policy in its environment. */
export function engineOf(env: Record<string, string>): Engine {
  return env[NGINX_POLICY_VAR] === undefined ? 'node' : 'nginx'
}

/**
 * The proxy's environment for a policy: the policy, the switch the proxy needs to start with a rule as open as /0, and the
 * calibrate diagnostic off (a calibrate killed half way would otherwise leave it answering anyone who asks). On the nginx
 * engine also the policy compiled (CGX_ALLOWLIST stays the one contract cgx reads back); on the node engine none of it.
 */
export function policyEnv(policy: Policy, engine: Engine, env: Record<string, string> = {}): Record<string, string | null> {
  const wholeSpace = policy.routes.some((rule) => wideOpenings(rule.allow).length > 0)
  const nginx =
    engine === 'nginx'
      ? {[NGINX_POLICY_VAR]: compiledForNginx(policy, env[INSTANCE_HEADER_VAR]), [NGINX_CA_VAR]: env[NGINX_CA_VAR] ?? SYSTEM_CA_FILE}
      : {[NGINX_POLICY_VAR]: null, [NGINX_CA_VAR]: null}
  return {[POLICY_VAR]: renderPolicy(policy), [WHOLE_SPACE_VAR]: wholeSpace ? 'true' : null, [CALIBRATE_VAR]: null, ...nginx}
}

/** What nginx cannot enforce is refused here, before anything is written: the engine never starts with less. */
function compiledForNginx(policy: Policy, instanceHeader: string | undefined): string {
  try {
    // The buildpack's nginx (1.28 and later) re-resolves upstream names.
    return compileNginxPolicy(policy, {instanceHeader, upstreamResolve: true})
  } catch (error) {
    if (!(error instanceof NginxCompileError)) throw error
    throw new OpError(error.code, `The nginx engine cannot enforce this policy: ${error.message}.`, {
      suggestions: ['Deploy the node engine: `cgx route-service deploy --engine node`.'],
    })
  }
}
