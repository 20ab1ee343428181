// The sandbox's role model seen from the CLI: a Space Developer's write in a space of the org that is not theirs is
// refused by the platform (403 CF-NotAuthorized) and said in cgx's words, with nothing written.
import assert from 'node:assert/strict'

import {parseEnvelope, runCli} from '../helpers/cli.js'
import {useLoggedInHome, useSimulator} from '../helpers/sim.js'

describe('e2e: a space developer writing outside their space', () => {
  const sim = useSimulator()
  const env = useLoggedInHome(sim, 'sd@agency-a.gov', 'sd-password')

  beforeEach(() => sim().journal.clear())

  it('route-service deploy into another space of the org: CF_NOT_AUTHORIZED, exit 1, no write done', async () => {
    const result = await runCli(['route-service', 'deploy', '--org', 'agency-a', '--space', 'prod', '--json'], {env: env()})
    const envelope = parseEnvelope(result)
    assert.equal(envelope.status, 1)
    assert.equal(envelope.error?.code, 'CF_NOT_AUTHORIZED')
    assert.match(envelope.error?.message ?? '', /^The platform refused POST \/v3\/apps: you are not authorized \(CF-NotAuthorized\)\.$/)
    const done = sim()
      .journal.entries()
      .filter((e) => e.method !== 'GET' && e.status < 400 && !e.path.startsWith('/uaa/'))
    assert.deepEqual(done, [])
  })
})
