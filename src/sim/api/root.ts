// GET /, /v3 and /v3/info: the documents a client reads before it has a token (behaviours 2, 23).
import type {Dispatcher} from '../dispatch.js'
import {link} from '../present.js'
import {ok, type Ctx} from '../http.js'

const V3_COLLECTIONS = [
  'app_usage_events',
  'apps',
  'audit_events',
  'buildpacks',
  'builds',
  'deployments',
  'domains',
  'droplets',
  'environment_variable_groups',
  'feature_flags',
  'info',
  'isolation_segments',
  'organizations',
  'organization_quotas',
  'packages',
  'processes',
  'resource_matches',
  'roles',
  'routes',
  'security_groups',
  'service_brokers',
  'service_instances',
  'service_offerings',
  'service_plans',
  'service_usage_events',
  'spaces',
  'space_quotas',
  'stacks',
  'tasks',
  'users',
]

function globalRoot(ctx: Ctx) {
  const host = new URL(ctx.base).host
  return ok({
    links: {
      self: link(ctx, ''),
      cloud_controller_v3: {href: `${ctx.base}/v3`, meta: {version: ctx.services.apiVersion}},
      network_policy_v0: link(ctx, '/networking/v0/external'),
      network_policy_v1: link(ctx, '/networking/v1/external'),
      login: link(ctx, '/uaa'),
      uaa: link(ctx, '/uaa'),
      credhub: null,
      routing: link(ctx, '/routing'),
      logging: {href: `ws://${host}/doppler`},
      log_cache: link(ctx, '/log-cache'),
      log_stream: link(ctx, '/log-stream'),
      app_ssh: {href: `${host}:2222`, meta: {host_key_fingerprint: 'cgx-sim-host-key', oauth_client: 'ssh-proxy'}},
    },
  })
}

function v3Root(ctx: Ctx) {
  const links: Record<string, unknown> = {self: link(ctx, '/v3')}
  for (const name of V3_COLLECTIONS) links[name] = link(ctx, `/v3/${name}`)
  return ok({links})
}

function info(ctx: Ctx) {
  return ok({
    build: 'cgx-sim',
    cli_version: {minimum: '8.0.0', recommended: 'latest'},
    custom: {},
    description: 'cgx foundation simulator',
    name: 'cgx-sim',
    version: 0,
    osbapi_version: '2.15',
    rate_limits: {enabled: false, general_limit: 2000, reset_interval_in_minutes: 30},
    links: {self: link(ctx, '/v3/info'), support: {href: 'https://cloud.gov/docs/help/'}},
  })
}

/** Routes that need no token. */
export function registerPublic(d: Dispatcher): void {
  d.add('GET', '/', globalRoot).add('GET', '/v3', v3Root).add('GET', '/v3/info', info)
}
