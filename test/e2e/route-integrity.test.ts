// The built CLI as a user runs it: a route whose route service no longer leads to the proxy is reported stale
// (never protected) until `route-service deploy` repoints it, and the proxy's own route cannot be protected.
import assert from 'node:assert/strict'

import {createCfClientFromConfig} from '../../src/cf/index.js'
import {parseEnvelope, runCli} from '../helpers/cli.js'
import {useLoggedInHome, useSimulator, writesIn} from '../helpers/sim.js'

interface Listed {
  routes: {url: string; status: string; protected: boolean; stale: {routeServiceUrl: string; proxyUrl: string} | null}[]
}

describe('e2e: route protection is never lost silently', function () {
  this.timeout(60_000)
  const sim = useSimulator({deploymentStepMs: 5, stagingDelayMs: 5, jobDelayMs: 5})
  const home = useLoggedInHome(sim)
  const cgx = (args: string[]) => runCli(args, {env: home()})
  let proxyUrl = ''

  before(async () => {
    const deployed = parseEnvelope<{url: string}>(
      await cgx(['route-service', 'deploy', '-o', 'agency-a', '-s', 'route-services', '--json']),
    )
    proxyUrl = deployed.result.url
    assert.equal((await cgx(['route-allow', 'add', 'api.agency-a.gov/v1', '--allow', '203.0.113.0/24'])).exitCode, 0)
  })

  it('an instance pointed elsewhere by hand: list says stale with both URLs; deploy repoints it and says so', async () => {
    const cf = await createCfClientFromConfig({env: home(), trace: 'false'})
    const [instance] = await cf.serviceInstances.listAll({names: ['cgx-allowlist']})
    await cf.serviceInstances.update(instance.guid, {route_service_url: 'https://someone-elses.app.cloud.gov'})
    cf.close()
    const listed = parseEnvelope<Listed>(await cgx(['route-allow', 'list', '-o', 'agency-a', '--json'])).result.routes
    assert.deepEqual(
      listed.map((r) => [r.url, r.status, r.protected, r.stale?.routeServiceUrl, r.stale?.proxyUrl]),
      [['api.agency-a.gov/v1', 'stale', false, 'https://someone-elses.app.cloud.gov', proxyUrl]],
    )
    const shown = await cgx(['route-allow', 'show', 'api.agency-a.gov/v1'])
    assert.match(shown.stdout, /status\tstale/)
    const deployed = await cgx(['route-service', 'deploy', '-o', 'agency-a', '-s', 'route-services'])
    assert.equal(deployed.exitCode, 0, deployed.stderr)
    assert.match(deployed.stdout, new RegExp(`repointed\\t1 route service instance\\(s\\) now point at ${proxyUrl}`))
    const after = parseEnvelope<Listed>(await cgx(['route-allow', 'list', '-o', 'agency-a', '--json'])).result.routes
    assert.deepEqual(
      after.map((r) => r.status),
      ['protected'],
    )
  })

  it("refuses to put the proxy's own route behind the proxy, and writes nothing", async () => {
    sim().journal.clear()
    const result = await cgx(['route-allow', 'add', proxyUrl.replace('https://', ''), '--allow', '203.0.113.0/24', '--json'])
    const envelope = parseEnvelope(result)
    assert.deepEqual([result.exitCode, envelope.error?.code], [1, 'ROUTE_IS_PROXY'])
    assert.deepEqual(writesIn(sim()), [])
  })
})
