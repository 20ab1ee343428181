import assert from 'node:assert/strict'
import {CfApiError, isUnprocessable, SHARED_ISOLATION_SEGMENT_GUID, type CfClient} from '../../../src/cf/index.js'
import {apiCalls, startHarness, type Harness} from './helpers.js'

const seed = {
  domains: [{name: 'apps.example.gov'}],
  isolation_segments: [
    {name: 'vpn-east', annotations: {'cgx.cloud.gov/private-networks': '10.10.0.0/16'}, orgs: ['agency-a']},
    {name: 'vpn-west'},
  ],
  orgs: [
    {name: 'agency-a', default_isolation_segment: 'vpn-east', spaces: [{name: 'prod', isolation_segment: 'vpn-east'}, {name: 'dev'}]},
    {name: 'agency-b', spaces: [{name: 'prod'}]},
  ],
}

describe('cf organizations, spaces and isolation segments against the simulator', () => {
  let h: Harness
  let cf: CfClient
  beforeEach(async () => {
    h = await startHarness({seed})
    cf = await h.client()
  })
  afterEach(() => h.close())

  const since = () => h.sim.journal.entries().length

  it('root and info need no token', async () => {
    const mark = since()
    const root = await cf.root.get()
    assert.equal(root.links.uaa?.href, `${h.sim.url}/uaa`)
    assert.equal((await cf.root.getInfo()).osbapi_version, '2.15')
    assert.deepEqual(
      h.sim.journal
        .entries()
        .slice(mark)
        .map((e) => `${e.method} ${e.path} ${e.status}`),
      ['GET / 200', 'GET /v3/info 200'],
    )
  })

  it('organizations: get, list by name, create with metadata, update, default domain', async () => {
    const a = await cf.organizations.single({names: ['agency-a']})
    assert.equal((await cf.organizations.get(a.guid)).name, 'agency-a')
    const mark = since()
    const created = await cf.organizations.create({name: 'agency-c', metadata: {labels: {tier: 'gold'}}})
    const renamed = await cf.organizations.update(created.guid, {
      name: 'agency-c2',
      metadata: {labels: {tier: null}, annotations: {owner: 'x'}},
    })
    assert.equal(renamed.name, 'agency-c2')
    assert.deepEqual(renamed.metadata, {labels: {}, annotations: {owner: 'x'}})
    assert.deepEqual(apiCalls(h.sim, mark), ['POST /v3/organizations', `PATCH /v3/organizations/${created.guid}`])
    assert.equal((await cf.organizations.getDefaultDomain(a.guid)).name, 'apps.example.gov')
    assert.deepEqual(
      (await cf.organizations.listAll({label_selector: 'tier=gold'})).map((o) => o.name),
      [],
    )
  })

  it('segments: entitle, set org default, assign space, list relationships, revoke, delete', async () => {
    const west = await cf.isolationSegments.single({names: ['vpn-west']})
    const orgB = await cf.organizations.single({names: ['agency-b']})
    const [spaceB] = await cf.spaces.listAll({organization_guids: [orgB.guid]})
    assert.ok(spaceB)
    const mark = since()
    assert.deepEqual(await cf.isolationSegments.entitleOrganizations(west.guid, [orgB.guid]), [orgB.guid])
    assert.deepEqual(await cf.isolationSegments.entitleOrganizations(west.guid, [orgB.guid]), [orgB.guid])
    assert.equal(await cf.organizations.setDefaultIsolationSegment(orgB.guid, west.guid), west.guid)
    assert.equal(await cf.organizations.getDefaultIsolationSegment(orgB.guid), west.guid)
    assert.equal(await cf.spaces.setIsolationSegment(spaceB.guid, west.guid), west.guid)
    assert.equal(await cf.spaces.getIsolationSegment(spaceB.guid), west.guid)
    assert.deepEqual(await cf.isolationSegments.listSpaceGuids(west.guid), [spaceB.guid])
    assert.deepEqual(await cf.isolationSegments.listEntitledOrganizationGuids(west.guid), [orgB.guid])
    assert.deepEqual(
      (await cf.isolationSegments.listOrganizations(west.guid)).map((o) => o.name),
      ['agency-b'],
    )
    assert.deepEqual(apiCalls(h.sim, mark), [
      `POST /v3/isolation_segments/${west.guid}/relationships/organizations`,
      `POST /v3/isolation_segments/${west.guid}/relationships/organizations`,
      `PATCH /v3/organizations/${orgB.guid}/relationships/default_isolation_segment`,
      `GET /v3/organizations/${orgB.guid}/relationships/default_isolation_segment`,
      `PATCH /v3/spaces/${spaceB.guid}/relationships/isolation_segment`,
      `GET /v3/spaces/${spaceB.guid}/relationships/isolation_segment`,
      `GET /v3/isolation_segments/${west.guid}/relationships/spaces`,
      `GET /v3/isolation_segments/${west.guid}/relationships/organizations`,
      `GET /v3/isolation_segments/${west.guid}/organizations?per_page=5000`,
    ])

    await assert.rejects(cf.isolationSegments.revokeOrganization(west.guid, orgB.guid), (error: unknown) => isUnprocessable(error))
    assert.equal(await cf.spaces.setIsolationSegment(spaceB.guid, null), null)
    assert.equal(await cf.organizations.setDefaultIsolationSegment(orgB.guid, null), null)
    await cf.isolationSegments.revokeOrganization(west.guid, orgB.guid)
    assert.deepEqual(await cf.isolationSegments.listEntitledOrganizationGuids(west.guid), [])
    await cf.isolationSegments.delete(west.guid)
    assert.deepEqual((await cf.isolationSegments.listAll()).map((s) => s.name).sort(), ['shared', 'vpn-east'])
  })

  it('segments: create, update metadata, get; the shared segment is known by GUID', async () => {
    const created = await cf.isolationSegments.create({
      name: 'vpn-north',
      metadata: {annotations: {'cgx.cloud.gov/private-networks': '10.30.0.0/16'}},
    })
    const updated = await cf.isolationSegments.update(created.guid, {
      metadata: {annotations: {'cgx.cloud.gov/private-networks': '10.31.0.0/16'}},
    })
    assert.equal(updated.metadata.annotations['cgx.cloud.gov/private-networks'], '10.31.0.0/16')
    assert.equal((await cf.isolationSegments.get(SHARED_ISOLATION_SEGMENT_GUID)).name, 'shared')
    await assert.rejects(
      cf.isolationSegments.create({name: 'VPN-NORTH'}),
      (error: unknown) => error instanceof CfApiError && error.status === 422,
    )
  })

  it('spaces: create, update, include organization on get and list, delete waits for the job', async () => {
    const orgA = await cf.organizations.single({names: ['agency-a']})
    const space = await cf.spaces.create({
      name: 'qa',
      relationships: {organization: {data: {guid: orgA.guid}}},
      metadata: {labels: {env: 'qa'}},
    })
    assert.equal((await cf.spaces.update(space.guid, {name: 'qa2'})).name, 'qa2')
    const withOrg = await cf.spaces.get(space.guid, {include: ['organization']})
    assert.equal((withOrg as unknown as {included: {organizations: {name: string}[]}}).included.organizations[0]?.name, 'agency-a')
    assert.deepEqual(
      (await cf.spaces.listAll({label_selector: 'env=qa'})).map((s) => s.name),
      ['qa2'],
    )
    const mark = since()
    await cf.spaces.delete(space.guid)
    const calls = apiCalls(h.sim, mark)
    assert.equal(calls[0], `DELETE /v3/spaces/${space.guid}`)
    assert.match(calls[1] ?? '', /^GET \/v3\/jobs\//)
    assert.deepEqual((await cf.spaces.listAll({names: ['qa2']})).length, 0)
  })
})
