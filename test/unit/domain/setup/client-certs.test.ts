import assert from 'node:assert/strict'

import {clientCertChanges} from '../../../../src/domain/setup/client-certs.js'
import type {LiveClientCert, SetupFile} from '../../../../src/domain/setup/model.js'

const file: SetupFile = {
  segments: [],
  securityGroups: [],
  orgs: [
    {
      name: 'agency-a',
      spaces: [
        {
          name: 'prod',
          clientCertificates: [
            {name: 'expired', days: 30, keyType: 'rsa-3072', rotateBeforeDays: 7, restartApps: ['api']},
            {name: 'empty', days: 30, keyType: 'ecdsa-p256', rotateBeforeDays: 7},
            {name: 'fresh', days: 30, keyType: 'ecdsa-p256', rotateBeforeDays: 7},
          ],
        },
      ],
    },
  ],
}
const live = (name: string, daysLeft?: number): LiveClientCert => ({
  org: 'agency-a',
  space: 'prod',
  name,
  cgx: true,
  ...(daysLeft === undefined ? {} : {daysLeft}),
})

describe('domain/setup: client certificates in the plan', () => {
  it('rotates an expired one and one holding no certificate, and leaves one outside its window, each with its reason', () => {
    const {changes, warnings} = clientCertChanges(file, [live('expired', -3), live('empty'), live('fresh', 7)])
    assert.deepEqual(warnings, [])
    assert.deepEqual(
      changes.map((c) => [c.address, c.action, c.reason]),
      [
        ['org.agency-a.space.prod.client_certificate.expired', 'update', 'expired 3 days ago, rotate_before 7d'],
        ['org.agency-a.space.prod.client_certificate.empty', 'update', 'holds no certificate; rotate_before 7d'],
        ['org.agency-a.space.prod.client_certificate.fresh', 'no-op', 'expires in 7 days, rotate_before 7d'],
      ],
    )
    assert.deepEqual(changes[0].after, {days_left: 30, days: 30, key_type: 'rsa-3072', restart_apps: ['api']})
    // Only days_left differs: the issue settings are on both sides, so the plan shows the renewal and nothing else.
    assert.deepEqual(changes[0].before, {days_left: -3, days: 30, key_type: 'rsa-3072', restart_apps: ['api']})
  })

  it('plans no change, and warns, for an instance of that name cgx did not make', () => {
    const {changes, warnings} = clientCertChanges(file, [{...live('fresh', 20), cgx: false}, live('expired', 20), live('empty', 20)])
    assert.deepEqual(
      changes.map((c) => c.name.name),
      ['expired', 'empty'],
    )
    assert.deepEqual(warnings, [
      "org.agency-a.space.prod: service instance 'fresh' exists and is not a cgx client certificate: apply leaves it as it is (rename one of them).",
    ])
  })
})
