import assert from 'node:assert/strict'
import {labelSelector, updateMetadata, validateMetadata} from '../../../src/sim/metadata.js'

const invalid = (detail: string) => new Error(detail)

describe('sim metadata', () => {
  it('merges key by key, null deletes, missing keys stay', () => {
    const current = {labels: {a: '1', b: '2'}, annotations: {note: 'x'}}
    assert.deepEqual(updateMetadata(current, {labels: {a: null, c: '3'}}), {labels: {b: '2', c: '3'}, annotations: {note: 'x'}})
    assert.equal(updateMetadata(current, undefined), current)
  })

  it('reports every problem joined with ", "', () => {
    assert.throws(() => validateMetadata({labels: {'a/b/c': 'x', 'cloudfoundry.org/k': 'v', [`${'k'.repeat(64)}`]: '-v'}}), {
      message:
        "Metadata label key error: key has more than one '/', Metadata label key error: prefix 'cloudfoundry.org' " +
        "is reserved, Metadata label key error: 'kkkkkkkk...' is greater than 63 characters, " +
        "Metadata label value error: '-v' starts or ends with invalid characters",
    })
    assert.throws(() => validateMetadata({tags: {}}), {message: "Metadata has unexpected field(s): 'tags'"})
    assert.throws(() => validateMetadata('x'), {message: 'Metadata must be an object'})
  })

  it('selects by key=value, key!=value, key, !key, in and notin', () => {
    const m = (labels: Record<string, string>) => ({labels, annotations: {}})
    const item = m({env: 'prod', tier: 'web'})
    const matches = (selector: string) => labelSelector(selector, invalid)(item)
    assert.equal(matches('env=prod,tier'), true)
    assert.equal(matches('env==prod'), true)
    assert.equal(matches('env!=prod'), false)
    assert.equal(matches('!owner'), true)
    assert.equal(matches('env in (dev,prod)'), true)
    assert.equal(matches('env notin (dev,prod)'), false)
    assert.throws(() => labelSelector('=broken', invalid))
  })
})
