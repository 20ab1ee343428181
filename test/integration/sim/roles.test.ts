// The simulator's role model for writes, CC's permitted roles per endpoint: a Space Developer writes in their own
// space, an Org Manager at org level (and binds security groups to the org's spaces), anything else the caller can see
// is 403 CF-NotAuthorized (10003) and changes nothing; what they cannot see stays 404/422.
import assert from 'node:assert/strict'

import {buildDispatchers} from '../../../src/sim/api/index.js'
import {PERMITTED_ROLES} from '../../../src/sim/permitted-roles.js'
import {startSimulator, type Simulator} from '../../../src/sim/index.js'
import {exampleFoundation} from '../../helpers/sim.js'
import {apiFor, errorOf, passwordToken, type Answer, type Api} from './helpers.js'

const NOT_AUTHORIZED = {
  status: 403,
  title: 'CF-NotAuthorized',
  code: 10003,
  detail: 'You are not authorized to perform the requested action',
}

function assertNotAuthorized(answer: Answer): void {
  assert.deepEqual({status: answer.status, ...errorOf(answer)}, NOT_AUTHORIZED, answer.text)
}

describe('sim: who may write (CC permitted roles)', () => {
  let sim: Simulator
  let admin: Api
  let developer: Api
  let manager: Api
  const guids: Record<string, string> = {}

  const writes = () => sim.journal.entries().filter((e) => e.method !== 'GET' && e.status < 400 && !e.path.startsWith('/uaa/'))
  const routeIn = (space: string, host: string) => ({
    host,
    relationships: {space: {data: {guid: guids[space]}}, domain: {data: {guid: guids.domain}}},
  })

  before(async () => {
    sim = await startSimulator({seed: exampleFoundation})
    const login = async (user: string, password: string) => apiFor(sim, (await passwordToken(sim, user, password)).body.access_token)
    admin = await login('admin', 'admin')
    developer = await login('sd@agency-a.gov', 'sd-password')
    manager = await login('dev@agency-a.gov', 'dev-password')
    const orgs = (await admin.get('/v3/organizations?names=agency-a,agency-b')).body.resources as Array<{guid: string; name: string}>
    for (const org of orgs) guids[org.name] = org.guid
    const spaces = (await admin.get(`/v3/spaces?organization_guids=${guids['agency-a']},${guids['agency-b']}`)).body.resources as Array<{
      guid: string
      name: string
      relationships: {organization: {data: {guid: string}}}
    }>
    for (const space of spaces) {
      const org = space.relationships.organization.data.guid === guids['agency-a'] ? 'agency-a' : 'agency-b'
      guids[`${org}/${space.name}`] = space.guid
    }
    guids.domain = (await admin.get('/v3/domains?names=app.cloud.gov')).body.resources[0].guid
    guids.dns = (await admin.get('/v3/security_groups?names=dns')).body.resources[0].guid
  })
  after(() => sim.close())
  beforeEach(() => sim.journal.clear())

  it('has a permitted-roles row for every write endpoint it serves', () => {
    const missing = buildDispatchers()
      .apiRoutes.endpoints()
      .filter((e) => e.method !== 'GET' && !PERMITTED_ROLES[`${e.method} ${e.path}`])
      .map((e) => `${e.method} ${e.path}`)
    assert.deepEqual(missing, [])
  })

  it('a Space Developer writes in their space, and gets 403 in another space of the org, with nothing written', async () => {
    assert.equal((await developer.post('/v3/routes', routeIn('agency-a/dev', 'sd-own'))).status, 201)
    assertNotAuthorized(await developer.post('/v3/routes', routeIn('agency-a/prod', 'sd-other')))
    const app = (await admin.get(`/v3/apps?names=api&space_guids=${guids['agency-a/prod']}`)).body.resources[0]
    assertNotAuthorized(await developer.patch(`/v3/apps/${app.guid}`, {metadata: {labels: {team: 'x'}}}))
    assert.deepEqual(
      writes().map((e) => `${e.method} ${e.path}`),
      ['POST /v3/routes'],
    )
  })

  it("a Space Developer may not write at org level: spaces, org metadata, an org's default segment", async () => {
    assertNotAuthorized(
      await developer.post('/v3/spaces', {name: 'mine', relationships: {organization: {data: {guid: guids['agency-a']}}}}),
    )
    assertNotAuthorized(await developer.patch(`/v3/organizations/${guids['agency-a']}`, {metadata: {labels: {a: 'b'}}}))
    assertNotAuthorized(
      await developer.patch(`/v3/organizations/${guids['agency-a']}/relationships/default_isolation_segment`, {data: null}),
    )
    assertNotAuthorized(
      await developer.post(`/v3/security_groups/${guids.dns}/relationships/running_spaces`, {data: [{guid: guids['agency-a/dev']}]}),
    )
    assert.deepEqual(writes(), [])
  })

  it("an Org Manager writes at org level and binds security groups to the org's spaces, but deploys only where a Space Developer", async () => {
    const space = await manager.post('/v3/spaces', {name: 'om-made', relationships: {organization: {data: {guid: guids['agency-a']}}}})
    assert.equal(space.status, 201, space.text)
    const bound = await manager.post(`/v3/security_groups/${guids.dns}/relationships/staging_spaces`, {
      data: [{guid: guids['agency-a/dev']}],
    })
    assert.equal(bound.status, 200, bound.text)
    assertNotAuthorized(await manager.post('/v3/routes', routeIn('agency-a/dev', 'om-dev')))
    assert.equal((await manager.post('/v3/routes', routeIn('agency-a/prod', 'om-prod'))).status, 201)
    assertNotAuthorized(await manager.post('/v3/isolation_segments', {name: 'om-segment'}))
    assertNotAuthorized(await manager.delete(`/v3/organizations/${guids['agency-a']}`))
  })

  it('what the caller cannot see stays 422/404, not 403', async () => {
    const hidden = await developer.post('/v3/routes', routeIn('agency-b/prod', 'sd-hidden'))
    assert.equal(hidden.status, 422, hidden.text)
    const org = await developer.patch(`/v3/organizations/${guids['agency-b']}`, {metadata: {labels: {a: 'b'}}})
    assert.equal(org.status, 404, org.text)
  })

  it('a deployment of an app the caller may read but not manage is 422 "Unable to use app" (capi behaviour 26)', async () => {
    const app = (await admin.get(`/v3/apps?names=api&space_guids=${guids['agency-a/prod']}`)).body.resources[0]
    const answer = await developer.post('/v3/deployments', {relationships: {app: {data: {guid: app.guid}}}})
    assert.equal(answer.status, 422)
    assert.equal(errorOf(answer).detail, 'Unable to use app. Ensure that the app exists and you have access to it.')
  })
})
