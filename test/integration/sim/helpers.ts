// Shared helpers for the simulator's own tests: a fresh simulator, a token, plain-fetch calls.
import {startSimulator, type Simulator, type SimulatorOptions} from '../../../src/sim/index.js'

// Bodies are JSON under test: `any` keeps the assertions readable.
export interface Answer {
  status: number
  headers: Headers
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
  text: string
}

export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init)
  const text = await response.text()
  let body: unknown
  try {
    body = text === '' ? undefined : JSON.parse(text)
  } catch {
    body = undefined
  }
  return {status: response.status, headers: response.headers, body, text}
}

export async function passwordToken(sim: Simulator, username = 'admin', password = 'admin'): Promise<Answer> {
  return call(`${sim.url}/uaa/oauth/token`, {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from('cf:').toString('base64')}`},
    body: new URLSearchParams({grant_type: 'password', username, password}).toString(),
  })
}

export interface Api {
  get(path: string): Promise<Answer>
  post(path: string, body?: unknown): Promise<Answer>
  patch(path: string, body?: unknown): Promise<Answer>
  delete(path: string): Promise<Answer>
}

export function apiFor(sim: Simulator, token: string): Api {
  const send = (method: string, path: string, body?: unknown) =>
    call(`${sim.url}${path}`, {
      method,
      headers: {Authorization: `bearer ${token}`, ...(body === undefined ? {} : {'Content-Type': 'application/json'})},
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
  return {
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body ?? {}),
    patch: (path, body) => send('PATCH', path, body ?? {}),
    delete: (path) => send('DELETE', path),
  }
}

/** A simulator plus an admin client, closed by the returned `close`. */
export async function adminSession(options: SimulatorOptions = {}): Promise<{sim: Simulator; api: Api}> {
  const sim = await startSimulator(options)
  const token = await passwordToken(sim)
  return {sim, api: apiFor(sim, token.body.access_token)}
}

/** Polls `check` (with short waits) until it returns true, or fails after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export const errorOf = (answer: Answer): {detail: string; title: string; code: number} => answer.body.errors[0]

/** A small foundation most tests share. */
export const smallSeed = {
  users: [
    {username: 'admin', password: 'admin', admin: true},
    {username: 'dev', password: 'pw', org_manager: ['org-a']},
  ],
  clients: [{id: 'ci', secret: 'ci-secret', admin: true}],
  domains: [{name: 'app.example.gov'}, {name: 'agency.gov', org: 'org-a'}],
  isolation_segments: [{name: 'vpn', annotations: {'cgx.cloud.gov/private-networks': '10.10.0.0/16'}, orgs: ['org-a']}, {name: 'other'}],
  security_groups: [
    {name: 'dns', globally_enabled: {running: true, staging: true}, rules: [{protocol: 'udp', destination: '0.0.0.0/0', ports: '53'}]},
    {name: 'vpn-db', rules: [{protocol: 'tcp', destination: '10.10.0.0/16', ports: '5432'}], running_spaces: ['org-a/prod']},
  ],
  orgs: [
    {
      name: 'org-a',
      default_isolation_segment: 'vpn',
      spaces: [
        {
          name: 'prod',
          isolation_segment: 'vpn',
          apps: [{name: 'api', instances: 2, routes: ['api.app.example.gov'], env: {MODE: 'one'}}],
          routes: ['static.app.example.gov'],
          service_instances: [
            {name: 'rs', route_service_url: 'https://rs.example.gov'},
            {name: 'plain', credentials: {k: 'v'}},
          ],
          route_bindings: [{route: 'static.app.example.gov', service_instance: 'rs'}],
        },
        {name: 'dev'},
      ],
    },
    {name: 'org-b', spaces: [{name: 'prod', apps: [{name: 'web', state: 'STOPPED' as const}]}]},
  ],
}
