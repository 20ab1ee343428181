import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {parseEnvelope, runCli, tempCfHome} from '../helpers/cli.js'
import {useSimulator, writesIn} from '../helpers/sim.js'

type Ranges = {ranges: string[]; foundation: string; source: string; formatted: string; notice: string}

describe('e2e: egress ranges and check', () => {
  const sim = useSimulator()
  let home: ReturnType<typeof tempCfHome>
  const env = (extra: Record<string, string> = {}) => ({CF_HOME: home.cfHome, ...extra})
  const config = (text: string) => {
    const file = path.join(home.cfHome, 'cgx.yml')
    writeFileSync(file, text)
    return {CGX_CONFIG: file}
  }

  beforeEach(() => {
    home = tempCfHome()
  })
  afterEach(() => home.cleanup())

  it("prints cloud.gov's ranges on stdout and the caveat on stderr, without a login", async () => {
    const result = await runCli(['egress', 'ranges', '--api', 'https://api.fr.cloud.gov', '--format', 'nginx'], {env: env()})
    assert.equal(result.exitCode, 0, result.stderr)
    assert.equal(result.stdout, '# cloud.gov egress\nallow 52.222.122.97/32;\nallow 52.222.123.172/32;\ndeny all;\n')
    assert.match(
      result.stderr,
      /^Note: These addresses are shared by every app on cloud\.gov: an IP filter on them proves only that traffic comes from the platform, not from your app\./,
    )
  })

  it('puts the caveat in a notice field under --json, and nothing on stderr', async () => {
    const result = await runCli(['egress', 'ranges', '--api', 'api.fr.cloud.gov', '--json'], {env: env()})
    const envelope = parseEnvelope<Ranges>(result)
    assert.deepEqual(
      {status: envelope.status, ranges: envelope.result.ranges},
      {status: 0, ranges: ['52.222.122.97/32', '52.222.123.172/32']},
    )
    assert.match(envelope.result.notice, /authenticate the client/i)
    assert.equal(result.stderr, '')
  })

  it('--format json is the --json envelope, as in every command; the paste document is --format json-document', async () => {
    const envelope = await runCli(['egress', 'ranges', '--api', 'api.fr.cloud.gov', '--format', 'json'], {env: env()})
    assert.deepEqual(parseEnvelope<Ranges>(envelope).result.ranges, ['52.222.122.97/32', '52.222.123.172/32'])
    const document = await runCli(['egress', 'ranges', '--api', 'api.fr.cloud.gov', '--format', 'json-document'], {env: env()})
    assert.deepEqual(JSON.parse(document.stdout), {label: 'cloud.gov egress', ranges: ['52.222.122.97/32', '52.222.123.172/32']})
  })

  it('check exits 0 for an address in the ranges and 1 for one outside', async () => {
    const inside = await runCli(['egress', 'check', '52.222.122.97', '--api', 'https://api.fr.cloud.gov'], {env: env()})
    assert.equal(inside.exitCode, 0, inside.stderr)
    assert.equal(inside.stdout, '52.222.122.97 is in the egress range 52.222.122.97/32 of cloud.gov.\n')
    const outside = await runCli(['egress', 'check', '203.0.113.9', '--api', 'https://api.fr.cloud.gov', '--json'], {env: env()})
    assert.equal(outside.exitCode, 1)
    const envelope = parseEnvelope<{inside: boolean; range: string | null}>(outside)
    assert.deepEqual([envelope.status, envelope.result.inside, envelope.result.range, envelope.error], [1, false, null, undefined])
  })

  it('uses the logged-in API and the ranges the cgx config gives for it; no request is made', async () => {
    const login = await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin'], {env: env()})
    assert.equal(login.exitCode, 0, login.stderr)
    sim().journal.clear()
    const cgx = config(`foundations:\n  ${sim().url}:\n    egress: [198.51.100.0/24]\n`)
    const result = await runCli(['egress', 'ranges', '--format', 'aws-sg', '--ports', '443'], {env: env(cgx)})
    assert.equal(result.exitCode, 0, result.stderr)
    assert.deepEqual(JSON.parse(result.stdout), [
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{CidrIp: '198.51.100.0/24', Description: '127.0.0.1 egress'}],
        Ipv6Ranges: [],
      },
    ])
    assert.deepEqual(sim().journal.entries(), [])
  })

  it('says how to configure the ranges of an unknown foundation', async () => {
    await runCli(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin'], {env: env()})
    const result = await runCli(['egress', 'ranges'], {env: env()})
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, new RegExp(`Error: cgx does not know the egress ranges of ${sim().url}\\.`))
    assert.match(result.stderr, /\.cgx\/config\.yml, or the file named by CGX_CONFIG/)
    assert.deepEqual(writesIn(sim()), [])
  })

  it('points at the file, line and column of a mistake in the cgx config', async () => {
    const cgx = config('foundations:\n  https://api.fr.cloud.gov:\n    egress: [52.222.122.97/24]\n    egres: []\n')
    const result = await runCli(['egress', 'ranges', '--api', 'https://api.fr.cloud.gov'], {env: env(cgx)})
    assert.equal(result.exitCode, 1)
    assert.match(
      result.stderr,
      /Error: Invalid cgx config: .*cgx\.yml:3:14: egress: "52\.222\.122\.97\/24" has host bits set: the network of 52\.222\.122\.97\/24 is 52\.222\.122\.0\/24/,
    )
    assert.match(result.stderr, /cgx\.yml:4:5: unknown key "egres"/)
    const missing = await runCli(['egress', 'ranges', '--api', 'https://api.fr.cloud.gov'], {
      env: env({CGX_CONFIG: path.join(home.cfHome, 'nope.yml')}),
    })
    assert.match(missing.stderr, /CGX_CONFIG names .*nope\.yml, which does not exist/)
  })
})
