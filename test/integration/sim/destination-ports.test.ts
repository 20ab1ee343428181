// Destination ports as CC shows them: a destination mapped without a port is stored without one and shown with
// the app's default (8080 for buildpack apps, the first port a Docker image exposes); written ports must be
// 1024-65535.
import assert from 'node:assert/strict'
import type {Simulator} from '../../../src/sim/index.js'
import {adminSession, errorOf, type Api} from './helpers.js'

const seed = {
  domains: [{name: 'app.example.gov'}],
  orgs: [
    {
      name: 'org-a',
      spaces: [
        {
          name: 'prod',
          routes: ['spare.app.example.gov'],
          apps: [
            {name: 'api', routes: ['api.app.example.gov']},
            {name: 'nginx', docker: {image: 'nginx:1.27', ports: [80, 443]}, routes: ['nginx.app.example.gov']},
          ],
        },
      ],
    },
  ],
}

// Taken from a real CC answer (not in the reference data): the 422 for a destination port outside 1024-65535.
const PORT_RANGE = 'Port must be a positive integer between 1024 and 65535'

describe('sim: destination ports and Docker apps', function () {
  let sim: Simulator
  let api: Api
  const app = (name: string) => sim.store.tables.apps.all().find((a) => a.name === name)!
  const route = (host: string) => sim.store.tables.routes.all().find((r) => r.host === host)!
  const destinationsOf = async (host: string) => (await api.get(`/v3/routes/${route(host).guid}/destinations`)).body.destinations
  const post = (host: string, destination: Record<string, unknown>) =>
    api.post(`/v3/routes/${route(host).guid}/destinations`, {destinations: [destination]})

  beforeEach(async () => {
    ;({sim, api} = await adminSession({seed}))
  })
  afterEach(() => sim.close())

  it('shows 8080 for a buildpack app and the image port for a Docker app, though neither stored one', async () => {
    assert.equal((await destinationsOf('api'))[0].port, 8080)
    assert.equal((await destinationsOf('nginx'))[0].port, 80)
    assert.equal((await api.get(`/v3/routes/${route('nginx').guid}`)).body.destinations[0].port, 80)
    assert.equal(route('nginx').destinations[0].port, null)
  })

  it('presents the Docker app, its droplet and its lifecycle filter with the docker lifecycle', async () => {
    const nginx = (await api.get(`/v3/apps/${app('nginx').guid}`)).body
    assert.deepEqual(nginx.lifecycle, {type: 'docker', data: {}})
    const droplet = (await api.get(`/v3/droplets/${nginx.relationships.current_droplet.data.guid}`)).body
    assert.deepEqual(droplet.lifecycle, {type: 'docker', data: {}})
    assert.equal(droplet.image, 'nginx:1.27')
    const docker = (await api.get('/v3/apps?lifecycle_type=docker')).body.resources.map((a: {name: string}) => a.name)
    assert.deepEqual(docker, ['nginx'])
    assert.deepEqual((await api.get(`/v3/apps/${app('api').guid}`)).body.lifecycle.type, 'buildpack')
  })

  it('refuses to write the displayed port 80 back, and any port outside 1024-65535, with 422', async () => {
    for (const port of [80, 0, 1023, 65536, 8080.5, '8080']) {
      const answer = await post('nginx', {app: {guid: app('nginx').guid}, port})
      assert.equal(answer.status, 422, `port ${JSON.stringify(port)}`)
      assert.equal(errorOf(answer).detail, PORT_RANGE)
    }
    const replaced = await api.patch(`/v3/routes/${route('nginx').guid}/destinations`, {
      destinations: [{app: {guid: app('nginx').guid}, port: 80}],
    })
    assert.equal(replaced.status, 422)
    assert.equal(errorOf(replaced).detail, PORT_RANGE)
    assert.equal(route('nginx').destinations.length, 1)
  })

  it('stores a written port as given and a missing one as none; re-posting without a port adds nothing', async () => {
    const added = await post('spare', {app: {guid: app('nginx').guid}, port: 8081})
    assert.equal(added.status, 200)
    assert.equal(added.body.destinations[0].port, 8081)
    await post('spare', {app: {guid: app('nginx').guid}})
    assert.deepEqual(
      route('spare').destinations.map((d) => d.port),
      [8081, null],
    )
    assert.deepEqual(
      (await destinationsOf('spare')).map((d: {port: number}) => d.port),
      [8081, 80],
    )
    await post('nginx', {app: {guid: app('nginx').guid}})
    assert.equal(route('nginx').destinations.length, 1)
  })
})
