import assert from 'node:assert/strict'

import {generateSeed} from '../../../src/sim/generate.js'
import {validateSeed} from '../../../src/sim/seed.js'

const shape = {orgs: 100, spacesPerOrg: 3, segments: 4, securityGroups: 2}

describe('sim: generated seeds', () => {
  it('entitles every org round-robin by default, half of them with the segment as default', () => {
    const seed = generateSeed(shape)
    assert.deepEqual(
      seed.isolation_segments!.map((s) => s.orgs!.length),
      [25, 25, 25, 25],
    )
    assert.deepEqual(seed.isolation_segments![1].orgs!.slice(0, 2), ['org-0001', 'org-0005'])
    assert.equal(seed.orgs!.filter((o) => o.default_isolation_segment !== undefined).length, 50)
  })

  it('entitles only `entitledOrgs` orgs, spread over the foundation, and assigns spaces only in those', () => {
    const seed = generateSeed({...shape, entitledOrgs: 8})
    const entitled = seed.isolation_segments!.flatMap((s) => s.orgs!)
    assert.equal(entitled.length, 8)
    assert.deepEqual(
      seed.isolation_segments!.map((s) => s.orgs!.length),
      [2, 2, 2, 2],
    )
    assert.deepEqual(entitled.sort(), ['org-0000', 'org-0012', 'org-0025', 'org-0037', 'org-0050', 'org-0062', 'org-0075', 'org-0087'])
    const outside = seed.orgs!.filter((o) => !entitled.includes(o.name))
    assert.equal(outside.length, 92)
    assert.ok(outside.every((o) => o.default_isolation_segment === undefined && o.spaces!.every((s) => s.isolation_segment === undefined)))
    assert.equal(seed.orgs!.filter((o) => o.default_isolation_segment !== undefined).length, 4)
    validateSeed(seed)
  })

  it('entitles nobody with entitledOrgs 0, and everybody when asked for more orgs than there are', () => {
    assert.equal(generateSeed({...shape, entitledOrgs: 0}).isolation_segments!.flatMap((s) => s.orgs!).length, 0)
    assert.deepEqual(generateSeed({...shape, entitledOrgs: 1000}), generateSeed(shape))
  })
})
