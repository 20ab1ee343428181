import assert from 'node:assert/strict'
import {X509Certificate} from 'node:crypto'

import {createClientCert} from '../../../../src/ops/client-cert/create.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {applySetup, planSetup} from '../../../../src/ops/setup/index.js'
import {writesIn} from '../../../helpers/sim.js'
import {recordingReporter, useSetupFoundation} from './helpers.js'

const file = (certs: string) => `orgs:
  agency-a:
    client_ca_space: dev
    spaces:
      prod:
        client_certificates:
${certs}`

describe('ops/setup: client certificates declared in a setup file', () => {
  const f = useSetupFoundation({deploymentStepMs: 5})

  it('plans a create (data: days, key type, CA space), applies it, and a second plan has no changes', async () => {
    const cf = await f.client()
    const setup = f.file('certs.yml', file('          payments: {days: 90, cn: payments.agency-a.gov, rotate_before: 14d}\n'))
    const plan = await planSetup(cf, {file: setup}, silentReporter)
    const change = plan.changes.find((c) => c.type === 'client_certificate')
    assert.deepEqual(change, {
      action: 'create',
      address: 'org.agency-a.space.prod.client_certificate.payments',
      type: 'client_certificate',
      name: {org: 'agency-a', space: 'prod', name: 'payments'},
      before: null,
      after: {days: 90, key_type: 'ecdsa-p256', cn: 'payments.agency-a.gov', ca_space: 'dev'},
      reason: 'not on the foundation',
    })
    f.sim().journal.clear()
    const applied = await applySetup(cf, {file: setup}, silentReporter)
    assert.deepEqual(applied.applied, ['org.agency-a.space.prod.client_certificate.payments'])
    // The org's CA, then the certificate.
    assert.deepEqual(writesIn(f.sim()), ['POST /v3/service_instances', 'POST /v3/service_instances'])
    const again = await planSetup(cf, {file: setup}, silentReporter)
    const noOp = again.changes.find((c) => c.type === 'client_certificate')
    assert.deepEqual([noOp?.action, noOp?.reason], ['no-op', 'expires in 89 days, rotate_before 14d'])
  })

  it('rotates a certificate inside its rotation window, with the reason, restarting the apps named', async () => {
    const cf = await f.client()
    await createClientCert(
      cf,
      {name: 'short', org: 'agency-a', space: 'prod', days: 10, keyType: 'ecdsa-p256', ca: {}, now: new Date()},
      silentReporter,
    )
    const [instance] = await cf.serviceInstances.listAll({names: ['short']})
    const before = String((await cf.serviceInstances.getCredentials(instance.guid)).certificate)
    const setup = f.file('rotate.yml', file('          short: {days: 30, rotate_before: 14d, restart_apps: [api]}\n'))
    const plan = await planSetup(cf, {file: setup}, silentReporter)
    const change = plan.changes.find((c) => c.type === 'client_certificate')
    assert.deepEqual([change?.action, change?.reason], ['update', 'expires in 9 days, rotate_before 14d'])
    assert.deepEqual([change?.before?.days_left, change?.after?.days_left], [9, 30])
    f.sim().journal.clear()
    const reporter = recordingReporter()
    await applySetup(cf, {file: setup}, reporter)
    assert.deepEqual(
      writesIn(f.sim()).map((w) => w.replace(/[0-9a-f-]{36}/, ':guid')),
      ['PATCH /v3/service_instances/:guid', 'POST /v3/deployments'],
    )
    assert.ok(reporter.progressed.some((p) => p.includes('rotate client certificate agency-a/prod/short and restart api')))
    const after = new X509Certificate(String((await cf.serviceInstances.getCredentials(instance.guid)).certificate))
    assert.notEqual(after.serialNumber, new X509Certificate(before).serialNumber)
    // The file's days apply from this issue on.
    assert.equal(Math.round((Date.parse(after.validTo) - Date.now()) / 86_400_000), 30)
  })

  it('refuses a bad rotate_before with its position, and leaves an instance cgx did not make alone, with a warning', async () => {
    const cf = await f.client()
    await assert.rejects(
      planSetup(cf, {file: f.file('bad.yml', file('          payments: {days: 30, rotate_before: 2w}\n'))}, silentReporter),
      (error: {code: string; suggestions: string[]}) => {
        assert.equal(error.code, 'SETUP_FILE_INVALID')
        assert.match(error.suggestions[0], /:7:47: rotate_before takes whole days, like 14d; got "2w"/)
        return true
      },
    )
    const reporter = recordingReporter()
    const plan = await planSetup(cf, {file: f.file('foreign.yml', file('          logdrain: {}\n'))}, reporter)
    assert.equal(
      plan.changes.some((c) => c.type === 'client_certificate'),
      false,
    )
    assert.match(reporter.warned.join('\n'), /service instance 'logdrain' exists and is not a cgx client certificate/)
  })
})
