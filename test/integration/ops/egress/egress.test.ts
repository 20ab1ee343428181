import assert from 'node:assert/strict'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {login} from '../../../../src/cf/index.js'
import {emptyCgxConfig} from '../../../../src/cli/cgx-config.js'
import {parseCgxConfig} from '../../../../src/cli/cgx-config-file.js'
import {checkEgressIp} from '../../../../src/ops/egress/check.js'
import {egressRanges} from '../../../../src/ops/egress/ranges.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {useSimulator} from '../../../helpers/sim.js'
import {recordingReporter} from '../segments/helpers.js'

describe("ops/egress: the foundation's egress ranges", () => {
  const sim = useSimulator()
  const noSettings = emptyCgxConfig('/home/me/.cgx/config.yml')
  const CLOUD_GOV = 'https://api.fr.cloud.gov'
  let home: string
  const env = () => ({HOME: home})

  before(() => {
    home = mkdtempSync(path.join(tmpdir(), 'cgx-egress-'))
  })
  after(() => rmSync(home, {recursive: true, force: true}))

  it("knows cloud.gov's ranges and says that they identify the platform, not the app", async () => {
    const reporter = recordingReporter()
    const result = await egressRanges({api: 'api.fr.cloud.gov/', env: env(), settings: noSettings}, reporter)
    assert.deepEqual(
      {api: result.api, foundation: result.foundation, ranges: result.ranges, format: result.format, ports: result.ports},
      {api: CLOUD_GOV, foundation: 'cloud.gov', ranges: ['52.222.122.97/32', '52.222.123.172/32'], format: 'plain', ports: 'all traffic'},
    )
    assert.equal(result.formatted, '52.222.122.97/32\n52.222.123.172/32\n')
    assert.equal(result.source, 'https://cloud.gov/docs/management/static-egress/')
    assert.match(result.notice, /proves only that traffic comes from the platform, not from your app/)
    assert.deepEqual(reporter.progressed, [`Note: ${result.notice}`])
  })

  it('formats for a firewall, with the ports asked for', async () => {
    const result = await egressRanges(
      {api: CLOUD_GOV, env: env(), settings: noSettings, format: 'iptables', ports: '443,8443'},
      silentReporter,
    )
    assert.equal(
      result.formatted,
      [
        '# cloud.gov egress',
        'iptables -A INPUT -s 52.222.122.97/32 -p tcp --dport 443 -j ACCEPT',
        'iptables -A INPUT -s 52.222.122.97/32 -p tcp --dport 8443 -j ACCEPT',
        'iptables -A INPUT -s 52.222.123.172/32 -p tcp --dport 443 -j ACCEPT',
        'iptables -A INPUT -s 52.222.123.172/32 -p tcp --dport 8443 -j ACCEPT',
        '',
      ].join('\n'),
    )
    assert.equal(result.ports, 'tcp 443,8443')
    await assert.rejects(egressRanges({api: CLOUD_GOV, env: env(), settings: noSettings, ports: '443-80'}, silentReporter), {
      code: 'PORTS_INVALID',
      suggestions: ['Did you mean --ports 80-443?'],
    })
    await assert.rejects(egressRanges({api: CLOUD_GOV, env: env(), settings: noSettings, format: 'xml'}, silentReporter), {
      code: 'EGRESS_FORMAT_INVALID',
      suggestions: ['Use one of: plain, json-document, csv, nginx, iptables, aws-sg.'],
    })
  })

  it('refuses --ports with a form that lists ranges only, rather than dropping them', async () => {
    for (const format of [undefined, 'plain', 'csv', 'nginx', 'json-document']) {
      await assert.rejects(egressRanges({api: CLOUD_GOV, env: env(), settings: noSettings, format, ports: '443'}, silentReporter), {
        code: 'USAGE',
        message: `--ports applies to --format iptables or --format aws-sg; the ${format ?? 'plain'} form lists ranges without ports.`,
      })
    }
  })

  it('takes the API from the cf login, and the ranges from the cgx config for it', async () => {
    await login({api: sim().url, credentials: {username: 'admin', password: 'admin'}, env: env()})
    await assert.rejects(
      egressRanges({env: env(), settings: noSettings}, silentReporter),
      (error: {code: string; message: string; suggestions: string[]}) =>
        error.code === 'EGRESS_RANGES_UNKNOWN' &&
        error.message.includes(sim().url) &&
        error.suggestions.some((s) => s.includes('/home/me/.cgx/config.yml')) &&
        error.suggestions.some((s) => s.includes(`foundations: {${sim().url}: {egress:`)),
    )
    const settings = parseCgxConfig(`foundations:\n  ${sim().url}/:\n    egress: [198.51.100.0/24, 2001:db8::/48]\n`, '/etc/cgx.yml')
    const result = await egressRanges({env: env(), settings, format: 'csv'}, silentReporter)
    assert.deepEqual(
      {foundation: result.foundation, source: result.source, ranges: result.ranges},
      {foundation: '127.0.0.1', source: '/etc/cgx.yml', ranges: ['198.51.100.0/24', '2001:db8::/48']},
    )
    assert.match(result.formatted, /^cidr,family,first,last\r\n198\.51\.100\.0\/24,ipv4,198\.51\.100\.0,198\.51\.100\.255\r\n/)
  })

  it('checks an address: inside gives the range, outside is an answer naming the ranges; only a bad address is an error', async () => {
    const inside = await checkEgressIp({api: CLOUD_GOV, env: env(), settings: noSettings, ip: '::ffff:52.222.123.172'}, silentReporter)
    assert.deepEqual(
      {ip: inside.ip, inside: inside.inside, range: inside.range, reason: inside.reason},
      {
        ip: '::ffff:52.222.123.172',
        inside: true,
        range: '52.222.123.172/32',
        reason: '::ffff:52.222.123.172 is in the egress range 52.222.123.172/32 of cloud.gov.',
      },
    )
    const outside = await checkEgressIp({api: CLOUD_GOV, env: env(), settings: noSettings, ip: '52.222.122.98'}, silentReporter)
    assert.deepEqual(
      {inside: outside.inside, range: outside.range, ranges: outside.ranges, reason: outside.reason},
      {
        inside: false,
        range: null,
        ranges: ['52.222.122.97/32', '52.222.123.172/32'],
        reason:
          '52.222.122.98 is not in the egress ranges of cloud.gov (52.222.122.97/32, 52.222.123.172/32): traffic from it does not come from the platform.',
      },
    )
    await assert.rejects(checkEgressIp({api: CLOUD_GOV, env: env(), settings: noSettings, ip: '52.222.122'}, silentReporter), {
      code: 'IP_INVALID',
    })
  })

  it('says how to choose an API when there is neither --api nor a login', async () => {
    const nowhere = {HOME: path.join(home, 'nobody')}
    await assert.rejects(egressRanges({env: nowhere, settings: noSettings}, silentReporter), {
      code: 'NO_API',
      suggestions: ['Pass --api URL (e.g. --api https://api.fr.cloud.gov), or run `cgx login -a API_URL`.'],
    })
    await assert.rejects(egressRanges({api: 'api example gov', env: nowhere, settings: noSettings}, silentReporter), {
      code: 'API_URL_INVALID',
    })
  })
})
