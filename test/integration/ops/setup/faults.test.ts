import assert from 'node:assert/strict'
import path from 'node:path'

import {OpError} from '../../../../src/ops/errors.js'
import {deployRouteService} from '../../../../src/ops/route-service/deploy.js'
import {applySetup, planSetup} from '../../../../src/ops/setup/index.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {assertNeverMoreOpen, exposureOf, exposureText, watchRoutes} from '../../../helpers/router-invariants.js'
import {writesIn} from '../../../helpers/sim.js'
import {fakeBundle, poll} from '../route-service/helpers.js'
import {allowlistsYaml, FAST_ROLLOUTS, recordingReporter, routeGuid, useSetupFoundation} from './helpers.js'

const NEW_ORGS = `
isolation_segments:
  vpn-south:
    networks: [10.30.0.0/16]
    orgs: [agency-e, agency-f]
security_groups:
  south-db:
    rules: [{protocol: tcp, destination: 10.30.1.0/24, ports: "5432"}]
orgs:
  agency-e:
    default_segment: vpn-south
    spaces:
      prod: {security_groups: {running: [south-db, dns]}}
      dev: {}
  agency-f:
    spaces:
      prod: {segment: vpn-south, security_groups: {running: [south-db], staging: [south-db]}}
`

async function failure(promise: Promise<unknown>): Promise<OpError> {
  try {
    await promise
  } catch (error) {
    assert.ok(error instanceof OpError, String(error))
    return error
  }
  assert.fail('expected a failure')
}

describe('ops/setup: faults, stops and resumes', () => {
  const f = useSetupFoundation()
  afterEach(() => f.sim().faults.clear())

  it('converges with 20% of requests failing (5xx, 429, resets), with no duplicate creates', async () => {
    const cf = await f.client()
    const file = f.file('new-orgs.yml', NEW_ORGS)
    f.sim().faults.setRandom({rate: 0.2, kinds: ['5xx', '429', 'reset'], seed: 7})
    let runs = 0
    for (; runs < 8; runs++) {
      const result = await applySetup(cf, {file}, silentReporter).catch(() => undefined)
      if (result?.status === 'no-changes') break
    }
    f.sim().faults.clear()
    assert.ok(runs < 8, 'apply converged')
    const tables = f.sim().store.tables
    const count = (rows: {name: string}[], name: string) => rows.filter((row) => row.name === name).length
    assert.deepEqual(
      [
        count(tables.orgs.all(), 'agency-e'),
        count(tables.orgs.all(), 'agency-f'),
        count(tables.segments.all(), 'vpn-south'),
        count(tables.securityGroups.all(), 'south-db'),
      ],
      [1, 1, 1, 1],
    )
    assert.equal(tables.spaces.all().filter((s) => s.name === 'prod').length, 5)
    const plan = await planSetup(cf, {file}, silentReporter)
    assert.equal(plan.changes.filter((c) => c.action !== 'no-op').length, 0)
  })

  it('stops at the first failure saying what was done and not done; the next apply carries on', async () => {
    const cf = await f.client()
    const file = f.file(
      'two-spaces.yml',
      'orgs:\n  agency-b:\n    spaces:\n      qa: {}\n      perf: {security_groups: {running: [dns]}}\n',
    )
    f.sim().faults.inject({method: 'POST', path: '^/v3/spaces$', status: 500, times: 10})
    f.sim().journal.clear()
    const stopped = await failure(applySetup(cf, {file}, silentReporter))
    assert.equal(stopped.code, 'APPLY_STOPPED')
    assert.match(stopped.message, /^Apply stopped at "create space agency-b\/qa" \(org\.agency-b\.space\.qa\)/)
    assert.deepEqual(stopped.suggestions.slice(0, 2), [
      'Done (0): nothing.',
      'Not done (3): create space agency-b/qa; create space agency-b/perf; bind dns to agency-b/perf (running).',
    ])
    assert.equal(
      f
        .sim()
        .store.tables.spaces.all()
        .filter((s) => s.name === 'qa').length,
      0,
    )
    f.sim().faults.clear()
    const resumed = await applySetup(cf, {file}, silentReporter)
    assert.deepEqual(resumed.applied, ['org.agency-b.space.qa', 'org.agency-b.space.perf'])
  })

  it('re-reads after a POST whose answer was lost instead of creating twice', async () => {
    const cf = await f.client()
    const file = f.file(
      'one-group.yml',
      'security_groups:\n  lost-answer:\n    rules: [{protocol: tcp, destination: 10.9.0.0/16, ports: "443"}]\n',
    )
    f.sim().faults.inject({method: 'POST', path: '^/v3/security_groups$', reset: true, times: 1})
    f.sim().journal.clear()
    const result = await applySetup(cf, {file}, silentReporter)
    assert.equal(result.status, 'applied')
    const calls = f
      .sim()
      .journal.entries()
      .filter((e) => e.path === '/v3/security_groups')
      .map((e) => `${e.method} ${e.query.includes('names=lost-answer') ? 'by name' : ''}`.trim())
    assert.deepEqual(calls.slice(-3), ['POST', 'GET by name', 'POST'])
    assert.equal(
      f
        .sim()
        .store.tables.securityGroups.all()
        .filter((g) => g.name === 'lost-answer').length,
      1,
    )
  })

  it('reports every problem of a bad file at once, with line and column, and writes nothing', async () => {
    const cf = await f.client()
    const file = f.file(
      'bad.yml',
      [
        'isolation_segments:',
        '  vpn-east:',
        '    networks: [10.10.0.1/16]',
        'security_groups:',
        '  web:',
        '    rules: [{protocol: tcp, destination: 10.0.0.0/8, ports: "443", colour: red}]',
        'orgs:',
        '  agency-a:',
        '    default_segment: vpn-eats',
        '    spaces:',
        '      prod: {security_groups: {running: [agency-a-vnp]}}',
        'route_allowlist: {}',
      ].join('\n'),
    )
    f.sim().journal.clear()
    const invalid = await failure(planSetup(cf, {file}, silentReporter))
    assert.equal(invalid.code, 'SETUP_FILE_INVALID')
    assert.match(invalid.message, /has 5 problems; nothing was changed/)
    const at = (line: string) => line.replace(`${file}:`, '')
    assert.deepEqual(invalid.suggestions.slice(0, 5).map(at), [
      '3:16: "10.10.0.1/16" has host bits set: the network of 10.10.0.1/16 is 10.10.0.0/16 (did you mean 10.10.0.0/16?)',
      '6:68: unknown key "colour" in security_groups.web.rules[0]; expected protocol, destination, ports, type, code, description, log',
      '9:22: isolation segment "vpn-eats" is not in the file and does not exist on the foundation; did you mean "vpn-east"?',
      '11:42: security group "agency-a-vnp" is not in the file and does not exist on the foundation; did you mean "agency-a-vpn" or "agency-c-vpn"?',
      '12:1: unknown key "route_allowlist" in the file; did you mean "route_allowlists"?',
    ])
    assert.deepEqual(writesIn(f.sim()), [])
  })

  it('says why a setup file cannot be read, in words, before reading the foundation', async () => {
    const cf = await f.client()
    const reporter = recordingReporter()
    f.sim().journal.clear()
    const missing = await failure(planSetup(cf, {file: f.file('x.yml', '') + '.missing'}, reporter))
    assert.equal(missing.code, 'SETUP_FILE_UNREADABLE')
    assert.match(missing.message, /^Cannot read the setup file \S+x\.yml\.missing: no such file\.$/)
    const directory = await failure(planSetup(cf, {file: path.dirname(f.file('y.yml', ''))}, reporter))
    assert.match(directory.message, /: it is a directory\.$/)
    assert.deepEqual([reporter.progressed, f.sim().journal.entries().length], [[], 0])
  })

  it('refuses a file not shaped like a setup file before any request, without warning that it names nothing', async () => {
    const cf = await f.client()
    const cases: Array<[string, string, RegExp]> = [
      ['number.yml', 'orgs: 5\n', /:1:7: orgs must be a mapping/],
      ['list.yml', '- orgs\n- spaces\n', /:1:1: the file must be a mapping/],
      ['junk.yml', '\u0000\u0001\u00ff\u0007binary\n', /:1:1: /],
      ['entry.yml', 'orgs:\n  agency-a: [dev]\n', /:2:13: orgs\.agency-a must be a mapping/],
    ]
    for (const [name, text, where] of cases) {
      const reporter = recordingReporter()
      f.sim().journal.clear()
      const invalid = await failure(planSetup(cf, {file: f.file(name, text)}, reporter))
      assert.equal(invalid.code, 'SETUP_FILE_INVALID', name)
      assert.match(invalid.suggestions[0], where, name)
      assert.deepEqual([reporter.progressed, reporter.warned, f.sim().journal.entries().length], [[], [], 0], name)
    }
  })

  it('warns that an empty setup file has nothing to compare', async () => {
    const reporter = recordingReporter()
    const plan = await planSetup(await f.client(), {file: f.file('empty.yml', '# nothing yet\n')}, reporter)
    assert.deepEqual(plan.changes, [])
    assert.match(reporter.warned.join('\n'), /empty\.yml names no segments, security groups, orgs or route allowlists/)
  })

  it('refuses a file written for another foundation', async () => {
    const cf = await f.client()
    const invalid = await failure(planSetup(cf, {file: f.file('other.yml', 'api: https://api.fr.cloud.gov\norgs: {}\n')}, silentReporter))
    assert.match(
      invalid.suggestions[0],
      /:1:6: this file is for https:\/\/api\.fr\.cloud\.gov, but you are logged in to http:\/\/127\.0\.0\.1:\d+/,
    )
  })
})

describe('ops/setup: route allowlists with 20% of requests failing', function () {
  this.timeout(60_000)
  const f = useSetupFoundation(FAST_ROLLOUTS)

  it('converges, never leaving a route more open than before or after, with one instance per space and one binding per route', async () => {
    const cf = await f.client()
    await deployRouteService(cf, {org: 'agency-a', space: 'route-services', api: f.sim().url, bundle: fakeBundle(), poll}, silentReporter)
    await applySetup(
      cf,
      {
        file: f.file('first.yml', allowlistsYaml({'api.agency-a.gov/v1': ['203.0.113.0/24'], 'www.agency-a.gov': ['198.51.100.0/24']})),
        poll,
      },
      silentReporter,
    )
    const routes = ['api.agency-a.gov/v1', 'www.agency-a.gov', 'api.app.cloud.gov', 'api-staging.app.cloud.gov']
    const guids = routes.map((url) => routeGuid(f.sim(), url))
    const before = guids.map((guid) => exposureOf(f.sim(), guid))
    const file = f.file(
      'faulty.yml',
      allowlistsYaml({
        'api.agency-a.gov/v1': ['203.0.113.0/25'],
        'www.agency-a.gov': ['198.51.100.0/24', '192.0.2.0/24'],
        'api.app.cloud.gov': ['192.0.2.0/24'],
        'api-staging.app.cloud.gov': ['192.0.2.0/24'],
      }),
    )
    const watch = watchRoutes(f.sim(), guids)
    f.sim().faults.setRandom({rate: 0.2, kinds: ['5xx', '429', 'reset'], seed: 11})
    let runs = 0
    for (; runs < 10; runs++) {
      const result = await applySetup(cf, {file, poll}, silentReporter).catch(() => undefined)
      if (result?.status === 'no-changes') break
    }
    f.sim().faults.clear()
    watch.stop()
    assert.ok(runs < 10, 'apply converged')
    for (const [i, guid] of guids.entries()) assertNeverMoreOpen(watch.timeline(guid), before[i]!, exposureOf(f.sim(), guid))
    assert.deepEqual(
      guids.map((guid) => exposureText(exposureOf(f.sim(), guid))),
      ['allow 203.0.113.0/25', 'allow 192.0.2.0/24,198.51.100.0/24', 'allow 192.0.2.0/24', 'allow 192.0.2.0/24'],
    )
    const {serviceInstances, routeBindings} = f.sim().store.tables
    assert.deepEqual(
      serviceInstances
        .all()
        .filter((i) => i.name === 'cgx-allowlist')
        .map((i) => i.space_guid).length,
      2,
      'one instance in prod, one in staging',
    )
    assert.deepEqual(
      guids.map((guid) => routeBindings.all().filter((b) => b.route_guid === guid).length),
      [1, 1, 1, 1],
    )
    f.sim().journal.clear()
    assert.equal((await applySetup(cf, {file, poll}, silentReporter)).status, 'no-changes')
    assert.deepEqual(writesIn(f.sim()), [])
  })
})
