import assert from 'node:assert/strict'
import {Faults} from '../../../src/sim/faults.js'
import {generateSeed} from '../../../src/sim/generate.js'
import {guidFrom} from '../../../src/sim/guid.js'
import {signJwt, verifyJwt} from '../../../src/sim/jwt.js'
import {validateSeed} from '../../../src/sim/seed.js'
import {Table} from '../../../src/sim/table.js'
import {bitsLength} from '../../../src/sim/api/builds.js'

describe('sim building blocks', () => {
  it('tables keep secondary indexes in step with updates and removals', () => {
    const table = new Table<{guid: string; parent: string; tags: string[]}>({parent: (r) => r.parent, tag: (r) => r.tags})
    const row = table.insert({guid: 'g1', parent: 'p1', tags: ['a', 'b']})
    table.insert({guid: 'g2', parent: 'p1', tags: []})
    assert.deepEqual(
      table.by('parent', 'p1').map((r) => r.guid),
      ['g1', 'g2'],
    )
    table.update(row, {parent: 'p2', tags: ['b']})
    assert.deepEqual(
      table.by('parent', 'p1').map((r) => r.guid),
      ['g2'],
    )
    assert.deepEqual(table.by('tag', 'a'), [])
    table.remove('g2')
    assert.equal(table.first('parent', 'p1'), undefined)
    assert.equal(table.size, 1)
  })

  it('derives stable, well-formed guids from names', () => {
    assert.equal(guidFrom('org', 'a'), guidFrom('org', 'a'))
    assert.notEqual(guidFrom('org', 'a'), guidFrom('org', 'b'))
    assert.match(guidFrom('x'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('verifies its own JWTs and rejects tampered ones', () => {
    const token = signJwt({sub: 'u', exp: 1}, 'secret')
    assert.deepEqual(verifyJwt(token, 'secret'), {sub: 'u', exp: 1})
    assert.equal(verifyJwt(token, 'other'), undefined)
    assert.equal(verifyJwt(`${token.slice(0, -2)}xx`, 'secret'), undefined)
  })

  it('consumes explicit fault rules and replays random faults for a seed', () => {
    const faults = new Faults()
    faults.inject({method: 'GET', path: '^/v3/apps', status: 503, times: 2})
    assert.equal(faults.take('POST', '/v3/apps'), undefined)
    assert.equal(faults.take('GET', '/v3/apps/x')?.status, 503)
    assert.equal(faults.take('GET', '/v3/apps')?.status, 503)
    assert.equal(faults.take('GET', '/v3/apps'), undefined)
    const draw = () => {
      faults.setRandom({rate: 0.5, kinds: ['reset', '5xx'], seed: 7})
      return Array.from({length: 20}, () => JSON.stringify(faults.take('GET', '/')))
    }
    assert.deepEqual(draw(), draw())
  })

  it('validates seeds with the path of every problem', () => {
    assert.throws(
      () => validateSeed({orgs: [{name: 1, spaces: 'x'}], colour: 'red'}, 'f.yml'),
      (error: Error) => {
        assert.match(error.message, /^f\.yml: invalid seed:/)
        assert.match(error.message, /\(top level\): unknown key 'colour'/)
        assert.match(error.message, /orgs\[0\]\.name: expected a string, got 1/)
        assert.match(error.message, /orgs\[0\]\.spaces: expected a list/)
        return true
      },
    )
  })

  it('generates seeds of the requested size that validate', () => {
    const seed = validateSeed(generateSeed({orgs: 4, spacesPerOrg: 3, segments: 2, securityGroups: 2}))
    assert.equal(seed.orgs?.length, 4)
    assert.equal(seed.orgs?.[0].spaces?.length, 3)
    assert.deepEqual(
      seed.isolation_segments?.map((s) => s.orgs),
      [
        ['org-0000', 'org-0002'],
        ['org-0001', 'org-0003'],
      ],
    )
  })

  it('measures the multipart `bits` field', () => {
    const body = Buffer.from('--b\r\nContent-Disposition: form-data; name="bits"\r\n\r\n12345\r\n--b--\r\n')
    assert.equal(bitsLength(body, 'multipart/form-data; boundary=b'), 5)
    assert.equal(bitsLength(body, 'application/json'), undefined)
  })
})
