import assert from 'node:assert/strict'

import type {Simulator} from '../../../src/sim/index.js'
import {startSimulator} from '../../../src/sim/index.js'
import {apiFor, errorOf, passwordToken, smallSeed, type Api} from './helpers.js'

// GET /v3/service_instances/:guid/credentials: permitted to Admin, Admin Read-Only, Space Developer and Space
// Manager (capi endpoints.json service_instances.credentials); the sim models admins and space developers.
describe("sim: a user-provided instance's credentials", () => {
  let sim: Simulator
  let admin: Api
  const seed = {
    ...smallSeed,
    users: [
      ...smallSeed.users,
      {username: 'sd', password: 'pw', space_developer: ['org-a/prod']},
      {username: 'sd-dev', password: 'pw', space_developer: ['org-a/dev']},
    ],
  }
  const as = async (user: string) => apiFor(sim, (await passwordToken(sim, user, 'pw')).body.access_token)
  const plainGuid = async () => (await admin.get('/v3/service_instances?names=plain')).body.resources[0].guid as string

  before(async () => {
    sim = await startSimulator({seed})
    admin = apiFor(sim, (await passwordToken(sim)).body.access_token)
  })
  after(() => sim.close())

  it("gives admins and the space's developers the credentials object itself", async () => {
    const guid = await plainGuid()
    for (const api of [admin, await as('sd')]) {
      const answer = await api.get(`/v3/service_instances/${guid}/credentials`)
      assert.equal(answer.status, 200)
      assert.deepEqual(answer.body, {k: 'v'})
    }
  })

  it('refuses, with 403 CF-NotAuthorized, an org manager and a developer of another space of the org who can see the instance', async () => {
    const guid = await plainGuid()
    for (const user of ['dev', 'sd-dev']) {
      const api = await as(user)
      assert.equal((await api.get(`/v3/service_instances/${guid}`)).status, 200)
      const answer = await api.get(`/v3/service_instances/${guid}/credentials`)
      assert.equal(answer.status, 403)
      assert.deepEqual(errorOf(answer), {
        code: 10003,
        title: 'CF-NotAuthorized',
        detail: 'You are not authorized to perform the requested action',
      })
    }
  })
})
