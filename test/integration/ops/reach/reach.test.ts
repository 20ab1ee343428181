import assert from 'node:assert/strict'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {CfClient} from '../../../../src/cf/index.js'
import {InvalidInputError, OpError} from '../../../../src/ops/errors.js'
import {reportReach, type ReachEntry} from '../../../../src/ops/reach/report.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {exampleFoundation} from '../../../helpers/sim.js'
import {apiCalls, type Harness, useHarness} from '../../cf/helpers.js'
import {recordingReporter} from '../segments/helpers.js'

const row = (e: ReachEntry) => `${e.org}/${e.space} ${e.network} ${e.lifecycle} ${e.reachable}`

describe('ops: reach on the example foundation', () => {
  let h: Harness
  let cf: CfClient
  useHarness({seed: exampleFoundation}, (harness, client) => ([h, cf] = [harness, client]))

  it('judges each space against the networks behind its own segment, running and staging apart', async () => {
    const report = await reportReach(cf, {org: 'agency-a', space: 'prod', reporter: silentReporter})
    assert.deepEqual(report.results.map(row), [
      'agency-a/prod 10.10.0.0/16 running yes',
      'agency-a/prod 10.10.0.0/16 staging yes',
      'agency-a/prod 10.20.0.0/16 running yes',
      'agency-a/prod 10.20.0.0/16 staging yes',
    ])
    const running = report.results[0]
    assert.deepEqual(
      running.ports.map((p) => `${p.protocol} ${p.ports}`),
      ['tcp 53,443', 'udp 53'],
    )
    assert.equal(running.reason, "open via 'dns' (global), 'agency-a-vpn' (space)")
    const opening = running.rules.filter((r) => r.outcome === 'opens').map((r) => `${r.group} ${r.binding}: ${r.rule}`)
    assert.deepEqual(opening, ['dns global: tcp 0.0.0.0/0 53', 'dns global: udp 0.0.0.0/0 53', 'agency-a-vpn space: tcp 10.10.0.0/16 443'])
    assert.deepEqual(running.rules.find((r) => r.rule === 'tcp 10.20.0.0/16 5432')?.outcome, 'wrong-destination')
  })

  it('with --network and --port, judges every space and says why the others cannot', async () => {
    const report = await reportReach(cf, {network: '10.10.0.0/16', port: '443', lifecycle: 'running', reporter: silentReporter})
    assert.deepEqual(report.query, {network: '10.10.0.0/16', ports: '443', lifecycles: ['running']})
    assert.deepEqual(report.results.map(row), [
      'agency-a/dev 10.10.0.0/16 running yes',
      'agency-a/prod 10.10.0.0/16 running yes',
      'agency-a/staging 10.10.0.0/16 running partly',
      'agency-b/dev 10.10.0.0/16 running no',
      'agency-b/prod 10.10.0.0/16 running no',
      'agency-c/prod 10.10.0.0/16 running no',
      'cgx-tools/route-services 10.10.0.0/16 running no',
    ])
    assert.equal(report.results[3].reason, "segment 'shared' has no route to 10.10.0.0/16")
    assert.equal(report.results[5].reason, "segment 'vpn-west' has no route to 10.10.0.0/16")
  })

  it('narrows a wider --network to the declared networks inside it; the rest of it is public', async () => {
    const report = await reportReach(cf, {
      org: 'agency-a',
      space: 'prod',
      network: '10.10.0.0/15',
      port: '443',
      lifecycle: 'running',
      reporter: silentReporter,
    })
    assert.deepEqual(
      report.results.map((r) => `${row(r)}${r.public ? ' public' : ''}`),
      ['agency-a/prod 10.10.0.0/16 running yes', 'agency-a/prod 10.11.0.0/16 running no public'],
    )
    assert.match(
      report.results[1].reason,
      /^10\.11\.0\.0\/16 is behind no isolation segment: a public network, reached through the platform's egress; no rule/,
    )
    const subnet = await reportReach(cf, {
      org: 'agency-c',
      network: '172.16.0.0/16',
      port: '443',
      lifecycle: 'running',
      reporter: silentReporter,
    })
    assert.deepEqual(subnet.results.filter((r) => !r.public).map(row), ['agency-c/prod 172.16.0.0/20 running yes'])
    assert.deepEqual(
      subnet.results.filter((r) => r.public).map((r) => r.network),
      ['172.16.16.0/20', '172.16.32.0/19', '172.16.64.0/18', '172.16.128.0/17'],
    )
    const wider = await reportReach(cf, {
      org: 'agency-c',
      network: '172.16.0.0/19',
      port: '8080',
      lifecycle: 'staging',
      reporter: silentReporter,
    })
    assert.deepEqual(wider.results.map(row), ['agency-c/prod 172.16.0.0/20 staging yes', 'agency-c/prod 172.16.16.0/20 staging yes'])
  })

  it('a --network behind no segment is public: judged by the ASGs alone, public egress opens it where bound', async () => {
    const report = await reportReach(cf, {network: '8.8.8.0/24', reporter: silentReporter})
    const verdicts = report.results.map((r) => `${row(r)}${r.dnsOnly ? ' dns-only' : ''}`)
    assert.deepEqual(
      verdicts.filter((v) => v.includes('running')),
      [
        'agency-a/dev 8.8.8.0/24 running yes',
        'agency-a/prod 8.8.8.0/24 running partly dns-only',
        'agency-a/staging 8.8.8.0/24 running partly dns-only',
        'agency-b/dev 8.8.8.0/24 running partly dns-only',
        'agency-b/prod 8.8.8.0/24 running yes',
        'agency-c/prod 8.8.8.0/24 running yes',
        'cgx-tools/route-services 8.8.8.0/24 running yes',
      ],
    )
    assert.ok(report.results.filter((r) => r.lifecycle === 'staging').every((r) => r.reachable === 'yes'))
    assert.ok(report.results.every((r) => r.public && !r.reason.includes('has no route')))
    assert.equal(
      report.results[0].reason,
      "8.8.8.0/24 is behind no isolation segment: a public network, reached through the platform's egress; " +
        "open via 'dns' (global), 'public_networks_egress' (space)",
    )
  })

  it('--fail-if-reachable fails with exit code 3 naming the spaces, and passes once they are allowed', async () => {
    const policy = {failIfReachable: '10.20.0.0/16', port: '5432', lifecycle: 'running' as const, reporter: silentReporter}
    await assert.rejects(reportReach(cf, policy), (error: unknown) => {
      assert.ok(error instanceof OpError)
      assert.equal(error.exitCode, 3)
      assert.equal(error.code, 'REACH_POLICY_VIOLATION')
      assert.equal(error.message, '3 space(s) can reach 10.20.0.0/16: agency-a/dev, agency-a/prod, agency-a/staging.')
      return true
    })
    const allowed = await reportReach(cf, {...policy, allowSpaces: ['agency-a/*']})
    assert.deepEqual(allowed.violations, [])
    // staging's api still runs on shared (no route there): partly, and a violation all the same.
    assert.deepEqual(
      allowed.results.filter((r) => r.reachable !== 'no').map((r) => `${r.space} ${r.reachable}`),
      ['dev yes', 'prod yes', 'staging partly'],
    )
  })

  it('refuses bad input before making any request', async () => {
    const mark = h.sim.journal.entries().length
    const cases: [Parameters<typeof reportReach>[1], RegExp][] = [
      [{network: '10.10.0.1/16', reporter: silentReporter}, /Did you mean --network 10\.10\.0\.0\/16\?/],
      [{port: '443-80', reporter: silentReporter}, /--port/],
      [{network: '0.0.0.0/0', reporter: silentReporter}, /whole address space/],
      [{network: '10.0.0.0/8', failIfReachable: '10.0.0.0/8', reporter: silentReporter}, /give one/],
      [{allowSpaces: ['agency-a/prod'], reporter: silentReporter}, /only makes sense with --fail-if-reachable/],
      [{failIfReachable: '10.0.0.0/8', allowSpaces: ['agency-a'], reporter: silentReporter}, /ORG\/SPACE/],
    ]
    for (const [options, expected] of cases) {
      await assert.rejects(reportReach(cf, options), (error: unknown) => {
        assert.ok(error instanceof InvalidInputError, String(error))
        assert.match([error.message, ...error.suggestions].join(' '), expected)
        return true
      })
    }
    assert.deepEqual(apiCalls(h.sim, mark), [])
  })

  it('reads networks from a local file for segments without the annotation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cgx-reach-'))
    try {
      const file = join(dir, 'networks.yml')
      await writeFile(file, 'segments:\n  vpn-west: [172.16.0.0/19, 192.168.10.0/24]\n')
      const report = await reportReach(cf, {org: 'agency-c', port: '443', lifecycle: 'running', networks: {file}, reporter: silentReporter})
      assert.deepEqual(report.results.map(row), [
        'agency-c/prod 172.16.0.0/19 running partly',
        'agency-c/prod 172.16.0.0/20 running yes',
        'agency-c/prod 192.168.10.0/24 running no',
      ])
      assert.match(report.results[0].reason, /the rules reach only 172\.16\.0\.0\/20/)
      assert.match(report.results[2].reason, /^no rule of the \d running group\(s\) opens 192\.168\.10\.0\/24 on 443/)
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })

  it('without --port, a network only the global DNS rule opens is partly, dns only, with its ports', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cgx-reach-'))
    try {
      const file = join(dir, 'networks.yml')
      await writeFile(file, 'segments:\n  vpn-west: [192.168.50.0/24]\n')
      const report = await reportReach(cf, {org: 'agency-c', networks: {file}, reporter: silentReporter})
      const rows = report.results.filter((r) => r.network === '192.168.50.0/24')
      assert.deepEqual(
        rows.map((r) => `${row(r)} ${r.dnsOnly}`),
        ['agency-c/prod 192.168.50.0/24 running partly true', 'agency-c/prod 192.168.50.0/24 staging yes false'],
      )
      assert.deepEqual(
        rows[0].ports.map((p) => `${p.protocol} ${p.ports}`),
        ['tcp 53', 'udp 53'],
      )
      assert.equal(rows[0].reason, "partly open via 'dns' (global): only DNS (53) gets through")
      const dns = await reportReach(cf, {org: 'agency-c', networks: {file}, port: '53', lifecycle: 'running', reporter: silentReporter})
      assert.deepEqual(
        dns.results.filter((r) => r.network === '192.168.50.0/24').map((r) => `${r.reachable} ${r.dnsOnly}`),
        ['yes false'],
      )
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })

  describe('apps that have not moved yet', () => {
    const staging = {org: 'agency-a', space: 'staging'}

    it('an app still running on shared makes running partly, listed with its segment; staging is judged on vpn-east', async () => {
      const report = await reportReach(cf, {...staging, network: '10.10.0.0/16', port: '443', reporter: silentReporter})
      assert.equal(report.restartChecked, true)
      assert.deepEqual(report.results.map(row), [
        'agency-a/staging 10.10.0.0/16 running partly',
        'agency-a/staging 10.10.0.0/16 staging yes',
      ])
      const [running, stagingRow] = report.results
      assert.deepEqual(
        running.pending.map((p) => `${p.app} ${p.instances} ${p.runningOn.join(',')}`),
        ['api 1 shared'],
      )
      assert.deepEqual(stagingRow.pending, [])
      assert.equal(
        running.reason,
        "on 'vpn-east': open on 443 via 'agency-a-vpn' (space); " +
          "until restarted, app 'api' runs on 'shared' (no: segment 'shared' has no route to 10.10.0.0/16)",
      )
      const stats = apiCalls(h.sim, 0).filter((c) => /\/v3\/processes\/[^/]+\/stats/.test(c))
      assert.ok(stats.length > 0, 'where instances run is read from process stats')
    })

    it('without the restart check: yes, but the running reasons and a warning say every app is assumed moved', async () => {
      const mark = h.sim.journal.entries().length
      const reporter = recordingReporter()
      const report = await reportReach(cf, {...staging, network: '10.10.0.0/16', port: '443', restartCheck: false, reporter})
      assert.equal(report.restartChecked, false)
      assert.deepEqual(report.results.map(row), ['agency-a/staging 10.10.0.0/16 running yes', 'agency-a/staging 10.10.0.0/16 staging yes'])
      assert.equal(
        report.results[0].reason,
        "open on 443 via 'agency-a-vpn' (space); assumes every app runs on 'vpn-east' (restart check skipped)",
      )
      assert.equal(report.results[1].reason, "open on 443 via 'trusted_local_networks_egress' (global)")
      assert.ok(
        reporter.warned.some((w) =>
          /--no-restart-check: running verdicts assume every started app already runs on its space's segment/.test(w),
        ),
        reporter.warned.join('\n'),
      )
      assert.deepEqual(
        apiCalls(h.sim, mark).filter((c) => /\/v3\/(apps|processes)/.test(c)),
        [],
      )
    })

    it('staging alone needs no restart check: no stats read, no warning', async () => {
      const mark = h.sim.journal.entries().length
      const reporter = recordingReporter()
      const report = await reportReach(cf, {...staging, lifecycle: 'staging', reporter})
      assert.deepEqual(report.results.map(row), ['agency-a/staging 10.10.0.0/16 staging yes', 'agency-a/staging 10.20.0.0/16 staging yes'])
      assert.equal(report.restartChecked, false)
      assert.deepEqual(reporter.warned, [])
      assert.deepEqual(
        apiCalls(h.sim, mark).filter((c) => /\/v3\/(apps|processes)/.test(c)),
        [],
      )
    })

    it('without --network, a space is also judged against the networks of the segment its apps still run on', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cgx-reach-'))
      try {
        const file = join(dir, 'networks.yml')
        await writeFile(file, 'segments:\n  shared: [192.0.2.0/24]\n')
        const report = await reportReach(cf, {...staging, lifecycle: 'running', networks: {file}, reporter: silentReporter})
        assert.deepEqual(report.results.map(row), [
          'agency-a/staging 10.10.0.0/16 running partly',
          'agency-a/staging 10.20.0.0/16 running partly',
          'agency-a/staging 192.0.2.0/24 running partly',
        ])
        assert.match(
          report.results[2].reason,
          /^on 'vpn-east': segment 'vpn-east' has no route to 192\.0\.2\.0\/24; until restarted, app 'api' runs on 'shared' \(partly: /,
        )
      } finally {
        await rm(dir, {recursive: true, force: true})
      }
    })
  })
})
