// Route allowlists in a setup file, against the simulator with its router view: plan shows them, apply goes
// through the never-open path with one proxy rollout per org, a second apply writes nothing, --prune and export.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import path from 'node:path'

import type {CfClient} from '../../../../src/cf/index.js'
import {OpError} from '../../../../src/ops/errors.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {deployRouteService} from '../../../../src/ops/route-service/deploy.js'
import {applySetup, exportSetup, planSetup} from '../../../../src/ops/setup/index.js'
import {repoRoot} from '../../../helpers/cli.js'
import {assertNeverMoreOpen, exposureOf, exposureText, watchRoutes} from '../../../helpers/router-invariants.js'
import {writesIn} from '../../../helpers/sim.js'
import {fakeBundle, poll} from '../route-service/helpers.js'
import {allowlistsYaml, FAST_ROLLOUTS, recordingReporter, routeGuid, useSetupFoundation} from './helpers.js'

const API = 'api.agency-a.gov/v1'
const WWW = 'www.agency-a.gov'
const SHARED_API = 'api.app.cloud.gov'
const allowlists = allowlistsYaml
const changed = (plan: {changes: readonly {action: string; address: string}[]}) =>
  plan.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${c.address}`)
const deploy = (cf: CfClient, api: string) =>
  deployRouteService(cf, {org: 'agency-a', space: 'route-services', api, bundle: fakeBundle(), poll}, silentReporter)

describe('ops/setup: route allowlists', function () {
  this.timeout(30_000)
  const f = useSetupFoundation(FAST_ROLLOUTS)

  it('without a proxy in the org: the plan says so, and apply stops before any write (exit 1)', async () => {
    const cf = await f.client()
    const file = f.file('no-proxy.yml', `orgs:\n  agency-b:\n    spaces: {qa: {}}\n${allowlists({[API]: ['203.0.113.0/24']})}`)
    const reporter = recordingReporter()
    const plan = await planSetup(cf, {file, poll}, reporter)
    const change = plan.changes.find((c) => c.type === 'route_allowlist')!
    assert.deepEqual(
      [change.action, change.name, change.before, change.after],
      ['create', {org: 'agency-a', name: API}, null, {allow: ['203.0.113.0/24']}],
    )
    assert.equal(change.reason, "org 'agency-a' has no allowlist route service yet")
    assert.match(
      reporter.warned.join('\n'),
      /route_allowlist\."api\.agency-a\.gov\/v1": apply will stop here: .* `cgx route-service deploy --org agency-a --space SPACE`/,
    )
    f.sim().journal.clear()
    const error = await applySetup(cf, {file, poll}, silentReporter).then(
      () => undefined,
      (e: unknown) => e,
    )
    assert.ok(error instanceof OpError, String(error))
    assert.deepEqual([error.code, error.exitCode], ['PROXY_NOT_DEPLOYED', 1])
    assert.match(
      error.message,
      /nothing was changed: route_allowlist\."api\.agency-a\.gov\/v1": org 'agency-a' has no allowlist route service yet/,
    )
    assert.deepEqual(writesIn(f.sim()), [])
  })

  it('refuses a route that does not exist, with its position and a close name', async () => {
    const cf = await f.client()
    const file = f.file('typo.yml', allowlists({'api.agency-a.gov/v2': ['203.0.113.0/24']}))
    const error = await planSetup(cf, {file, poll}, silentReporter).then(
      () => undefined,
      (e: unknown) => e,
    )
    assert.ok(error instanceof OpError, String(error))
    assert.equal(error.code, 'SETUP_FILE_INVALID')
    assert.match(
      error.suggestions[0]!,
      /:2:24: route "api\.agency-a\.gov\/v2" does not exist on the foundation .*; did you mean "api\.agency-a\.gov\/v1"\?$/,
    )
  })

  it('protects routes: one rollout for the org, policy live before binding, never open; a second apply writes nothing', async () => {
    const cf = await f.client()
    await deploy(cf, f.sim().url)
    const guids = [API, WWW].map((url) => routeGuid(f.sim(), url))
    const file = f.file('protect.yml', allowlists({[API]: ['203.0.113.0/24'], [WWW]: ['203.0.113.7', '198.51.100.0/24']}))
    assert.deepEqual(changed(await planSetup(cf, {file, poll}, silentReporter)), [
      `create route_allowlist."${API}"`,
      `create route_allowlist."${WWW}"`,
    ])
    f.sim().journal.clear()
    const watch = watchRoutes(f.sim(), guids)
    const result = await applySetup(cf, {file, poll}, silentReporter)
    watch.stop()
    assert.deepEqual(result.applied, [`route_allowlist."${API}"`, `route_allowlist."${WWW}"`])
    assert.equal(result.steps, 1)
    assert.deepEqual(watch.timeline(guids[0]!).map(exposureText), ['open', 'allow 203.0.113.0/24'])
    assert.deepEqual(watch.timeline(guids[1]!).map(exposureText), ['open', 'allow 198.51.100.0/24,203.0.113.7/32'])
    const writes = writesIn(f.sim()).map((w) => w.replace(/[0-9a-f-]{36}/g, ':guid'))
    assert.deepEqual(writes, [
      'PATCH /v3/apps/:guid',
      'PATCH /v3/apps/:guid/environment_variables',
      'POST /v3/deployments',
      'PATCH /v3/apps/:guid',
      'POST /v3/service_instances',
      'POST /v3/service_route_bindings',
      'POST /v3/service_route_bindings',
    ])
    f.sim().journal.clear()
    assert.equal((await applySetup(cf, {file, poll}, silentReporter)).status, 'no-changes')
    assert.deepEqual(writesIn(f.sim()), [])
  })

  it('narrows, widens and adds in one rollout; no moment allows more than before or after', async () => {
    const cf = await f.client()
    const guids = [API, WWW, SHARED_API].map((url) => routeGuid(f.sim(), url))
    const before = guids.map((guid) => exposureOf(f.sim(), guid))
    const file = f.file(
      'edit.yml',
      allowlists({[API]: ['203.0.113.128/25'], [WWW]: ['203.0.113.7', '198.51.100.0/24', '192.0.2.0/24'], [SHARED_API]: ['192.0.2.0/24']}),
    )
    const plan = await planSetup(cf, {file, poll}, silentReporter)
    const api = plan.changes.find((c) => c.name.name === API)!
    assert.deepEqual(
      [api.action, api.before, api.after, api.reason],
      ['update', {allow: ['203.0.113.0/24']}, {allow: ['203.0.113.128/25']}, 'allow: add 203.0.113.128/25, remove 203.0.113.0/24'],
    )
    f.sim().journal.clear()
    const watch = watchRoutes(f.sim(), guids)
    await applySetup(cf, {file, poll}, silentReporter)
    watch.stop()
    assert.equal(writesIn(f.sim()).filter((w) => w === 'POST /v3/deployments').length, 1)
    for (const [i, guid] of guids.entries()) assertNeverMoreOpen(watch.timeline(guid), before[i]!, exposureOf(f.sim(), guid))
    assert.deepEqual(
      guids.map((guid) => exposureText(exposureOf(f.sim(), guid))),
      ['allow 203.0.113.128/25', 'allow 192.0.2.0/24,198.51.100.0/24,203.0.113.7/32', 'allow 192.0.2.0/24'],
    )
  })

  it('exports the protected routes; export → plan changes nothing, with --prune too; the read does not grow with routes', async () => {
    const cf = await f.client()
    const exported = await exportSetup(cf, {}, silentReporter)
    assert.equal(exported.counts.routeAllowlists, 3)
    assert.match(
      exported.text,
      /\nroute_allowlists:\n {2}api\.agency-a\.gov\/v1: \[203\.0\.113\.128\/25\]\n {2}api\.app\.cloud\.gov: \[192\.0\.2\.0\/24\]\n/,
    )
    const file = f.file('export.yml', exported.text)
    assert.deepEqual(changed(await planSetup(cf, {file, prune: true, poll}, silentReporter)), [])
    const requests = async (text: string) => {
      f.sim().journal.clear()
      await planSetup(cf, {file: f.file('count.yml', text), poll}, silentReporter)
      return f
        .sim()
        .journal.entries()
        .filter((e) => !e.path.startsWith('/uaa/')).length
    }
    const one = await requests(allowlists({[API]: ['203.0.113.128/25']}))
    assert.equal(await requests(allowlists({[API]: ['203.0.113.128/25'], [WWW]: ['192.0.2.0/24'], [SHARED_API]: ['192.0.2.0/24']})), one)
  })

  it('--prune takes the allowlist off a protected route the file no longer names: unbound before its policy goes', async () => {
    const cf = await f.client()
    const file = f.file('smaller.yml', allowlists({[API]: ['203.0.113.128/25'], [SHARED_API]: ['192.0.2.0/24']}))
    const reporter = recordingReporter()
    assert.deepEqual(changed(await planSetup(cf, {file, poll}, reporter)), [])
    assert.match(
      reporter.warned.join('\n'),
      /1 route\(s\) cgx protects are not in route_allowlists: www\.agency-a\.gov\. `--prune` would remove/,
    )
    const plan = await planSetup(cf, {file, prune: true, poll}, silentReporter)
    const www = plan.changes.find((c) => c.name.name === WWW)!
    assert.deepEqual(
      [www.action, www.after, www.reason],
      ['delete', null, 'not in route_allowlists, and protected by cgx: the route becomes public'],
    )
    f.sim().journal.clear()
    await applySetup(cf, {file, prune: true, poll}, silentReporter)
    const writes = writesIn(f.sim()).map((w) => w.replace(/[0-9a-f-]{36}/g, ':guid'))
    assert.equal(writes[0], 'DELETE /v3/service_route_bindings/:guid')
    assert.ok(writes.indexOf('PATCH /v3/apps/:guid/environment_variables') > 0, writes.join('\n'))
    assert.equal(exposureText(exposureOf(f.sim(), routeGuid(f.sim(), WWW))), 'open')
    const policy = JSON.parse(
      f
        .sim()
        .store.tables.apps.all()
        .find((a) => a.name === 'cgx-allowlist-proxy')!.environment_variables.CGX_ALLOWLIST!,
    )
    assert.deepEqual(policy.routes.map((r: {route: string}) => r.route).sort(), [API, SHARED_API])
    assert.equal((await applySetup(cf, {file, prune: true, poll}, silentReporter)).status, 'no-changes')
  })
})

describe('ops/setup: the allowlists commented in examples/setup.yml', function () {
  this.timeout(30_000)
  const f = useSetupFoundation(FAST_ROLLOUTS)

  it('apply on the sandbox once the proxy is deployed, and a second apply changes nothing', async () => {
    const cf = await f.client()
    const example = readFileSync(path.join(repoRoot, 'examples', 'setup.yml'), 'utf8')
    const deployLine = /^# {3}(cgx route-service deploy .*)$/m.exec(example)![1]!
    assert.equal(deployLine, 'cgx route-service deploy --org agency-a --space route-services')
    await deploy(cf, f.sim().url)
    const uncommented = example.replace(
      /^# (route_allowlists:\n)((?:# {3}.*\n?)*)/m,
      (_all, head: string, body: string) => head + body.replace(/^# /gm, ''),
    )
    assert.match(uncommented, /^route_allowlists:\n {2}api\.agency-a\.gov\/v1: /m)
    const file = f.file('example.yml', uncommented)
    const result = await applySetup(cf, {file, poll}, silentReporter)
    assert.ok(
      result.applied.includes(`route_allowlist."${API}"`) && result.applied.includes(`route_allowlist."${WWW}"`),
      result.applied.join(', '),
    )
    assert.equal((await applySetup(cf, {file, poll}, silentReporter)).status, 'no-changes')
  })
})
