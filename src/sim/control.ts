// The /_sim/* endpoints: journal, faults and router view over HTTP, for spawned CLIs and the sandbox.
// They are not journaled and get no latency or faults.
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {Faults, FaultRule, RandomFaults} from './faults.js'
import type {Services} from './http.js'
import type {Journal} from './journal.js'
import type {RouterView} from './router-view.js'

export interface ControlParts {
  journal: Journal
  faults: Faults
  router: RouterView
  services: Services
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.statusCode = status
  if (body === undefined) {
    res.end()
    return
  }
  res.setHeader('Content-Type', 'application/json')
  res.end(JSON.stringify(body))
}

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}

export function handleControl(parts: ControlParts, req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): void {
  const key = `${req.method} ${path.replace(/\/$/, '')}`
  switch (key) {
    case 'GET /_sim/journal':
      return send(res, 200, {requests: parts.journal.entries()})
    case 'DELETE /_sim/journal':
      parts.journal.clear()
      return send(res, 204)
    case 'GET /_sim/router':
      return send(res, 200, {routes: parts.router.routes()})
    case 'DELETE /_sim/faults':
      parts.faults.clear()
      return send(res, 204)
    case 'POST /_sim/faults': {
      const parsed = parse(body) as ({random?: RandomFaults} & FaultRule) | undefined
      if (!parsed || typeof parsed !== 'object') return send(res, 400, {error: 'body must be a JSON fault rule'})
      if (parsed.random) parts.faults.setRandom(parsed.random)
      else parts.faults.inject(parsed)
      return send(res, 201, parsed)
    }
    case 'GET /_sim/passcode':
      return issuePasscode(parts.services, new URL(req.url ?? '', 'http://sim').searchParams.get('username') ?? '', res)
    default:
      return send(res, 404, {error: `unknown simulator endpoint ${key}`})
  }
}

/** A one-time code for the user, as a browser sign-in at UAA's /passcode page would give it. */
function issuePasscode(services: Services, username: string, res: ServerResponse): void {
  if (!services.store.users.has(username)) return send(res, 404, {error: `no user '${username}' in the simulator`})
  send(res, 200, {passcode: services.passcodes.issue(username)})
}
