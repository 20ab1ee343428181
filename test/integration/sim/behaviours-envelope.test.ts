// capi/README.md behaviours 1-8: error envelope, auth, missing resources, bodies, pagination, filters, include.
import assert from 'node:assert/strict'
import type {Simulator} from '../../../src/sim/index.js'
import {adminSession, apiFor, call, errorOf, passwordToken, smallSeed, type Api} from './helpers.js'

describe('sim behaviours 1-8: envelopes, auth, pagination, filters, include', function () {
  let sim: Simulator
  let api: Api
  const orgGuid = (name: string) => sim.store.tables.orgs.first('name', name)!.guid

  before(async () => {
    ;({sim, api} = await adminSession({seed: smallSeed}))
  })
  after(() => sim.close())

  it('behaviour 1: errors are {errors:[{detail,title,code}]} in that key order', async () => {
    const answer = await api.get('/v3/isolation_segments/00000000-0000-4000-8000-000000000000')
    assert.equal(answer.status, 404)
    assert.deepEqual(Object.keys(answer.body), ['errors'])
    assert.deepEqual(Object.keys(errorOf(answer)), ['detail', 'title', 'code'])
    assert.deepEqual(errorOf(answer), {detail: 'Isolation segment not found', title: 'CF-ResourceNotFound', code: 10010})
  })

  it('behaviour 2: no token 401 NotAuthenticated, bad token 401 InvalidAuthToken, roots are open', async () => {
    const none = await call(`${sim.url}/v3/organizations`)
    assert.equal(none.status, 401)
    assert.deepEqual(errorOf(none), {detail: 'Authentication error', title: 'CF-NotAuthenticated', code: 10002})
    const bad = await call(`${sim.url}/v3/organizations`, {headers: {Authorization: 'bearer not.a.jwt'}})
    assert.equal(bad.status, 401)
    assert.deepEqual(errorOf(bad), {detail: 'Invalid Auth Token', title: 'CF-InvalidAuthToken', code: 1000})
    for (const open of ['/', '/v3', '/v3/info']) assert.equal((await call(`${sim.url}${open}`)).status, 200, open)
    const dev = apiFor(sim, (await passwordToken(sim, 'dev', 'pw')).body.access_token)
    const denied = await dev.post('/v3/isolation_segments', {name: 'mine'})
    assert.equal(denied.status, 403)
    assert.equal(errorOf(denied).title, 'CF-NotAuthorized')
  })

  it('behaviour 3: unknown guids give humanized "<Resource> not found"; unrouted paths CF-NotFound', async () => {
    const missing = '00000000-0000-4000-8000-000000000000'
    const cases: Array<[string, string]> = [
      [`/v3/spaces/${missing}`, 'Space not found'],
      [`/v3/organizations/${missing}`, 'Organization not found'],
      [`/v3/security_groups/${missing}`, 'Security group not found'],
      [`/v3/service_instances/${missing}`, 'Service instance not found'],
      [`/v3/service_route_bindings/${missing}`, 'Service route binding not found'],
      [`/v3/jobs/${missing}`, 'Job not found'],
      [`/v3/routes/${missing}`, 'Route not found'],
      [`/v3/apps/${missing}`, 'App not found'],
    ]
    for (const [path, detail] of cases) {
      const answer = await api.get(path)
      assert.equal(answer.status, 404, path)
      assert.equal(errorOf(answer).detail, detail)
    }
    const segment = sim.store.tables.segments.first('name', 'vpn')!.guid
    const revoke = await api.delete(`/v3/isolation_segments/${segment}/relationships/organizations/${missing}`)
    assert.equal(errorOf(revoke).detail, 'Org not found')
    const unrouted = await api.get('/v3/no_such_collection')
    assert.deepEqual(errorOf(unrouted), {detail: 'Unknown request', title: 'CF-NotFound', code: 10000})
  })

  it('behaviour 4: unparseable JSON is 400 MessageParseError, unknown body keys 422', async () => {
    const broken = await api.post('/v3/organizations', '{"name": ')
    assert.equal(broken.status, 400)
    assert.deepEqual(errorOf(broken), {
      detail: 'Request invalid due to parse error: invalid request body',
      title: 'CF-MessageParseError',
      code: 1001,
    })
    const unknown = await api.post('/v3/organizations', {name: 'x', colour: 'blue'})
    assert.equal(unknown.status, 422)
    assert.deepEqual(errorOf(unknown), {detail: "Unknown field(s): 'colour'", title: 'CF-UnprocessableEntity', code: 10008})
    assert.equal(sim.store.tables.orgs.first('name', 'x'), undefined)
  })

  it('behaviour 5: pagination has absolute hrefs with sorted, CGI-escaped keys', async () => {
    const first = await api.get('/v3/isolation_segments?per_page=1')
    const {pagination} = first.body
    assert.equal(pagination.total_results, 3)
    assert.equal(pagination.total_pages, 3)
    assert.equal(pagination.first.href, `${sim.url}/v3/isolation_segments?page=1&per_page=1`)
    assert.equal(pagination.last.href, `${sim.url}/v3/isolation_segments?page=3&per_page=1`)
    assert.equal(pagination.next.href, `${sim.url}/v3/isolation_segments?page=2&per_page=1`)
    assert.equal(pagination.previous, null)
    const second = await call(pagination.next.href, {headers: {Authorization: `bearer ${(await passwordToken(sim)).body.access_token}`}})
    assert.equal(second.body.pagination.previous.href, `${sim.url}/v3/isolation_segments?page=1&per_page=1`)
    assert.notEqual(second.body.resources[0].guid, first.body.resources[0].guid)
    const escaped = await api.get('/v3/organizations?names=org-a,org-b&label_selector=a%3Db')
    assert.equal(
      escaped.body.pagination.first.href,
      `${sim.url}/v3/organizations?label_selector=a%3Db&names=org-a%2Corg-b&page=1&per_page=50`,
    )
    const empty = await api.get('/v3/organizations?names=nothing')
    assert.equal(empty.body.pagination.total_pages, 1)
    assert.equal(empty.body.pagination.last.href, empty.body.pagination.first.href)
  })

  it('behaviour 6: per_page must be 1-5000, page positive; order_by sorts', async () => {
    for (const perPage of ['0', '5001']) {
      const answer = await api.get(`/v3/spaces?per_page=${perPage}`)
      assert.equal(answer.status, 400)
      assert.deepEqual(errorOf(answer), {
        detail: 'The query parameter is invalid: Per page must be between 1 and 5000',
        title: 'CF-BadQueryParameter',
        code: 10005,
      })
    }
    assert.equal(errorOf(await api.get('/v3/spaces?page=0')).detail, 'The query parameter is invalid: Page must be a positive integer')
    const descending = await api.get('/v3/organizations?order_by=-name')
    assert.deepEqual(
      descending.body.resources.map((o: {name: string}) => o.name),
      ['org-b', 'org-a'],
    )
  })

  it('behaviour 7: comma filters OR, filters AND, unknown keys 400 (422 for security groups)', async () => {
    const both = await api.get('/v3/organizations?names=org-a,org-b')
    assert.equal(both.body.pagination.total_results, 2)
    // The form CC's own pagination hrefs use (behaviour 5): an escaped comma still separates items.
    assert.equal((await api.get('/v3/organizations?names=org-a%2Corg-b')).body.pagination.total_results, 2)
    assert.equal((await api.get('/v3/organizations?names=org-a%252Corg-b')).body.pagination.total_results, 0)
    const anded = await api.get(`/v3/spaces?names=prod&organization_guids=${orgGuid('org-b')}`)
    assert.equal(anded.body.pagination.total_results, 1)
    const unknown = await api.get('/v3/spaces?foo=bar')
    assert.equal(unknown.status, 400)
    assert.equal(
      errorOf(unknown).detail,
      "The query parameter is invalid: Unknown query parameter(s): 'foo'. Valid " +
        "parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'names', " +
        "'organization_guids', 'include', 'label_selector'",
    )
    const groups = await api.get('/v3/security_groups?foo=bar')
    assert.equal(groups.status, 422)
    assert.match(errorOf(groups).detail, /^Unknown query parameter\(s\): 'foo'\. Valid parameters are: 'page'/)
    const running = await api.get('/v3/security_groups?globally_enabled_running=true')
    assert.deepEqual(
      running.body.resources.map((g: {name: string}) => g.name),
      ['dns'],
    )
  })

  it('behaviour 7: label_selector supports key=value, key and !key', async () => {
    const space = sim.store.tables.spaces.first('orgName', `${orgGuid('org-a')}/dev`)!
    await api.patch(`/v3/spaces/${space.guid}`, {metadata: {labels: {tier: 'dev'}}})
    const names = async (selector: string) =>
      (await api.get(`/v3/spaces?label_selector=${encodeURIComponent(selector)}`)).body.resources.map((s: {guid: string}) => s.guid)
    assert.deepEqual(await names('tier=dev'), [space.guid])
    assert.deepEqual(await names('tier'), [space.guid])
    assert.equal((await names('!tier')).includes(space.guid), false)
    assert.equal((await names('!tier')).length, 2)
  })

  it('behaviour 8: include adds unique parents next to resources, bad values are 400', async () => {
    const spaces = await api.get('/v3/spaces?include=organization')
    const included = spaces.body.included.organizations.map((o: {guid: string}) => o.guid)
    assert.deepEqual(included, [orgGuid('org-a'), orgGuid('org-b')].sort(), 'unique, ordered by created_at then guid')
    const routes = await api.get('/v3/routes?include=space.organization')
    assert.deepEqual(Object.keys(routes.body.included).sort(), ['organizations', 'spaces'])
    assert.equal(routes.body.included.spaces.length, 1)
    const single = await api.get(`/v3/spaces/${sim.store.tables.spaces.all()[0].guid}?include=org`)
    assert.equal(single.body.included.organizations.length, 1)
    const bad = await api.get('/v3/spaces?include=apps')
    assert.equal(bad.status, 400)
    assert.equal(
      errorOf(bad).detail,
      "The query parameter is invalid: Invalid included resource: 'apps'. Valid included resources are: 'org', 'organization'",
    )
  })
})
