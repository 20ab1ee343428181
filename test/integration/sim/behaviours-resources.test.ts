// capi/README.md behaviours 9-19: jobs, sync/async, relationships, duplicates, route services, segments,
// security groups, user-provided service instances.
import assert from 'node:assert/strict'
import type {Simulator} from '../../../src/sim/index.js'
import {SHARED_SEGMENT_GUID} from '../../../src/sim/index.js'
import {adminSession, apiFor, errorOf, eventually, passwordToken, smallSeed, type Api} from './helpers.js'

describe('sim behaviours 9-19: jobs, relationships, duplicates, route services, segments, ASGs, instances', function () {
  let sim: Simulator
  let api: Api
  const t = () => sim.store.tables
  const org = (name: string) => t().orgs.first('name', name)!
  const space = (orgName: string, name: string) => t().spaces.first('orgName', `${org(orgName).guid}/${name}`)!
  const segment = (name: string) => t().segments.first('name', name)!
  const instance = (name: string) =>
    t()
      .serviceInstances.all()
      .find((i) => i.name === name)!
  const route = (host: string) =>
    t()
      .routes.all()
      .find((r) => r.host === host)!
  const rel = (guid: string) => ({data: {guid}})

  beforeEach(async () => {
    ;({sim, api} = await adminSession({seed: smallSeed, jobDelayMs: 300}))
  })
  afterEach(() => sim.close())

  it('behaviour 9: async deletes answer 202, empty body, absolute Location; the job goes PROCESSING -> COMPLETE', async () => {
    const group = t().securityGroups.first('name', 'vpn-db')!
    const answer = await api.delete(`/v3/security_groups/${group.guid}`)
    assert.equal(answer.status, 202)
    assert.equal(answer.text, '')
    const location = answer.headers.get('location')!
    assert.match(location, new RegExp(`^${sim.url}/v3/jobs/[0-9a-f-]{36}$`))
    const jobPath = location.slice(sim.url.length)
    const processing = await api.get(jobPath)
    assert.equal(processing.body.state, 'PROCESSING')
    assert.equal(processing.body.operation, 'security_group.delete')
    assert.ok(processing.body.links.security_group, 'link to the target while it exists')
    await eventually(async () => (await api.get(jobPath)).body.state === 'COMPLETE')
    const done = await api.get(jobPath)
    assert.deepEqual(done.body.errors, [])
    assert.equal(done.body.links.security_group, undefined)
    assert.equal(t().securityGroups.get(group.guid), undefined)
  })

  it('behaviour 10: segment delete 204, user-provided create/bind 201, scale 202 with body and no Location', async () => {
    assert.equal((await api.delete(`/v3/isolation_segments/${segment('other').guid}`)).status, 204)
    const created = await api.post('/v3/service_instances', {
      type: 'user-provided',
      name: 'rs2',
      route_service_url: 'https://rs2.example.gov',
      relationships: {space: rel(space('org-a', 'prod').guid)},
    })
    assert.equal(created.status, 201)
    const bound = await api.post('/v3/service_route_bindings', {
      relationships: {route: rel(route('api').guid), service_instance: rel(created.body.guid)},
    })
    assert.equal(bound.status, 201)
    assert.equal(bound.body.route_service_url, 'https://rs2.example.gov')
    const process = t().processes.all()[0]
    const scaled = await api.post(`/v3/processes/${process.guid}/actions/scale`, {instances: 3})
    assert.equal(scaled.status, 202)
    assert.equal(scaled.body.instances, 3)
    assert.equal(scaled.headers.get('location'), null)
  })

  it('behaviour 11: relationship bodies; related omitted for null data and for segment spaces / ASG spaces', async () => {
    const dev = await api.get(`/v3/spaces/${space('org-a', 'dev').guid}/relationships/isolation_segment`)
    assert.deepEqual(dev.body, {
      data: null,
      links: {self: {href: `${sim.url}/v3/spaces/${space('org-a', 'dev').guid}/relationships/isolation_segment`}},
    })
    const prod = await api.get(`/v3/spaces/${space('org-a', 'prod').guid}/relationships/isolation_segment`)
    assert.equal(prod.body.data.guid, segment('vpn').guid)
    assert.equal(prod.body.links.related.href, `${sim.url}/v3/isolation_segments/${segment('vpn').guid}`)
    const orgs = await api.get(`/v3/isolation_segments/${segment('vpn').guid}/relationships/organizations`)
    assert.deepEqual(orgs.body.data, [{guid: org('org-a').guid}])
    assert.ok(orgs.body.links.related)
    const spaces = await api.get(`/v3/isolation_segments/${segment('vpn').guid}/relationships/spaces`)
    assert.deepEqual(spaces.body.data, [{guid: space('org-a', 'prod').guid}])
    assert.deepEqual(Object.keys(spaces.body.links), ['self'])
  })

  it('behaviour 12: duplicates are 422 with CC texts (apps: UniquenessError 10016)', async () => {
    assert.equal(
      errorOf(await api.post('/v3/isolation_segments', {name: 'VPN'})).detail,
      'Isolation Segment names are case insensitive and must be unique',
    )
    assert.equal(errorOf(await api.post('/v3/security_groups', {name: 'dns'})).detail, "Security group with name 'dns' already exists.")
    assert.equal(
      errorOf(
        await api.post('/v3/service_instances', {
          type: 'user-provided',
          name: 'rs',
          relationships: {space: rel(space('org-a', 'prod').guid)},
        }),
      ).detail,
      'The service instance name is taken: rs.',
    )
    const app = await api.post('/v3/apps', {name: 'API', relationships: {space: rel(space('org-a', 'prod').guid)}})
    assert.deepEqual(errorOf(app), {detail: "App with the name 'API' already exists.", title: 'CF-UniquenessError', code: 10016})
    assert.equal(errorOf(await api.post('/v3/organizations', {name: 'org-a'})).detail, "Organization 'org-a' already exists.")
    const domain = t().domains.first('name', 'app.example.gov')!
    const dup = await api.post('/v3/routes', {
      host: 'api',
      relationships: {space: rel(space('org-a', 'prod').guid), domain: rel(domain.guid)},
    })
    assert.equal(errorOf(dup).detail, "Route already exists with host 'api' for domain 'app.example.gov'.")
  })

  it('behaviour 13: route service binding rules', async () => {
    const bind = (routeGuid: string, instanceGuid: string, extra: object = {}) =>
      api.post('/v3/service_route_bindings', {relationships: {route: rel(routeGuid), service_instance: rel(instanceGuid)}, ...extra})
    const other = await api.post('/v3/service_instances', {
      type: 'user-provided',
      name: 'rs-b',
      route_service_url: 'https://b.example.gov',
      relationships: {space: rel(space('org-a', 'prod').guid)},
    })
    assert.equal(
      errorOf(await bind(route('static').guid, other.body.guid)).detail,
      'A route may only be bound to a single service instance',
    )
    const same = await bind(route('static').guid, instance('rs').guid)
    assert.deepEqual(errorOf(same), {
      detail: 'The route and service instance are already bound.',
      title: 'CF-ServiceInstanceAlreadyBoundToSameRoute',
      code: 130008,
    })
    assert.equal((await bind(route('api').guid, instance('rs').guid)).status, 201, 'one instance, many routes')
    const apiRoute = route('api').guid
    await api.delete(`/v3/service_route_bindings/${t().routeBindings.first('route', apiRoute)!.guid}`)
    assert.equal(errorOf(await bind(apiRoute, instance('plain').guid)).detail, 'This service instance does not support route binding')
    assert.equal(
      errorOf(await bind(apiRoute, instance('rs').guid, {parameters: {a: 1}})).detail,
      'Binding parameters are not supported for user-provided service instances',
    )
    const missing = '00000000-0000-4000-8000-000000000000'
    const noRoute = await bind(missing, instance('rs').guid)
    assert.equal(noRoute.status, 422)
    assert.equal(errorOf(noRoute).detail, `The route could not be found: ${missing}`)
    assert.equal(errorOf(await bind(apiRoute, missing)).detail, `The service instance could not be found: ${missing}`)
    const elsewhere = await api.post('/v3/service_instances', {
      type: 'user-provided',
      name: 'rs-dev',
      route_service_url: 'https://dev.example.gov',
      relationships: {space: rel(space('org-a', 'dev').guid)},
    })
    assert.equal(errorOf(await bind(apiRoute, elsewhere.body.guid)).detail, 'The service instance and the route are in different spaces')
  })

  it('behaviour 14: entitling is idempotent, unknown orgs 422, entitling shared sets a missing default', async () => {
    const path = `/v3/isolation_segments/${segment('vpn').guid}/relationships/organizations`
    const twice = await api.post(path, {data: [{guid: org('org-a').guid}, {guid: org('org-b').guid}]})
    assert.equal(twice.status, 200)
    assert.deepEqual(twice.body.data.map((d: {guid: string}) => d.guid).sort(), [org('org-a').guid, org('org-b').guid].sort())
    assert.equal(org('org-b').default_isolation_segment_guid, null, 'entitlement never sets the default')
    const missing = '00000000-0000-4000-8000-000000000000'
    assert.equal(
      errorOf(await api.post(path, {data: [{guid: missing}]})).detail,
      `Unable to entitle organizations ['${missing}'] for the isolation segment. Ensure the organizations exist.`,
    )
    await api.post(`/v3/isolation_segments/${SHARED_SEGMENT_GUID}/relationships/organizations`, {data: [{guid: org('org-b').guid}]})
    assert.equal(org('org-b').default_isolation_segment_guid, SHARED_SEGMENT_GUID)
  })

  it('behaviour 15: space assignment needs entitlement and an org manager; null clears', async () => {
    const prodB = space('org-b', 'prod')
    const assign = (guid: string | null, who = api) =>
      who.patch(`/v3/spaces/${prodB.guid}/relationships/isolation_segment`, {data: guid ? {guid} : null})
    assert.equal(
      errorOf(await assign(segment('vpn').guid)).detail,
      `Unable to assign isolation segment with guid ` +
        `'${segment('vpn').guid}'. Ensure it has been entitled to the organization that this space belongs to.`,
    )
    const orgDefault = await api.patch(`/v3/organizations/${org('org-b').guid}/relationships/default_isolation_segment`, {
      data: {guid: segment('vpn').guid},
    })
    assert.equal(
      errorOf(orgDefault).detail,
      `Unable to assign isolation segment with guid '${segment('vpn').guid}'. ` + 'Ensure it has been entitled to the organization.',
    )
    const dev = apiFor(sim, (await passwordToken(sim, 'dev', 'pw')).body.access_token)
    const devSpace = space('org-a', 'dev')
    const byManager = await dev.patch(`/v3/spaces/${devSpace.guid}/relationships/isolation_segment`, {data: {guid: segment('vpn').guid}})
    assert.equal(byManager.status, 200)
    assert.equal((await assign(null)).body.data, null)
    assert.equal((await assign(null, dev)).status, 404, 'org-b is not visible to the org-a manager')
  })

  it('behaviour 16: a segment still entitled, or the shared one, cannot be deleted', async () => {
    assert.equal(
      errorOf(await api.delete(`/v3/isolation_segments/${segment('vpn').guid}`)).detail,
      'Revoke the Organization entitlements for your Isolation Segment.',
    )
    assert.equal(
      errorOf(await api.delete(`/v3/isolation_segments/${SHARED_SEGMENT_GUID}`)).detail,
      'Cannot delete the shared Isolation Segment',
    )
  })

  it('behaviour 17: revoking fails while the org default or a space uses the segment', async () => {
    const path = `/v3/isolation_segments/${segment('vpn').guid}/relationships/organizations/${org('org-a').guid}`
    assert.equal(
      errorOf(await api.delete(path)).detail,
      'Cannot remove the entitlement while this Isolation Segment is ' + 'assigned as the Default Isolation Segment for the Organization.',
    )
    await api.patch(`/v3/organizations/${org('org-a').guid}/relationships/default_isolation_segment`, {data: null})
    await api.patch(`/v3/spaces/${space('org-a', 'dev').guid}/relationships/isolation_segment`, {data: {guid: segment('vpn').guid}})
    assert.equal(
      errorOf(await api.delete(path)).detail,
      'Cannot remove the entitlement while this Isolation Segment is ' + "assigned to any Spaces. Currently assigned to: 'prod', 'dev'",
    )
    for (const name of ['prod', 'dev']) {
      await api.patch(`/v3/spaces/${space('org-a', name).guid}/relationships/isolation_segment`, {data: null})
    }
    assert.equal((await api.delete(path)).status, 204)
    assert.deepEqual(segment('vpn').organization_guids, [])
  })

  it('behaviour 18: ASG binding is idempotent, unbinding unbound is 422, PATCH replaces rules and merges flags', async () => {
    const group = t().securityGroups.first('name', 'vpn-db')!
    const prod = space('org-a', 'prod').guid
    const bound = await api.post(`/v3/security_groups/${group.guid}/relationships/running_spaces`, {data: [{guid: prod}]})
    assert.deepEqual(bound.body.data, [{guid: prod}])
    assert.deepEqual(Object.keys(bound.body.links), ['self'])
    const missing = '00000000-0000-4000-8000-000000000000'
    assert.equal(
      errorOf(await api.post(`/v3/security_groups/${group.guid}/relationships/staging_spaces`, {data: [{guid: missing}]})).detail,
      `Spaces with guids ["${missing}"] do not exist, or you do not have access to them.`,
    )
    assert.equal(
      errorOf(await api.delete(`/v3/security_groups/${group.guid}/relationships/staging_spaces/${prod}`)).detail,
      `Unable to unbind security group from space with guid '${prod}'. Ensure the space is bound to this security group.`,
    )
    const patched = await api.patch(`/v3/security_groups/${group.guid}`, {
      globally_enabled: {staging: true},
      rules: [{protocol: 'tcp', destination: '10.10.1.0/24', ports: '443'}],
    })
    assert.deepEqual(patched.body.rules, [{protocol: 'tcp', destination: '10.10.1.0/24', ports: '443'}])
    assert.deepEqual(patched.body.globally_enabled, {running: false, staging: true})
    const running = await api.get(`/v3/spaces/${prod}/running_security_groups`)
    assert.deepEqual(running.body.resources.map((g: {name: string}) => g.name).sort(), ['dns', 'vpn-db'])
    const staging = await api.get(`/v3/spaces/${space('org-b', 'prod').guid}/staging_security_groups`)
    assert.deepEqual(staging.body.resources.map((g: {name: string}) => g.name).sort(), ['dns', 'vpn-db'])
    assert.equal((await api.get(`/v3/spaces/${prod}/running_security_groups?foo=1`)).status, 422)
  })

  it('behaviour 19: user-provided instances hide credentials, require https, and copy URL changes to bindings', async () => {
    const plain = await api.get(`/v3/service_instances/${instance('plain').guid}`)
    assert.equal('credentials' in plain.body, false)
    assert.deepEqual((await api.get(`/v3/service_instances/${instance('plain').guid}/credentials`)).body, {k: 'v'})
    assert.equal(
      errorOf(await api.patch(`/v3/service_instances/${instance('rs').guid}`, {route_service_url: 'http://insecure.example.gov'})).detail,
      'Route service url must be https',
    )
    const updated = await api.patch(`/v3/service_instances/${instance('rs').guid}`, {route_service_url: 'https://new.example.gov'})
    assert.equal(updated.body.last_operation.type, 'update')
    assert.equal(updated.body.last_operation.state, 'succeeded')
    const binding = await api.get(`/v3/service_route_bindings?service_instance_guids=${instance('rs').guid}`)
    assert.equal(binding.body.resources[0].route_service_url, 'https://new.example.gov')
  })
})
