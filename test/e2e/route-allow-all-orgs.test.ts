import assert from 'node:assert/strict'

import type {RouteListResult} from '../../src/ops/route-allow/list.js'
import {parseEnvelope, runCli} from '../helpers/cli.js'
import {useLoggedInHome, useSimulator, writesIn} from '../helpers/sim.js'

describe('e2e: route-allow list --all-orgs', () => {
  const sim = useSimulator()
  const env = useLoggedInHome(sim)
  beforeEach(() => sim().journal.clear())

  it("piped: every org's routes, tab-separated, the org first", async () => {
    const result = await runCli(['route-allow', 'list', '--all-orgs', '--all-routes'], {env: env()})
    assert.equal(result.exitCode, 0, result.stderr)
    const rows = result.stdout
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => line.split('\t'))
    assert.deepEqual([...new Set(rows.map((r) => r[0]))], ['agency-a', 'agency-b', 'agency-c'])
    assert.deepEqual(
      rows.find((r) => r[1] === 'intake.app.cloud.gov'),
      ['agency-c', 'intake.app.cloud.gov', 'prod', 'foreign', '-', '-', 'waf (https://waf.fr.cloud.gov/agency-c/intake)'],
    )
    assert.deepEqual(
      rows.find((r) => r[1] === 'portal.app.cloud.gov'),
      ['agency-b', 'portal.app.cloud.gov', 'prod', 'unprotected', '-', '-', '-'],
    )
    assert.deepEqual(writesIn(sim()), [])
  })

  it("--json: the list result with routes from every org and each org's proxy", async () => {
    const protectedOnly = await runCli(['route-allow', 'list', '--all-orgs', '--json'], {env: env()})
    assert.equal(protectedOnly.exitCode, 0, protectedOnly.stderr)
    assert.deepEqual(parseEnvelope<RouteListResult>(protectedOnly).result, {org: null, space: null, proxy: null, proxies: [], routes: []})
    const all = parseEnvelope<RouteListResult>(
      await runCli(['route-allow', 'list', '--all-orgs', '--all-routes', '--json'], {env: env()}),
    ).result
    const agencyA = parseEnvelope<RouteListResult>(
      await runCli(['route-allow', 'list', '--org', 'agency-a', '--all-routes', '--json'], {env: env()}),
    ).result
    assert.deepEqual(
      all.routes.filter((r) => r.org === 'agency-a'),
      agencyA.routes,
    )
    assert.equal(all.routes.length, 9)
  })

  it('refuses --all-orgs with --org or --space before any request', async () => {
    for (const flag of [
      ['--org', 'agency-a'],
      ['--space', 'prod'],
    ]) {
      const result = await runCli(['route-allow', 'list', '--all-orgs', ...flag, '--json'], {env: env()})
      const envelope = parseEnvelope(result)
      assert.deepEqual([result.exitCode, envelope.error?.code], [1, 'USAGE'])
      assert.match(envelope.error?.message ?? '', /cannot also be provided when using --all-orgs|--all-orgs cannot also be provided/)
    }
    assert.deepEqual(sim().journal.entries(), [])
  })
})
