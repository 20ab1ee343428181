// List pages are built from each resource's cached JSON: the cache must never serve a resource as it was before a
// change, and a page must be byte for byte what serialising it whole would give.
import assert from 'node:assert/strict'
import {request} from 'node:http'

import {adminSession, passwordToken, type Api} from './helpers.js'
import type {Simulator} from '../../../src/sim/index.js'

describe('sim: cached resource JSON in list pages', () => {
  let sim: Simulator
  let api: Api

  before(async () => {
    ;({sim, api} = await adminSession({seed: {orgs: [{name: 'org-a', spaces: [{name: 'dev'}, {name: 'prod'}]}]}}))
  })
  after(() => sim.close())

  const spaceNamed = async (name: string) => (await api.get('/v3/spaces')).body.resources.find((s: {name: string}) => s.name === name)

  it('lists what a single GET shows, and the page is plain JSON', async () => {
    const list = await api.get('/v3/spaces?include=organization')
    assert.equal(list.text, JSON.stringify(list.body))
    const dev = list.body.resources.find((s: {name: string}) => s.name === 'dev')
    assert.deepEqual(dev, (await api.get(`/v3/spaces/${dev.guid}`)).body)
    assert.deepEqual(
      list.body.included.organizations.map((o: {name: string}) => o.name),
      ['org-a'],
    )
  })

  it('shows a renamed space and new metadata at once, however often it was listed before', async () => {
    const dev = await spaceNamed('dev')
    await spaceNamed('dev')
    assert.equal((await api.patch(`/v3/spaces/${dev.guid}`, {name: 'development', metadata: {labels: {tier: 'one'}}})).status, 200)
    const renamed = await spaceNamed('development')
    assert.deepEqual(renamed.metadata.labels, {tier: 'one'})
    assert.equal(await spaceNamed('dev'), undefined)
    await api.patch(`/v3/spaces/${dev.guid}`, {metadata: {labels: {tier: null}}})
    assert.deepEqual((await spaceNamed('development')).metadata.labels, {})
  })

  it('shows an org change (suspension, metadata) in the org listing', async () => {
    const org = (await api.get('/v3/organizations')).body.resources[0]
    await api.patch(`/v3/organizations/${org.guid}`, {suspended: true, metadata: {annotations: {owner: 'ops'}}})
    const listed = (await api.get('/v3/organizations')).body.resources[0]
    assert.equal(listed.suspended, true)
    assert.deepEqual(listed.metadata.annotations, {owner: 'ops'})
  })

  it('uses the host the client addressed in links, per request', async () => {
    const viaIp = (await api.get('/v3/spaces')).body.resources[0].links.self.href as string
    const token = (await passwordToken(sim)).body.access_token as string
    const viaName = await getWithHost('/v3/spaces', 'cf.example.gov', `bearer ${token}`)
    assert.ok(viaIp.startsWith(`${sim.url}/v3/spaces/`))
    assert.ok(viaName.resources[0].links.self.href.startsWith('http://cf.example.gov/v3/spaces/'))
  })

  function getWithHost(path: string, host: string, authorization: string): Promise<{resources: {links: {self: {href: string}}}[]}> {
    const {hostname, port} = new URL(sim.url)
    return new Promise((resolve, reject) => {
      request({hostname, port, path, headers: {host, authorization}}, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
      })
        .on('error', reject)
        .end()
    })
  }
})
