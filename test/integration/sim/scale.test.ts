// A guard against O(n^2): a 1,000-org / 10,000-space foundation loads fast and lists in two big pages.
import assert from 'node:assert/strict'
import {generateSeed, startSimulator, type Simulator} from '../../../src/sim/index.js'
import {apiFor, passwordToken} from './helpers.js'

describe('sim scale', function () {
  let sim: Simulator

  after(() => sim?.close())

  it('loads 1,000 orgs / 10,000 spaces in under 10 s and lists all spaces in 2 requests quickly', async () => {
    const seed = generateSeed({orgs: 1000, spacesPerOrg: 10, segments: 5, securityGroups: 20})
    let started = Date.now()
    sim = await startSimulator({seed})
    const loadMs = Date.now() - started
    assert.ok(loadMs < 10_000, `load took ${loadMs} ms`)
    assert.equal(sim.store.tables.spaces.size, 10_000)
    const api = apiFor(sim, (await passwordToken(sim)).body.access_token)
    sim.journal.clear()
    started = Date.now()
    let next: string | null = `${sim.url}/v3/spaces?per_page=5000`
    let seen = 0
    while (next) {
      const page = await api.get(next.slice(sim.url.length))
      seen += page.body.resources.length
      next = page.body.pagination.next?.href ?? null
    }
    const listMs = Date.now() - started
    assert.equal(seen, 10_000)
    assert.equal(sim.journal.entries().length, 2)
    // O(n^2) over 10,000 spaces would take far longer; the slack is for busy CI machines.
    assert.ok(listMs < 3_000, `listing took ${listMs} ms`)
    console.log(`      scale: load ${loadMs} ms, list 10,000 spaces ${listMs} ms`)
  })
})
