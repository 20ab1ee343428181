// The steps of `cgx route-service deploy`, each of which reads first and writes only what differs, so that a
// second deploy writes nothing and a deploy that stopped half way is finished by the next one.
import {randomBytes} from 'node:crypto'

import type {App, CfClient, Route} from '../../cf/index.js'
import {HEALTH_PATH} from '../../route-service/index.js'
import {ROLE_LABEL} from '../../domain/labels.js'
import {PROXY_APP_NAME, PROXY_ROLE, proxySelector, type Engine} from '../allowlist-proxy/index.js'

/** A 1 MiB young generation keeps the proxy's memory small under load (bench/results.md, Proxy). */
export const START_COMMAND = 'node --max-semi-space-size=1 server.mjs'
/** The nginx buildpack's own start command (its bin/release): varify fills nginx.conf's placeholders, then nginx runs it. */
export const NGINX_START_COMMAND =
  'varify -buildpack-yml-path ./buildpack.yml ./nginx.conf $HOME/modules $DEP_DIR/nginx/modules && nginx -p $PWD -c ./nginx.conf'

export const ENGINE_BUILDPACK: Readonly<Record<Engine, string>> = {node: 'nodejs_buildpack', nginx: 'nginx_buildpack'}
const ENGINE_COMMAND: Readonly<Record<Engine, string>> = {node: START_COMMAND, nginx: NGINX_START_COMMAND}

export interface Place {
  org: {guid: string; name: string}
  space: {guid: string; name: string}
}

export async function ensureSpace(
  cf: CfClient,
  org: {guid: string; name: string},
  name: string,
): Promise<{space: {guid: string; name: string}; changes: string[]}> {
  const [found] = await cf.spaces.listAll({names: [name], organization_guids: [org.guid]})
  if (found) return {space: found, changes: []}
  const created = await cf.spaces.create({name, relationships: {organization: {data: {guid: org.guid}}}})
  return {space: created, changes: [`created space ${name}`]}
}

export async function createProxyApp(
  cf: CfClient,
  space: {guid: string},
  engine: Engine,
  env: Record<string, string | null>,
): Promise<{app: App; changes: string[]}> {
  const environment = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== null))
  const app = await cf.apps.create({
    name: PROXY_APP_NAME,
    relationships: {space: {data: {guid: space.guid}}},
    lifecycle: {type: 'buildpack', data: {buildpacks: [ENGINE_BUILDPACK[engine]]}},
    environment_variables: environment,
    metadata: {labels: {[ROLE_LABEL]: PROXY_ROLE}},
  })
  return {app, changes: [`created app ${app.name}`]}
}

/** The app's own buildpack is the engine's, so that a restage by hand (`cf restage`) builds the engine it runs. */
export async function ensureBuildpack(cf: CfClient, app: App, engine: Engine): Promise<string[]> {
  const buildpack = ENGINE_BUILDPACK[engine]
  const current = app.lifecycle.data.buildpacks ?? []
  if (current.length === 1 && current[0] === buildpack) return []
  await cf.apps.update(app.guid, {lifecycle: {type: 'buildpack', data: {buildpacks: [buildpack]}}})
  return [`set the buildpack to ${buildpack}`]
}

/** The web process: its start command, an http health check on the proxy's health path, its size. */
export async function ensureProcess(
  cf: CfClient,
  app: App,
  engine: Engine,
  size: {instances: number; memoryMb: number},
): Promise<string[]> {
  const web = (await cf.apps.listProcesses(app.guid)).find((p) => p.type === 'web')
  if (web === undefined) return []
  const changes: string[] = []
  const check = web.health_check
  const command = ENGINE_COMMAND[engine]
  if (web.command !== command || check.type !== 'http' || check.data.endpoint !== HEALTH_PATH) {
    await cf.processes.update(web.guid, {command, health_check: {type: 'http', data: {endpoint: HEALTH_PATH}}})
    changes.push(`set the start command and an http health check on ${HEALTH_PATH}`)
  }
  if (web.instances !== size.instances || web.memory_in_mb !== size.memoryMb) {
    await cf.processes.scale(web.guid, {instances: size.instances, memory_in_mb: size.memoryMb})
    changes.push(`scaled to ${size.instances} instances of ${size.memoryMb} MB`)
  }
  return changes
}

/**
 * The proxy's https route on the org's default domain, with a host nobody can guess (so the proxy is not found by
 * scanning), labelled so that a deploy interrupted before the route got its destination finds it again.
 */
export async function ensureProxyRoute(cf: CfClient, place: Place, app: App): Promise<{route: Route; changes: string[]}> {
  const changes: string[] = []
  let [route] = await cf.routes.listAll({space_guids: [place.space.guid], label_selector: proxySelector})
  if (route === undefined) {
    const domain = await cf.organizations.getDefaultDomain(place.org.guid)
    route = await cf.routes.create({
      host: `cgx-allowlist-${randomBytes(8).toString('hex')}`,
      relationships: {space: {data: {guid: place.space.guid}}, domain: {data: {guid: domain.guid}}},
      metadata: {labels: {[ROLE_LABEL]: PROXY_ROLE}},
    })
    changes.push(`created route ${route.url}`)
  }
  if (!route.destinations.some((d) => d.app.guid === app.guid)) {
    await cf.routes.insertDestinations(route.guid, [{app: {guid: app.guid}}])
    changes.push(`mapped ${route.url} to ${app.name}`)
  }
  return {route, changes}
}
