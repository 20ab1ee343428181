// The built CLI: a check's "no" is a result with exit 1 (the envelope's status says the same), a real failure is an
// error, and a network failure says what could not be reached instead of "This is a bug in cgx".
import assert from 'node:assert/strict'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

import {parseEnvelope, runCli, tempCfHome} from '../helpers/cli.js'
import {useLoggedInHome, useSimulator} from '../helpers/sim.js'

const CLOUD_GOV = ['--api', 'https://api.fr.cloud.gov']

describe('e2e: check answers and network failures', function () {
  this.timeout(60_000)
  const sim = useSimulator()
  const env = useLoggedInHome(sim)

  it('egress check: inside exits 0, outside exits 1 with the answer as a result, on stdout or in --json', async () => {
    const inside = parseEnvelope<{inside: boolean; range: string}>(
      await runCli(['egress', 'check', '52.222.122.97', ...CLOUD_GOV, '--json'], {env: env()}),
    )
    assert.deepEqual([inside.status, inside.result.inside, inside.result.range], [0, true, '52.222.122.97/32'])
    const outsideJson = await runCli(['egress', 'check', '203.0.113.9', ...CLOUD_GOV, '--json'], {env: env()})
    const outside = parseEnvelope<{inside: boolean; reason: string}>(outsideJson)
    assert.deepEqual([outsideJson.exitCode, outside.status, outside.result.inside, outside.error], [1, 1, false, undefined])
    assert.match(
      outside.result.reason,
      /^203\.0\.113\.9 is not in the egress ranges of cloud\.gov \(52\.222\.122\.97\/32, 52\.222\.123\.172\/32\)/,
    )
    const human = await runCli(['egress', 'check', '203.0.113.9', ...CLOUD_GOV], {env: env()})
    assert.deepEqual([human.exitCode, human.stdout, human.stderr], [1, `${outside.result.reason}\n`, ''])
  })

  it('route-allow check: an unprotected route lets everyone in (exit 0); what cgx cannot answer is an error', async () => {
    const open = await runCli(['route-allow', 'check', 'www.agency-a.gov', '192.0.2.1', '--json'], {env: env()})
    const envelope = parseEnvelope<{allowed: boolean; reason: string}>(open)
    assert.deepEqual([open.exitCode, envelope.status, envelope.result.allowed], [0, 0, true])
    const cases: Array<[string[], string]> = [
      [['route-allow', 'check', 'static.app.cloud.gov', '192.0.2.1'], 'ROUTE_SERVICE_FOREIGN'],
      [['route-allow', 'check', 'nowhere.agency-a.gov', '192.0.2.1'], 'ROUTE_NOT_FOUND'],
      [['route-allow', 'check', 'www.agency-a.gov', '192.0.2'], 'IP_INVALID'],
    ]
    for (const [args, code] of cases) {
      const result = await runCli([...args, '--json'], {env: env()})
      const failed = parseEnvelope(result)
      assert.deepEqual([result.exitCode, failed.status, failed.error?.code, failed.result], [1, 1, code, undefined], args.join(' '))
    }
  })

  it('login to a closed port says connection refused, names the host and what to check; exit 1', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as AddressInfo
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const home = tempCfHome()
    try {
      const api = `http://127.0.0.1:${port}`
      const json = await runCli(['login', '-a', api, '-u', 'admin', '-p', 'admin-password', '--json'], {env: {CF_HOME: home.cfHome}})
      const envelope = parseEnvelope(json)
      assert.deepEqual([json.exitCode, envelope.status, envelope.error?.code], [1, 1, 'NETWORK_UNREACHABLE'])
      assert.equal(envelope.error?.message, `Cannot reach the API at 127.0.0.1:${port}: connection refused (GET ${api}/).`)
      const human = await runCli(['login', '-a', api, '-u', 'admin', '-p', 'admin-password'], {env: {CF_HOME: home.cfHome}})
      assert.equal(human.exitCode, 1)
      assert.match(
        human.stderr,
        /Error: Cannot reach the API at 127\.0\.0\.1:\d+: connection refused .*\n\s+Check the API URL: `cgx login -a API_URL` sets it\.\n\s+Check your network, VPN or proxy/,
      )
      assert.doesNotMatch(human.stderr + json.stdout, /bug in cgx|admin-password/)
    } finally {
      home.cleanup()
    }
  })

  it('login to a name under .invalid says the host does not resolve (NETWORK_DNS)', async () => {
    const home = tempCfHome()
    try {
      const result = await runCli(['login', '-a', 'https://api.cgx-test.invalid', '-u', 'admin', '-p', 'admin', '--json'], {
        env: {CF_HOME: home.cfHome},
      })
      const envelope = parseEnvelope(result)
      assert.deepEqual([result.exitCode, envelope.error?.code], [1, 'NETWORK_DNS'])
      assert.match(envelope.error?.message ?? '', /^Cannot reach the API at api\.cgx-test\.invalid: /)
    } finally {
      home.cleanup()
    }
  })
})
