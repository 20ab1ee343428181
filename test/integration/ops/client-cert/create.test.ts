import assert from 'node:assert/strict'
import {createPrivateKey, X509Certificate} from 'node:crypto'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import type {CfClient} from '../../../../src/cf/index.js'
import {createCa, issueClientCertificate} from '../../../../src/domain/client-cert/issue.js'
import {createClientCert} from '../../../../src/ops/client-cert/create.js'
import {showCa} from '../../../../src/ops/client-cert/show-ca.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {recordingReporter, useFoundation} from '../segments/helpers.js'
import {createRequest, issuedBy, now, storedCredentials} from './helpers.js'

describe('ops/client-cert: create and the org CA', () => {
  const foundation = useFoundation()
  let cf: CfClient
  let dir: string

  before(async () => {
    cf = await foundation.client()
    dir = mkdtempSync(path.join(tmpdir(), 'cgx-client-cert-it-'))
  })
  after(() => rmSync(dir, {recursive: true, force: true}))
  beforeEach(() => foundation.sim().journal.clear())

  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text)
    return path.join(dir, name)
  }

  it('asks where to keep the CA on first use, and refuses unknown spaces and bad days, writing nothing', async () => {
    await assert.rejects(
      createClientCert(cf, createRequest('c1', {ca: {}}), silentReporter),
      (error: {code: string; suggestions: string[]}) => {
        assert.equal(error.code, 'CA_CHOICE_NEEDED')
        assert.match(error.suggestions[0], /^--ca-space SPACE: .*its space developers can read the key/)
        assert.match(error.suggestions[1], /^--ca-key-file FILE/)
        return true
      },
    )
    await assert.rejects(createClientCert(cf, createRequest('c1', {space: 'prd'}), silentReporter), {
      code: 'SPACE_NOT_FOUND',
      message: "Space 'prd' not found.",
    })
    await assert.rejects(createClientCert(cf, createRequest('c1', {ca: {caSpace: 'nope'}}), silentReporter), {code: 'SPACE_NOT_FOUND'})
    await assert.rejects(createClientCert(cf, createRequest('c1', {days: 0}), silentReporter), {code: 'DAYS_INVALID'})
    assert.deepEqual(foundation.writes(), [])
  })

  it('creates the org CA in the CA space, then the certificate instance, with the three PEM credentials; the result has no key', async () => {
    const result = await createClientCert(cf, createRequest('payments-client', {commonName: 'payments.agency-a.gov'}), silentReporter)
    assert.deepEqual(foundation.writes(), ['POST /v3/service_instances', 'POST /v3/service_instances'])
    assert.deepEqual(result.ca, {kept: 'foundation', instance: {name: 'cgx-client-ca', space: 'dev'}, created: true})
    assert.equal(result.subject, 'CN=payments.agency-a.gov, OU=prod, O=agency-a')
    assert.equal(result.daysLeft, 89)
    assert.doesNotMatch(JSON.stringify(result), /PRIVATE KEY/)
    const stored = await storedCredentials(cf, 'prod', 'payments-client')
    assert.deepEqual(Object.keys(stored).sort(), ['ca_certificate', 'certificate', 'private_key'])
    assert.ok(issuedBy(stored.certificate, stored.ca_certificate))
    assert.ok(new X509Certificate(stored.certificate).checkPrivateKey(createPrivateKey(stored.private_key)))
    const ca = await showCa(cf, {org: 'agency-a', ca: {}, now}, silentReporter)
    assert.equal(ca.certificate, stored.ca_certificate)
    const [instance] = await cf.serviceInstances.listAll({names: ['payments-client']})
    assert.equal(instance.metadata.labels['cgx.cloud.gov/role'], 'client-cert')
    assert.equal(instance.metadata.labels['cgx.cloud.gov/managed-by'], 'cgx')
  })

  it('issues the next certificate from the same CA in one write, RSA when asked; refuses a name in use', async () => {
    const first = await storedCredentials(cf, 'prod', 'payments-client')
    foundation.sim().journal.clear()
    const reporter = recordingReporter()
    const result = await createClientCert(cf, createRequest('rsa-client', {keyType: 'rsa-2048', ca: {caSpace: 'staging'}}), reporter)
    assert.deepEqual(reporter.warned, [
      "Org 'agency-a' already has a client CA, in space 'dev': it is used, and --ca-space staging is not.",
    ])
    assert.deepEqual(foundation.writes(), ['POST /v3/service_instances'])
    assert.equal(result.keyType, 'rsa-2048')
    assert.ok(issuedBy((await storedCredentials(cf, 'prod', 'rsa-client')).certificate, first.ca_certificate))
    foundation.sim().journal.clear()
    await assert.rejects(createClientCert(cf, createRequest('rsa-client'), silentReporter), {code: 'CLIENT_CERT_EXISTS'})
    assert.deepEqual(foundation.writes(), [])
  })

  it("lets only admins and the space's developers read the credentials", async () => {
    const developerOfDev = await foundation.client('developer')
    const [instance] = await cf.serviceInstances.listAll({names: ['payments-client']})
    await assert.rejects(developerOfDev.serviceInstances.getCredentials(instance.guid), {status: 403})
    const developerOfProd = await foundation.client('manager')
    assert.match(String((await developerOfProd.serviceInstances.getCredentials(instance.guid)).certificate), /BEGIN CERTIFICATE/)
  })

  it("imports an agency PKI's pair after checking it, and refuses a mismatched, expired or non-client one, writing nothing", async () => {
    const agency = await createCa({org: 'Agency PKI', days: 365, now})
    const pair = await issueClientCertificate(agency, {
      commonName: 'imported',
      org: 'agency-a',
      space: 'prod',
      days: 30,
      keyType: 'ecdsa-p256',
      now,
    })
    const other = await issueClientCertificate(agency, {
      commonName: 'other',
      org: 'agency-a',
      space: 'prod',
      days: 30,
      keyType: 'ecdsa-p256',
      now,
    })
    const old = await issueClientCertificate(agency, {
      commonName: 'old',
      org: 'agency-a',
      space: 'prod',
      days: 1,
      keyType: 'ecdsa-p256',
      now: new Date(now.getTime() - 3 * 86_400_000),
    })
    const cases: Array<[string, string, string]> = [
      [pair.certificate, other.privateKey, 'KEY_MISMATCH'],
      [old.certificate, old.privateKey, 'CERT_EXPIRED'],
      [agency.certificate, agency.privateKey, 'CERT_NOT_CLIENT_AUTH'],
    ]
    for (const [certificate, key, code] of cases) {
      const request = createRequest('imported', {certFile: file('c.pem', certificate), keyFile: file('k.pem', key)})
      await assert.rejects(createClientCert(cf, request, silentReporter), {code})
    }
    assert.deepEqual(foundation.writes(), [])
    const result = await createClientCert(
      cf,
      createRequest('imported', {certFile: file('c.pem', pair.certificate + agency.certificate), keyFile: file('k.pem', pair.privateKey)}),
      silentReporter,
    )
    assert.equal(result.source, 'imported')
    assert.equal(result.ca, undefined)
    assert.equal((await storedCredentials(cf, 'prod', 'imported')).ca_certificate, agency.certificate)
  })

  it('issues from a CA kept outside the foundation, and refuses a CA key file whose key does not match its certificate', async () => {
    const outside = await createCa({org: 'agency-b', days: 365, now})
    const wrong = await createCa({org: 'agency-b', days: 365, now})
    const request = (caKeyFile: string) => createRequest('outside', {org: 'agency-b', ca: {caKeyFile}})
    await assert.rejects(createClientCert(cf, request(file('bad-ca.pem', wrong.privateKey + outside.certificate)), silentReporter), {
      code: 'CA_KEY_MISMATCH',
    })
    await assert.rejects(createClientCert(cf, request(file('no-ca.pem', outside.privateKey)), silentReporter), {
      code: 'CA_KEY_FILE_INVALID',
    })
    assert.deepEqual(foundation.writes(), [])
    const result = await createClientCert(cf, request(file('ca.pem', outside.privateKey + outside.certificate)), silentReporter)
    assert.deepEqual(foundation.writes(), ['POST /v3/service_instances'])
    assert.deepEqual(result.ca, {kept: 'file', created: false})
    assert.ok(issuedBy((await storedCredentials(cf, 'prod', 'outside', 'agency-b')).certificate, outside.certificate))
  })
})
