// The built CLI against the sandbox foundation: a setup file with route allowlists is refused (exit 1, no write)
// until the org has its allowlist proxy; then plan shows the allowlists, apply protects the routes with one
// rollout, plan finds nothing left to do, and export writes them back.
import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import type {ApplyResult} from '../../src/ops/setup/index.js'
import {parseEnvelope, runCli, tempCfHome} from '../helpers/cli.js'
import {useSimulator, writesIn} from '../helpers/sim.js'

const SETUP = [
  'orgs:',
  '  agency-a:',
  '    spaces: {prod: {}}',
  'route_allowlists:',
  '  api.agency-a.gov/v1: [203.0.113.0/24]',
  '  www.agency-a.gov: [198.51.100.0/24, 203.0.113.7]',
  '',
].join('\n')

describe('e2e: cgx plan, apply and export with route allowlists', function () {
  this.timeout(60_000)
  const sim = useSimulator()
  let home: ReturnType<typeof tempCfHome>
  const cgx = (args: string[]) => runCli(args, {env: {CF_HOME: home.cfHome}})
  const file = (name: string) => path.join(home.cfHome, name)

  before(async () => {
    home = tempCfHome()
    const login = await cgx(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin'])
    assert.equal(login.exitCode, 0, login.stderr)
    writeFileSync(file('setup.yml'), SETUP)
  })
  after(() => home.cleanup())

  it('refuses to apply while the org has no allowlist proxy: exit 1, what to run, no write', async () => {
    sim().journal.clear()
    const result = await cgx(['apply', '-f', file('setup.yml'), '--auto-approve'])
    assert.equal(result.exitCode, 1)
    assert.match(
      result.stderr,
      /Cannot apply the route allowlists, so nothing was changed: route_allowlist\."api\.agency-a\.gov\/v1": org 'agency-a' has no allowlist route service yet/,
    )
    assert.match(result.stderr, /Run `cgx route-service deploy --org agency-a --space SPACE` first/)
    assert.deepEqual(writesIn(sim()), [])
  })

  it('after the proxy is deployed: plan shows the allowlists, apply protects both routes in one rollout, plan is clean', async () => {
    const deployed = await cgx(['route-service', 'deploy', '--org', 'agency-a', '--space', 'route-services'])
    assert.equal(deployed.exitCode, 0, deployed.stderr)
    const plan = await cgx(['plan', '-f', file('setup.yml'), '--detailed-exitcode'])
    assert.equal(plan.exitCode, 2, plan.stderr)
    assert.equal(
      plan.stdout.replace(/http:\/\/127\.0\.0\.1:\d+/, 'API'),
      [
        'cgx will make these changes on API:',
        '',
        '+ route_allowlist."api.agency-a.gov/v1"',
        '    # not behind the cgx allowlist: every client reaches it',
        '    + allow = [203.0.113.0/24]',
        '',
        '+ route_allowlist."www.agency-a.gov"',
        '    # not behind the cgx allowlist: every client reaches it',
        '    + allow = [198.51.100.0/24, 203.0.113.7/32]',
        '',
        'Plan: 2 to create, 0 to update, 0 to delete, 2 unchanged.',
        '',
      ].join('\n'),
    )

    sim().journal.clear()
    const applied = await cgx(['apply', '-f', file('setup.yml'), '--auto-approve', '--json'])
    const envelope = parseEnvelope<ApplyResult>(applied)
    assert.equal(envelope.status, 0, JSON.stringify(envelope.error))
    assert.deepEqual(
      [envelope.result.status, envelope.result.applied, envelope.result.steps],
      ['applied', ['route_allowlist."api.agency-a.gov/v1"', 'route_allowlist."www.agency-a.gov"'], 1],
    )
    assert.equal(writesIn(sim()).filter((w) => w === 'POST /v3/deployments').length, 1, 'one rollout for both routes')
    assert.ok(
      envelope.warnings.some((w) => w.includes('client address alone')),
      envelope.warnings.join('\n'),
    )
    const bound = sim()
      .router.routes()
      .filter((r) => r.routeServiceUrl !== null)
      .map((r) => r.url)
      .sort()
    assert.deepEqual(
      bound.filter((url) => url.includes('agency-a.gov')),
      ['api.agency-a.gov/v1', 'www.agency-a.gov'],
    )

    sim().journal.clear()
    const clean = await cgx(['plan', '-f', file('setup.yml'), '--detailed-exitcode'])
    assert.equal(clean.exitCode, 0, clean.stdout + clean.stderr)
    assert.deepEqual(writesIn(sim()), [])
  })

  it('export writes the protected routes back, and the exported file plans to no changes', async () => {
    const exported = await cgx(['export', '--org', 'agency-a', '-f', file('export.yml')])
    assert.equal(exported.exitCode, 0, exported.stderr)
    assert.match(exported.stdout, /, 2 route allowlists\.\n$/)
    assert.match(
      readFileSync(file('export.yml'), 'utf8'),
      /\nroute_allowlists:\n {2}api\.agency-a\.gov\/v1: \[203\.0\.113\.0\/24\]\n {2}www\.agency-a\.gov: \[198\.51\.100\.0\/24, 203\.0\.113\.7\/32\]\n$/,
    )
    const plan = await cgx(['plan', '-f', file('export.yml'), '--detailed-exitcode', '--prune'])
    assert.equal(plan.exitCode, 0, plan.stdout + plan.stderr)
  })
})
