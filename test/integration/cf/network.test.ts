// Real network failures, on loopback (and one name under .invalid, which RFC 2606 keeps from resolving), through
// the client and the one error table: each says what could not be reached, why in words, and what to check.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import {createServer as createTlsServer} from 'node:https'
import type {AddressInfo, Socket} from 'node:net'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {CfNetworkError, createCfClient, login, networkFailure, type AuthorizationProvider} from '../../../src/cf/index.js'
import {toCliError, type CliError} from '../../../src/cli/errors.js'
import {repoRoot} from '../../helpers/cli.js'
import {startUpstream} from './helpers.js'

const auth: AuthorizationProvider = {authorization: async () => 'bearer token-that-must-not-show', refresh: async () => {}}
const fixture = (name: string) => readFileSync(join(repoRoot, 'test', 'fixtures', 'route-service', name))

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** A port nothing listens on: bound on 0, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer()
  const port = await listen(server)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** What the user would see when listing orgs from `apiUrl` fails. */
async function failureListingOrgs(
  apiUrl: string,
  options: {requestTimeoutMs?: number; skipSslValidation?: boolean} = {},
): Promise<CliError> {
  const client = createCfClient({apiUrl, auth, ...options})
  try {
    await client.organizations.listAll()
  } catch (error) {
    assert.ok(error instanceof CfNetworkError, `a CfNetworkError, not ${String(error)}`)
    return toCliError(error)
  } finally {
    client.close()
  }
  assert.fail('the request should have failed')
}

describe('cf network failures become NETWORK_* errors that say what could not be reached', () => {
  it('a closed port: connection refused, with the host and port, and how to set the API', async () => {
    const port = await closedPort()
    const error = await failureListingOrgs(`http://127.0.0.1:${port}`)
    assert.deepEqual([error.code, error.exitCode], ['NETWORK_UNREACHABLE', 1])
    assert.equal(
      error.message,
      `Cannot reach the API at 127.0.0.1:${port}: connection refused (GET http://127.0.0.1:${port}/v3/organizations).`,
    )
    assert.match(error.suggestions.join('\n'), /`cgx login -a API_URL`/)
    assert.match(error.suggestions.join('\n'), /network, VPN or proxy/)
    assert.doesNotMatch(JSON.stringify(error), /token-that-must-not-show/)
  })

  it('a name under .invalid: no such host', async () => {
    const error = await failureListingOrgs('https://api.cgx-test.invalid')
    assert.equal(error.code, 'NETWORK_DNS')
    assert.match(
      error.message,
      /^Cannot reach the API at api\.cgx-test\.invalid: (no such host|the DNS lookup failed) \(GET https:\/\/api\.cgx-test\.invalid\/v3\/organizations\)\.$/,
    )
  })

  it("a server that accepts and never answers: timed out, after the client's timeout", async () => {
    const sockets: Socket[] = []
    const silent = createServer(() => {})
    silent.on('connection', (socket) => sockets.push(socket))
    const port = await listen(silent)
    try {
      const started = Date.now()
      const error = await failureListingOrgs(`http://127.0.0.1:${port}`, {requestTimeoutMs: 200})
      assert.equal(error.code, 'NETWORK_TIMEOUT')
      assert.match(error.message, new RegExp(`^Cannot reach the API at 127\\.0\\.0\\.1:${port}: timed out `))
      assert.ok(Date.now() - started < 5000, 'gave up after the timeout, not later')
      assert.ok(sockets.length > 0, 'the server did accept the connection')
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })

  it('a self-signed certificate: not trusted, and --skip-ssl-validation is named for test foundations only', async () => {
    let received = 0
    const tls = createTlsServer({cert: fixture('upstream-cert.pem'), key: fixture('upstream-key.pem')}, (_req, res) => {
      received++
      res.writeHead(200, {'content-type': 'application/json'}).end('{"resources":[],"pagination":{"next":null}}')
    })
    const port = await listen(tls)
    try {
      const error = await failureListingOrgs(`https://127.0.0.1:${port}`)
      assert.equal(error.code, 'NETWORK_TLS')
      assert.match(error.message, new RegExp(`^Cannot reach the API at 127\\.0\\.0\\.1:${port}: certificate not trusted `))
      assert.match(error.suggestions.join('\n'), /--skip-ssl-validation only against a test foundation/)
      assert.equal(received, 0, 'nothing was sent over the untrusted connection')
      const skipping = createCfClient({apiUrl: `https://127.0.0.1:${port}`, auth, skipSslValidation: true})
      assert.deepEqual(await skipping.organizations.listAll(), [])
      skipping.close()
      assert.equal(received, 1)
    } finally {
      tls.closeAllConnections()
      await new Promise<void>((resolve) => tls.close(() => resolve()))
    }
  })

  it('UAA unreachable during login: names UAA and its host, never the password', async () => {
    const uaaPort = await closedPort()
    const api = await startUpstream((_req, _body, res) => {
      res
        .writeHead(200, {'content-type': 'application/json'})
        .end(JSON.stringify({links: {uaa: {href: `http://127.0.0.1:${uaaPort}`}, login: {href: `http://127.0.0.1:${uaaPort}`}}}))
    })
    const cfHome = await mkdtemp(join(tmpdir(), 'cgx-network-it-'))
    try {
      const failure = await login({
        api: api.url,
        credentials: {username: 'admin', password: 'secret-password'},
        cfHome,
        env: {HOME: cfHome},
      }).then(
        () => assert.fail('login should have failed'),
        (error: unknown) => error,
      )
      const error = toCliError(failure)
      assert.equal(error.code, 'NETWORK_UNREACHABLE')
      assert.equal(
        error.message,
        `Cannot reach UAA at 127.0.0.1:${uaaPort}: connection refused (POST http://127.0.0.1:${uaaPort}/oauth/token).`,
      )
      assert.doesNotMatch(JSON.stringify(error), /secret-password/)
    } finally {
      await api.close()
      await rm(cfHome, {recursive: true, force: true})
    }
  })

  it("decodes fetch's failures (calibrate's own request) into the same kinds", async () => {
    const port = await closedPort()
    const failed = (url: string, init?: RequestInit) =>
      fetch(url, init).then(
        () => assert.fail('fetch should fail'),
        (error: unknown) => error,
      )
    const refused = networkFailure(await failed(`http://127.0.0.1:${port}/x`), {
      method: 'GET',
      url: `http://127.0.0.1:${port}/x`,
      endpoint: 'route',
    })
    assert.deepEqual([refused.kind, refused.host, refused.endpoint], ['refused', `127.0.0.1:${port}`, 'route'])
    const dns = networkFailure(await failed('https://www.cgx-test.invalid/'), {
      method: 'GET',
      url: 'https://www.cgx-test.invalid/',
      endpoint: 'route',
    })
    assert.equal(dns.kind, 'dns')
    const silent = createServer(() => {})
    const silentPort = await listen(silent)
    try {
      const timeout = await failed(`http://127.0.0.1:${silentPort}/`, {signal: AbortSignal.timeout(100)})
      assert.equal(networkFailure(timeout, {method: 'GET', url: `http://127.0.0.1:${silentPort}/`, endpoint: 'route'}).kind, 'timeout')
    } finally {
      silent.closeAllConnections()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })
})
