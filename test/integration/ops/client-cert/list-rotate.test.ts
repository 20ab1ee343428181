import assert from 'node:assert/strict'
import {X509Certificate} from 'node:crypto'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import type {CfClient} from '../../../../src/cf/index.js'
import {createCa, issueClientCertificate} from '../../../../src/domain/client-cert/issue.js'
import {createClientCert} from '../../../../src/ops/client-cert/create.js'
import {listClientCerts} from '../../../../src/ops/client-cert/list.js'
import {rotateClientCert} from '../../../../src/ops/client-cert/rotate.js'
import {silentReporter} from '../../../../src/ops/reporter.js'
import {recordingReporter, useFoundation} from '../segments/helpers.js'
import {createRequest, issuedBy, now, storedCredentials} from './helpers.js'

describe('ops/client-cert: list and rotate', () => {
  const foundation = useFoundation()
  let cf: CfClient

  before(async () => {
    cf = await foundation.client()
    await createClientCert(cf, createRequest('short-lived', {days: 9, commonName: 'short, "quoted"'}), silentReporter)
    await createClientCert(cf, createRequest('long-lived', {days: 200, keyType: 'rsa-2048', ca: {}}), silentReporter)
    // A certificate someone pasted into a user-provided instance by hand: found, not cgx's.
    const ca = await createCa({org: 'hand-made', days: 30, now})
    const pasted = await issueClientCertificate(ca, {
      commonName: 'pasted',
      org: 'agency-b',
      space: 'prod',
      days: 20,
      keyType: 'ecdsa-p256',
      now,
    })
    const [agencyB] = await cf.organizations.listAll({names: ['agency-b']})
    const [prodB] = await cf.spaces.listAll({names: ['prod'], organization_guids: [agencyB.guid]})
    await cf.serviceInstances.create({
      type: 'user-provided',
      name: 'by-hand',
      relationships: {space: {data: {guid: prodB.guid}}},
      credentials: {cert: pasted.certificate},
    })
  })
  beforeEach(() => foundation.sim().journal.clear())

  const reads = () =>
    foundation
      .sim()
      .journal.entries()
      .filter((e) => e.method === 'GET')
      .map((e) => e.path.replace(/[0-9a-f-]{36}/g, ':guid'))

  it("lists an org's client certificates by expiry, without the CA, in paged listings plus one credentials read per user-provided instance", async () => {
    const result = await listClientCerts(cf, {org: 'agency-a', expiringWithin: '30d', now}, silentReporter)
    assert.deepEqual(
      result.certificates.map((c) => [c.name, c.space, c.source, c.daysLeft, c.keyType]),
      [
        ['short-lived', 'prod', 'org-ca', 8, 'ecdsa-p256'],
        ['long-lived', 'prod', 'org-ca', 199, 'rsa-2048'],
      ],
    )
    assert.deepEqual(result.expiring, {withinDays: 30, count: 1})
    assert.doesNotMatch(JSON.stringify(result), /PRIVATE KEY/)
    // agency-a's user-provided instances: logdrain, allowlist and the two certificates; its CA is skipped by its label.
    assert.equal(reads().filter((p) => p.endsWith('/credentials')).length, 4)
    assert.deepEqual(
      reads()
        .filter((p) => !p.endsWith('/credentials'))
        .sort(),
      ['/v3/organizations', '/v3/service_instances', '/v3/spaces'],
    )
  })

  it("with managedOnly, lists by the cgx label and reads only cgx's certificates", async () => {
    const result = await listClientCerts(cf, {org: 'agency-a', managedOnly: true, now}, silentReporter)
    assert.deepEqual(
      result.certificates.map((c) => c.name),
      ['short-lived', 'long-lived'],
    )
    assert.equal(reads().filter((p) => p.endsWith('/credentials')).length, 2)
    const listing = foundation
      .sim()
      .journal.entries()
      .find((e) => e.path === '/v3/service_instances')
    assert.match(decodeURIComponent(listing?.query ?? ''), /label_selector=cgx\.cloud\.gov\/role=client-cert/)
  })

  it('finds certificates pasted by hand in every org with --all-orgs, and says which instances it could not read', async () => {
    const all = await listClientCerts(cf, {allOrgs: true, now}, silentReporter)
    assert.deepEqual(
      all.certificates.map((c) => [c.org, c.name, c.source]),
      [
        ['agency-a', 'short-lived', 'org-ca'],
        ['agency-b', 'by-hand', 'found'],
        ['agency-a', 'long-lived', 'org-ca'],
      ],
    )
    const reporter = recordingReporter()
    const asDeveloper = await listClientCerts(await foundation.client('developer'), {org: 'agency-a', now}, reporter)
    assert.deepEqual(asDeveloper.certificates, [])
    assert.equal(asDeveloper.unreadable.length, 4)
    assert.match(reporter.warned[0], /^4 user-provided instance\(s\) not readable by you, so not checked: agency-a\/prod\/logdrain/)
  })

  it('rotates: a new key and serial from the same CA, same subject, lifetime and key type, and restarts the apps named', async () => {
    const before = await storedCredentials(cf, 'prod', 'short-lived')
    foundation.sim().journal.clear()
    const result = await rotateClientCert(
      cf,
      {name: 'short-lived', org: 'agency-a', space: 'prod', ca: {}, restartApps: ['api'], now},
      silentReporter,
      {pollIntervalMs: 5},
    )
    const after = await storedCredentials(cf, 'prod', 'short-lived')
    assert.deepEqual(foundation.writes(), ['PATCH /v3/service_instances/' + result.guid, 'POST /v3/deployments'])
    assert.notEqual(after.private_key, before.private_key)
    assert.notEqual(result.serial, result.previous.serial)
    assert.equal(result.subject, 'CN=short\\, \\"quoted\\", OU=prod, O=agency-a')
    assert.equal(result.daysLeft, 8)
    assert.ok(issuedBy(after.certificate, before.ca_certificate))
    assert.equal(after.ca_certificate, before.ca_certificate)
    assert.deepEqual(
      result.restarted.map((r) => [r.app, r.status]),
      [['api', 'FINALIZED/DEPLOYED']],
    )
    assert.equal(new X509Certificate(after.certificate).subject, new X509Certificate(before.certificate).subject)
  })

  it('without apps to restart, writes the certificate and says the bound apps must restart', async () => {
    const reporter = recordingReporter()
    await rotateClientCert(cf, {name: 'long-lived', org: 'agency-a', space: 'prod', ca: {}, restartApps: [], now}, reporter)
    assert.equal(foundation.writes().length, 1)
    assert.match(
      reporter.warned[0],
      /^Apps bound to 'long-lived' keep the old certificate until they restart: `cf restart APP --strategy rolling`/,
    )
  })

  it('refuses, writing nothing: an unknown instance or app, an instance cgx did not make, a CA that did not issue it', async () => {
    const rotate = (name: string, extra: object = {}) =>
      rotateClientCert(cf, {name, org: 'agency-a', space: 'prod', ca: {}, restartApps: [], now, ...extra}, silentReporter)
    await assert.rejects(rotate('nope'), {code: 'CLIENT_CERTIFICATE_NOT_FOUND'})
    await assert.rejects(rotate('short-lived', {restartApps: ['ghost']}), {code: 'APP_NOT_FOUND'})
    await assert.rejects(rotate('logdrain'), {code: 'NOT_CGX_CLIENT_CERT'})
    const foreign = await createCa({org: 'agency-a', days: 30, now})
    const dir = mkdtempSync(path.join(tmpdir(), 'cgx-rotate-'))
    writeFileSync(path.join(dir, 'ca.pem'), foreign.privateKey + foreign.certificate)
    await assert.rejects(rotate('short-lived', {ca: {caKeyFile: path.join(dir, 'ca.pem')}}), {code: 'CA_KEY_MISMATCH'})
    rmSync(dir, {recursive: true, force: true})
    assert.deepEqual(foundation.writes(), [])
  })
})
