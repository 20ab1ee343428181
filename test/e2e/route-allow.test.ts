// The built CLI against the simulator: deploy the proxy, protect a route, then run the proxy locally with the
// environment deploy and add left in the simulated app, and send it requests with real and spoofed chains.
import assert from 'node:assert/strict'

import {parseEnvelope, runCli, tempCfHome} from '../helpers/cli.js'
import {useSimulator, writesIn} from '../helpers/sim.js'
import {serveProxy} from './route-service-serve.test.js'

describe('e2e: cgx route-service deploy and cgx route-allow', function () {
  this.timeout(60_000)
  const sim = useSimulator()
  let home: ReturnType<typeof tempCfHome>
  const cgx = (args: string[]) => runCli(args, {env: {CF_HOME: home.cfHome}})

  before(async () => {
    home = tempCfHome()
    const login = await cgx(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin', '-o', 'agency-a'])
    assert.equal(login.exitCode, 0, login.stderr)
  })
  after(() => home.cleanup())

  it('says how to deploy the proxy when there is none, and writes nothing', async () => {
    sim().journal.clear()
    const result = await cgx(['route-allow', 'add', 'api.agency-a.gov/v1', '--allow', '203.0.113.0/24'])
    assert.equal(result.exitCode, 1)
    assert.match(
      result.stderr,
      /Org 'agency-a' has no allowlist route service yet\.\n\s+Run `cgx route-service deploy --org agency-a --space SPACE`/,
    )
    assert.deepEqual(writesIn(sim()), [])
  })

  it('deploys the proxy and says which egress its new space lacks', async () => {
    const result = await cgx(['route-service', 'deploy', '--space', 'route-services', '--json'])
    const envelope = parseEnvelope<{url: string; app: {name: string}; hops: string; changes: string[]}>(result)
    assert.equal(envelope.status, 0, result.stderr)
    assert.match(envelope.result.url, /^https:\/\/cgx-allowlist-[0-9a-f]{16}\.app\.cloud\.gov$/)
    assert.deepEqual([envelope.result.app.name, envelope.result.hops], ['cgx-allowlist-proxy', 'local'])
    assert.ok(envelope.result.changes.includes('created space route-services'))
    assert.match(
      envelope.warnings.join('\n'),
      /lacks public .* egress.*bind-security-group public_networks_egress agency-a --space route-services/,
    )
    const app = sim()
      .store.tables.apps.all()
      .find((a) => a.name === 'cgx-allowlist-proxy')!
    assert.equal(app.state, 'STARTED')
  })

  it("protects a route; the proxy run with the app's environment lets the real client in and denies a spoofed one", async () => {
    const added = await cgx(['route-allow', 'add', 'api.agency-a.gov/v1', '--allow', '203.0.113.0/24'])
    assert.equal(added.exitCode, 0, added.stderr)
    assert.match(added.stdout, /^route\tapi\.agency-a\.gov\/v1\n/)
    assert.match(added.stdout, /\nprotected\tyes\nallow\t203\.0\.113\.0\/24\n/)
    assert.match(added.stderr, /Rolling deployment of cgx-allowlist-proxy started/)
    const app = sim()
      .store.tables.apps.all()
      .find((a) => a.name === 'cgx-allowlist-proxy')!
    const proxy = await serveProxy({...app.environment_variables})
    try {
      const send = (forwardedFor: string, url = 'https://api.agency-a.gov/v1/orders?id=7') =>
        fetch(`http://127.0.0.1:${proxy.port}/`, {
          headers: {
            'x-cf-forwarded-url': url,
            'x-cf-proxy-signature': 'sig',
            'x-cf-proxy-metadata': 'meta',
            'x-forwarded-for': forwardedFor,
          },
        })
      // Allowed requests are forwarded: the route's host does not resolve here, so the answer is a gateway error.
      assert.equal((await send('203.0.113.9')).status, 502)
      assert.equal((await send('203.0.113.9, 192.0.2.66')).status, 403, 'the client is the right-most entry, not the left-most')
      assert.equal((await send('192.0.2.66')).status, 403)
      assert.equal((await send('203.0.113.9', 'https://api.agency-a.gov/v2')).status, 403, 'a path the policy does not name')
    } finally {
      await proxy.stop()
    }
    const events = proxy.lines().filter((line) => line.event === 'deny' || line.event === 'upstream-error')
    assert.equal(events.find((line) => line.event === 'upstream-error')?.error, 'ENOTFOUND', 'the Node engine names the cause')
    assert.deepEqual(
      events.map((line) => [line.event, line.reason ?? line.error, line.client ?? line.route]),
      [
        ['upstream-error', 'upstream-unreachable', 'api.agency-a.gov/v1'],
        ['deny', 'address-not-allowed', '192.0.2.66'],
        ['deny', 'address-not-allowed', '192.0.2.66'],
        ['deny', 'route-not-in-policy', 'api.agency-a.gov'],
      ],
    )
  })

  it('lists, shows and checks the route', async () => {
    const list = parseEnvelope<{routes: Array<Record<string, unknown>>}>(await cgx(['route-allow', 'list', '--all-routes', '--json']))
    const v1 = list.result.routes.find((r) => r.url === 'api.agency-a.gov/v1')!
    assert.deepEqual([v1.org, v1.space, v1.protected, v1.status, v1.allow], ['agency-a', 'prod', true, 'protected', ['203.0.113.0/24']])
    const statuses = Object.fromEntries(list.result.routes.map((r) => [r.url, r.status]))
    assert.deepEqual([statuses['static.app.cloud.gov'], statuses['www.agency-a.gov']], ['foreign', 'unprotected'])
    const inside = await cgx(['route-allow', 'check', 'api.agency-a.gov/v1', '203.0.113.200'])
    assert.deepEqual([inside.exitCode, inside.stdout], [0, 'allowed: 203.0.113.200 is in the allow list of api.agency-a.gov/v1.\n'])
    const outside = await cgx(['route-allow', 'check', 'api.agency-a.gov/v1', '192.0.2.1'])
    assert.deepEqual(
      [outside.exitCode, outside.stdout, outside.stderr],
      [1, 'denied: 192.0.2.1 is not in the allow list of api.agency-a.gov/v1 (203.0.113.0/24).\n', ''],
    )
    const json = parseEnvelope<{allowed: boolean; allow: string[]; reason: string}>(
      await cgx(['route-allow', 'check', 'api.agency-a.gov/v1', '192.0.2.1', '--json']),
    )
    assert.deepEqual([json.status, json.result.allowed, json.result.allow, json.error], [1, false, ['203.0.113.0/24'], undefined])
    const show = await cgx(['route-allow', 'show', 'api.agency-a.gov/v1'])
    assert.match(show.stdout, /status\tprotected\n/)
  })

  it('refuses bad input with a clear error, exit 1, and no write', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['route-allow', 'add', 'api.agency-a.gov/v2', '--allow', '203.0.113.0/24'],
        /Route 'api\.agency-a\.gov\/v2' not found\.\n\s+Did you mean 'api\.agency-a\.gov\/v1'/,
      ],
      [['route-allow', 'add', 'api.agency-a.gov/v1', '--allow', '10.0.0.1/8'], /has host bits set.*\n\s+Did you mean 10\.0\.0\.0\/8\?/],
      [
        ['route-allow', 'add', 'api.agency-a.gov/v1', '--allow', '0.0.0.0/0'],
        /0\.0\.0\.0\/0 covers all of IPv4, which is no allowlist at all.*\n[\s\S]*Pass --force/,
      ],
      [
        ['route-allow', 'add', 'api.agency-a.gov/v1', '--allow', '0.0.0.0/1,128.0.0.0/1'],
        /0\.0\.0\.0\/1 and 128\.0\.0\.0\/1 together cover all of IPv4, which is no allowlist at all\.\n\s+Allow only the ranges your clients use: a list may cover less than 1\/16 of IPv4 and of IPv6 2000::\/3\.\n\s+Pass --force/,
      ],
      [
        ['route-allow', 'add', 'api.agency-a.gov/v1', '--allow', '203.0.113.0/24', '--header-secret-from-env', 'NOT_SET_ANYWHERE'],
        /NOT_SET_ANYWHERE is not set/,
      ],
      [
        ['route-allow', 'remove', 'api.agency-a.gov/v1', '--all'],
        /Nothing changed: api\.agency-a\.gov\/v1 is still protected\.\n\s+Pass --force/,
      ],
      [
        ['route-allow', 'add', 'static.app.cloud.gov', '--allow', '203.0.113.0/24'],
        /bound to another route service, 'allowlist'.*\n\s+Pass --replace/,
      ],
    ]
    for (const [args, expected] of cases) {
      sim().journal.clear()
      const result = await cgx(args)
      assert.equal(result.exitCode, 1, `${args.join(' ')}: ${result.stderr}`)
      assert.match(result.stderr, expected)
      assert.deepEqual(writesIn(sim()), [], args.join(' '))
    }
  })

  it('judges an add with what the route already allows: a /5 now and a /5 later are 1/16 of IPv4', async () => {
    const first = await cgx(['route-allow', 'add', 'api.agency-a.gov/v1', '--allow', '16.0.0.0/5'])
    assert.equal(first.exitCode, 0, first.stderr)
    sim().journal.clear()
    const second = await cgx(['route-allow', 'add', 'api.agency-a.gov/v1', '--allow', '24.0.0.0/5'])
    assert.equal(second.exitCode, 1)
    assert.match(
      second.stderr,
      /The allow list of api\.agency-a\.gov\/v1 with 24\.0\.0\.0\/5 added is as open as \/0: 16\.0\.0\.0\/5, 24\.0\.0\.0\/5 and 203\.0\.113\.0\/24 together cover 6\.25% of IPv4/,
    )
    assert.deepEqual(writesIn(sim()), [])
    const undone = await cgx(['route-allow', 'remove', 'api.agency-a.gov/v1', '--allow', '16.0.0.0/5'])
    assert.equal(undone.exitCode, 0, undone.stderr)
  })

  it('refuses the split /0 with its code in --json, and takes it with --force and a warning', async () => {
    sim().journal.clear()
    const refused = parseEnvelope(await cgx(['route-allow', 'add', 'api.agency-a.gov/v1', '--allow', '0.0.0.0/1,128.0.0.0/1', '--json']))
    assert.deepEqual([refused.status, refused.error?.code], [1, 'CIDR_WHOLE_SPACE'])
    assert.deepEqual(sim().journal.entries(), [], 'judged before any request')
    const forced = await cgx(['route-allow', 'add', 'api.agency-a.gov/v1', '--allow', '0.0.0.0/1,128.0.0.0/1', '--force'])
    assert.equal(forced.exitCode, 0, forced.stderr)
    assert.match(
      forced.stderr,
      /api\.agency-a\.gov\/v1 is as open as \/0: 0\.0\.0\.0\/1, 128\.0\.0\.0\/1 and 203\.0\.113\.0\/24 together cover all of IPv4\./,
    )
    const app = sim()
      .store.tables.apps.all()
      .find((a) => a.name === 'cgx-allowlist-proxy')!
    assert.equal(app.environment_variables.CGX_ALLOW_WHOLE_SPACE, 'true', 'the proxy is told to start with it')
  })

  it('without a login: a clear error, exit 1, no request', async () => {
    const empty = tempCfHome()
    try {
      sim().journal.clear()
      const result = await runCli(['route-allow', 'list'], {env: {CF_HOME: empty.cfHome}})
      assert.equal(result.exitCode, 1)
      assert.match(result.stderr, /No API endpoint is set\.\n {2}Run `cgx login -a API`/)
      assert.deepEqual(sim().journal.entries(), [])
    } finally {
      empty.cleanup()
    }
  })

  it('remove --all --force makes the route public again', async () => {
    const result = parseEnvelope<{protected: boolean; allow: string[]}>(
      await cgx(['route-allow', 'remove', 'api.agency-a.gov/v1', '--all', '--force', '--json']),
    )
    assert.deepEqual([result.status, result.result.protected, result.result.allow], [0, false, []])
    const route = sim()
      .store.tables.routes.all()
      .find((r) => r.path === '/v1')!
    assert.equal(sim().router.get(route.guid)!.routeServiceUrl, null)
  })
})
