// An HTTPS API (a TLS front to the simulator), as every real foundation is. An agency network reaches it through a
// proxy, HTTPS_PROXY, the variable the error advice names: the built CLI (where axios loads its proxy agent only when
// a proxy is set) tunnels with CONNECT, so the proxy sees the host and port and nothing else. A test foundation's
// self-signed certificate is accepted after `login --skip-ssl-validation`, and stays accepted, as with the cf CLI.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {createServer, request, type Server} from 'node:http'
import {createServer as createTlsServer} from 'node:https'
import {connect, type AddressInfo} from 'node:net'
import path from 'node:path'

import {repoRoot, runCli, tempCfHome} from '../helpers/cli.js'
import {useSimulator} from '../helpers/sim.js'

const fixture = (name: string) => readFileSync(path.join(repoRoot, 'test', 'fixtures', 'route-service', name))

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

describe('e2e: an HTTPS API, through a proxy or with a test certificate', function () {
  this.timeout(60_000)
  const sim = useSimulator()
  const servers: Server[] = []
  const tunnels: string[] = []
  let frontConnections = 0
  let api: string
  let proxy: string

  before(async () => {
    const simUrl = new URL(sim().url)
    const front = createTlsServer({cert: fixture('upstream-cert.pem'), key: fixture('upstream-key.pem')}, (req, res) => {
      // The simulator names itself (not this front) as UAA, so login's token request goes to it directly.
      const headers = {...req.headers, host: simUrl.host}
      const upstream = request({host: simUrl.hostname, port: simUrl.port, method: req.method, path: req.url, headers}, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      req.pipe(upstream)
    })
    const connectProxy = createServer((_req, res) => res.writeHead(405).end())
    connectProxy.on('connect', (req, client, head) => {
      tunnels.push(req.url ?? '')
      const [host, port] = (req.url ?? '').split(':')
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(client)
        client.pipe(upstream)
      })
      upstream.on('error', () => client.destroy())
    })
    front.on('secureConnection', () => frontConnections++)
    servers.push(front, connectProxy)
    // A name, not an address: TLS sends no server name for an address, and Node warns when asked to.
    api = `https://localhost:${await listen(front)}`
    proxy = `http://127.0.0.1:${await listen(connectProxy)}`
  })
  beforeEach(() => {
    tunnels.length = 0
    frontConnections = 0
  })
  after(() => {
    for (const server of servers) server.closeAllConnections?.()
    for (const server of servers) server.close()
  })

  it('logs in and reports with every API request tunnelled through the proxy', async () => {
    const home = tempCfHome()
    try {
      const env = {CF_HOME: home.cfHome, HTTPS_PROXY: proxy}
      const login = await runCli(['login', '-a', api, '--skip-ssl-validation', '-u', 'admin', '-p', 'admin'], {env})
      assert.equal(login.exitCode, 0, login.stderr)
      const afterLogin = tunnels.length
      const list = await runCli(['segment', 'list'], {env})
      assert.equal(list.exitCode, 0, list.stderr)
      assert.doesNotMatch(login.stderr + list.stderr, /warning/i)
      assert.match(list.stdout, /vpn-east/)
      assert.ok(afterLogin >= 1 && tunnels.length > afterLogin, `a tunnel for each run: ${afterLogin}, then ${tunnels.length}`)
      assert.equal(frontConnections, tunnels.length, 'every connection to the API came through the proxy')
      assert.deepEqual([...new Set(tunnels)], [new URL(api).host], 'the proxy is asked for the API host and nothing else')
    } finally {
      home.cleanup()
    }
  })

  it('remembers a login made with --skip-ssl-validation, as the cf CLI does (SSLDisabled in its config)', async () => {
    const home = tempCfHome()
    try {
      const env = {CF_HOME: home.cfHome}
      const login = await runCli(['login', '-a', api, '--skip-ssl-validation', '-u', 'admin', '-p', 'admin'], {env})
      assert.equal(login.exitCode, 0, login.stderr)
      const list = await runCli(['segment', 'list'], {env})
      assert.equal(list.exitCode, 0, list.stderr)
      assert.match(list.stdout, /vpn-east/)
      const fresh = await runCli(['login', '-a', api, '-u', 'admin', '-p', 'admin'], {env})
      assert.equal(fresh.exitCode, 1, 'a login without the flag verifies the certificate again')
      assert.match(fresh.stderr, /certificate not trusted/)
    } finally {
      home.cleanup()
    }
  })
})
