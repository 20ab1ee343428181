import assert from 'node:assert/strict'

import {daysLeft, describeExpiry, parseDays, rotationDue} from '../../../../src/domain/client-cert/expiry.js'
import {holdsCertificate, pemBlocks} from '../../../../src/domain/client-cert/pem.js'

const now = new Date('2026-12-06T12:00:00Z')
const at = (iso: string) => new Date(iso)

describe('domain/client-cert: expiry in whole days', () => {
  it('counts whole days left, rounding down, negative once expired', () => {
    assert.equal(daysLeft(at('2026-12-15T13:00:00Z'), now), 9)
    assert.equal(daysLeft(at('2026-12-15T11:00:00Z'), now), 8)
    assert.equal(daysLeft(at('2026-12-06T11:00:00Z'), now), -1)
  })

  it('says when it expires or expired', () => {
    assert.equal(describeExpiry(at('2026-12-15T13:00:00Z'), now), 'expires in 9 days')
    assert.equal(describeExpiry(at('2026-12-07T13:00:00Z'), now), 'expires in 1 day')
    assert.equal(describeExpiry(at('2026-12-06T11:00:00Z'), now), 'expired today')
    assert.equal(describeExpiry(at('2026-12-04T11:00:00Z'), now), 'expired 2 days ago')
  })

  it('reads "30d" and "30" as days and nothing else', () => {
    assert.equal(parseDays('30d'), 30)
    assert.equal(parseDays('14'), 14)
    for (const bad of ['30h', '-1d', '1.5d', 'd', '', '2w']) assert.equal(parseDays(bad), undefined, bad)
  })

  it('is due for rotation inside the window, with the reason a plan shows', () => {
    assert.deepEqual(rotationDue(at('2026-12-15T13:00:00Z'), now, 14), {due: true, reason: 'expires in 9 days, rotate_before 14d'})
    assert.deepEqual(rotationDue(at('2027-01-15T13:00:00Z'), now, 14), {due: false, reason: 'expires in 40 days, rotate_before 14d'})
  })
})

describe('domain/client-cert: PEM blocks', () => {
  it('finds certificates and keys in any order, with CRLF line ends, and recognises credentials holding a certificate', () => {
    const text =
      'junk\r\n-----BEGIN EC PRIVATE KEY-----\r\nAAAA\r\n-----END EC PRIVATE KEY-----\r\n-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----'
    assert.deepEqual(pemBlocks(text), [
      {label: 'EC PRIVATE KEY', text: '-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n'},
      {label: 'CERTIFICATE', text: '-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----\n'},
    ])
    assert.equal(holdsCertificate(text), true)
    assert.equal(holdsCertificate('-----BEGIN CERTIFICATE-----\nBBBB\n-----END PRIVATE KEY-----'), false)
    assert.equal(holdsCertificate({certificate: 'x'}), false)
  })
})
