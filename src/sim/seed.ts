// The seed file: a YAML (or object) description of a foundation, validated with clear errors.
//
// Schema (every key optional unless marked required):
//   users:    [{username*, password*, admin: bool, org_manager: [org], space_developer: ["org/space"]}]
//             default when absent: admin/admin (admin); the roles decide who may write where (write-access.ts)
//   clients:  [{id*, secret*, admin: bool}]            default when absent: admin/admin-secret (admin)
//   domains:  [{name*, org, internal: bool}]           shared unless `org`; the first shared one is the org default
//   isolation_segments: [{name*, labels: {}, annotations: {}, orgs: [org]}]   orgs = entitled orgs
//             the built-in `shared` segment always exists (guid 933b4c58-120b-499a-b85d-4b6fc9e2903b)
//   security_groups: [{name*, globally_enabled: {running, staging}, rules: [{protocol*, destination*, ports,
//             type, code, description, log}], running_spaces: ["org/space"], staging_spaces: ["org/space"]}]
//   orgs:     [{name*, default_isolation_segment, labels, annotations, spaces: [{name*, isolation_segment, labels,
//               annotations,
//               apps: [{name*, instances, state: STARTED|STOPPED, running_on: segment, routes: [route], labels,
//                       annotations, env: {}, memory_in_mb, docker: {image*, ports: [number]}}],
//               routes: [route],                          routes without apps
//               service_instances: [{name*, type: user-provided|managed, tags: [],
//                                    credentials: {}, route_service_url, syslog_drain_url,     user-provided
//                                    offering*, plan*, route_service_url, dashboard_url}],      managed
//               route_bindings: [{route*, service_instance*}]}]}]
// A route is `host.domain[/path]`; its domain is the longest known domain that is a suffix of it.
// A `docker` app is a Docker-lifecycle app; `ports` are the ports its image exposes (the first one is the port
// CC shows for a destination mapped without one; buildpack apps show 8080).
// A managed instance's `route_service_url` is what its broker answers on bind: CC puts it on each route binding,
// never on the instance. Without it, the managed instance is not a route service and cannot be bound to routes.
// `running_on` names the segment the app's instances run on now (default: the space's effective segment);
// a different value is how a demo shows "restart needed".
import {readFileSync} from 'node:fs'
import {parse} from 'yaml'

export interface SeedUser {
  username: string
  password: string
  admin?: boolean
  org_manager?: string[]
  space_developer?: string[]
}
export interface SeedClient {
  id: string
  secret: string
  admin?: boolean
}
export interface SeedDomain {
  name: string
  org?: string
  internal?: boolean
}
export interface SeedSegment {
  name: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  orgs?: string[]
}
export interface SeedRule {
  protocol: string
  destination: string
  ports?: string
  type?: number
  code?: number
  description?: string
  log?: boolean
}
export interface SeedSecurityGroup {
  name: string
  globally_enabled?: {running?: boolean; staging?: boolean}
  rules?: SeedRule[]
  running_spaces?: string[]
  staging_spaces?: string[]
}
export interface SeedApp {
  name: string
  instances?: number
  state?: 'STARTED' | 'STOPPED'
  running_on?: string
  routes?: string[]
  labels?: Record<string, string>
  annotations?: Record<string, string>
  env?: Record<string, string>
  memory_in_mb?: number
  docker?: {image: string; ports?: number[]}
}
export interface SeedServiceInstance {
  name: string
  type?: 'user-provided' | 'managed'
  tags?: string[]
  credentials?: Record<string, unknown>
  route_service_url?: string
  syslog_drain_url?: string
  offering?: string
  plan?: string
  dashboard_url?: string
}
export interface SeedSpace {
  name: string
  isolation_segment?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  apps?: SeedApp[]
  routes?: string[]
  service_instances?: SeedServiceInstance[]
  route_bindings?: Array<{route: string; service_instance: string}>
}
export interface SeedOrg {
  name: string
  default_isolation_segment?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  spaces?: SeedSpace[]
}
export interface SeedDocument {
  users?: SeedUser[]
  clients?: SeedClient[]
  domains?: SeedDomain[]
  isolation_segments?: SeedSegment[]
  security_groups?: SeedSecurityGroup[]
  orgs?: SeedOrg[]
}

export class SeedError extends Error {}

type Shape =
  'string' | 'number' | 'boolean' | 'strings' | 'map' | 'any' | {fields: Record<string, Shape>; required?: string[]} | {each: Shape}

const labels = 'map'
const rule: Shape = {
  fields: {
    protocol: 'string',
    destination: 'string',
    ports: 'string',
    type: 'number',
    code: 'number',
    description: 'string',
    log: 'boolean',
  },
  required: ['protocol', 'destination'],
}
const app: Shape = {
  fields: {
    name: 'string',
    instances: 'number',
    state: 'string',
    running_on: 'string',
    routes: 'strings',
    labels,
    annotations: labels,
    env: 'map',
    memory_in_mb: 'number',
    docker: {fields: {image: 'string', ports: {each: 'number'}}, required: ['image']},
  },
  required: ['name'],
}
const space: Shape = {
  fields: {
    name: 'string',
    isolation_segment: 'string',
    labels,
    annotations: labels,
    apps: {each: app},
    routes: 'strings',
    service_instances: {
      each: {
        fields: {
          name: 'string',
          type: 'string',
          tags: 'strings',
          credentials: 'any',
          route_service_url: 'string',
          syslog_drain_url: 'string',
          offering: 'string',
          plan: 'string',
          dashboard_url: 'string',
        },
        required: ['name'],
      },
    },
    route_bindings: {each: {fields: {route: 'string', service_instance: 'string'}, required: ['route', 'service_instance']}},
  },
  required: ['name'],
}
const documentShape: Shape = {
  fields: {
    users: {
      each: {
        fields: {username: 'string', password: 'string', admin: 'boolean', org_manager: 'strings', space_developer: 'strings'},
        required: ['username', 'password'],
      },
    },
    clients: {each: {fields: {id: 'string', secret: 'string', admin: 'boolean'}, required: ['id', 'secret']}},
    domains: {each: {fields: {name: 'string', org: 'string', internal: 'boolean'}, required: ['name']}},
    isolation_segments: {each: {fields: {name: 'string', labels, annotations: labels, orgs: 'strings'}, required: ['name']}},
    security_groups: {
      each: {
        fields: {
          name: 'string',
          globally_enabled: {fields: {running: 'boolean', staging: 'boolean'}},
          rules: {each: rule},
          running_spaces: 'strings',
          staging_spaces: 'strings',
        },
        required: ['name'],
      },
    },
    orgs: {
      each: {
        fields: {name: 'string', default_isolation_segment: 'string', labels, annotations: labels, spaces: {each: space}},
        required: ['name'],
      },
    },
  },
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function check(value: unknown, shape: Shape, path: string, problems: string[]): void {
  const fail = (what: string) => problems.push(`${path || '(top level)'}: ${what}`)
  if (shape === 'any') return
  if (shape === 'string' || shape === 'number' || shape === 'boolean') {
    if (typeof value !== shape) fail(`expected a ${shape}, got ${JSON.stringify(value)}`)
  } else if (shape === 'strings') {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail('expected a list of strings')
  } else if (shape === 'map') {
    if (!isPlainObject(value)) fail('expected a mapping')
  } else if ('each' in shape) {
    if (!Array.isArray(value)) fail('expected a list')
    else value.forEach((item, i) => check(item, shape.each, `${path}[${i}]`, problems))
  } else if (!isPlainObject(value)) {
    fail('expected a mapping')
  } else {
    for (const key of shape.required ?? []) if (value[key] === undefined) fail(`'${key}' is required`)
    for (const [key, item] of Object.entries(value)) {
      const child = shape.fields[key]
      if (!child) fail(`unknown key '${key}' (known: ${Object.keys(shape.fields).join(', ')})`)
      else if (item !== undefined && item !== null) check(item, child, path ? `${path}.${key}` : key, problems)
    }
  }
}

/** Validates a parsed seed; `source` names the file (or "seed") in error messages. */
export function validateSeed(value: unknown, source = 'seed'): SeedDocument {
  const problems: string[] = []
  check(value ?? {}, documentShape, '', problems)
  if (problems.length > 0) throw new SeedError(`${source}: invalid seed:\n  ${problems.join('\n  ')}`)
  return (value ?? {}) as SeedDocument
}

export function readSeedFile(file: string): SeedDocument {
  let parsed: unknown
  try {
    parsed = parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new SeedError(`${file}: ${(error as Error).message}`)
  }
  return validateSeed(parsed, file)
}
