import assert from 'node:assert/strict'
import {execFileSync, spawnSync} from 'node:child_process'
import {createPrivateKey, X509Certificate} from 'node:crypto'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {certificateFacts, CLIENT_AUTH_OID} from '../../../../src/domain/client-cert/facts.js'
import {createCa, issueClientCertificate, KEY_TYPES} from '../../../../src/domain/client-cert/issue.js'

const now = new Date('2026-12-06T00:00:00Z')
const hasOpenssl = spawnSync('openssl', ['version']).status === 0

describe('domain/client-cert: an org CA and the client certificates it signs', () => {
  let ca: Awaited<ReturnType<typeof createCa>>
  let dir: string

  before(async () => {
    ca = await createCa({org: 'agency-a, "tax"', days: 3650, now})
    dir = mkdtempSync(path.join(tmpdir(), 'cgx-client-cert-'))
  })
  after(() => rmSync(dir, {recursive: true, force: true}))

  it('makes a self-signed CA that may sign certificates and nothing below it', () => {
    const certificate = new X509Certificate(ca.certificate)
    assert.equal(certificate.ca, true)
    assert.equal(certificate.verify(certificate.publicKey), true)
    assert.equal(certificate.checkPrivateKey(createPrivateKey(ca.privateKey)), true)
    // Names are taken literally, not as DN syntax: the comma and quotes are in the value (shown escaped).
    assert.equal(certificateFacts(ca.certificate).subject, 'CN=cgx client CA for agency-a\\, \\"tax\\", O=agency-a\\, \\"tax\\"')
    assert.match(ca.privateKey, /^-----BEGIN PRIVATE KEY-----\n/)
  })

  for (const keyType of KEY_TYPES) {
    it(`issues a ${keyType} client certificate for clientAuth, signed by the CA, valid for the days asked`, async function () {
      this.timeout(20_000)
      const issued = await issueClientCertificate(ca, {
        commonName: 'payments-client',
        org: 'agency-a',
        space: 'prod',
        days: 90,
        keyType,
        now,
      })
      const certificate = new X509Certificate(issued.certificate)
      const facts = certificateFacts(issued.certificate)
      assert.equal(certificate.verify(new X509Certificate(ca.certificate).publicKey), true)
      assert.equal(certificate.checkIssued(new X509Certificate(ca.certificate)), true)
      assert.equal(certificate.checkPrivateKey(createPrivateKey(issued.privateKey)), true)
      assert.deepEqual(certificate.keyUsage, [CLIENT_AUTH_OID])
      assert.equal(facts.keyType, keyType)
      assert.equal(facts.isCa, false)
      assert.equal(facts.subject, 'CN=payments-client, OU=prod, O=agency-a')
      assert.equal(facts.issuer, certificateFacts(ca.certificate).subject)
      assert.equal(facts.notAfter.toISOString(), '2027-03-06T00:00:00.000Z')
      assert.ok(facts.notBefore < now)
      if (hasOpenssl) opensslVerify(issued.certificate)
    })
  }

  function opensslVerify(certificate: string): void {
    writeFileSync(path.join(dir, 'ca.pem'), ca.certificate)
    writeFileSync(path.join(dir, 'cert.pem'), certificate)
    // -attime: the certificates are dated from the fixed `now`, not the machine's clock.
    const verifyArgs = (purpose: string) => [
      'verify',
      '-purpose',
      purpose,
      '-attime',
      String(now.getTime() / 1000 + 60),
      '-CAfile',
      path.join(dir, 'ca.pem'),
      path.join(dir, 'cert.pem'),
    ]
    const out = execFileSync('openssl', verifyArgs('sslclient'), {encoding: 'utf8'})
    assert.match(out, /cert\.pem: OK/)
    const server = spawnSync('openssl', verifyArgs('sslserver'), {encoding: 'utf8'})
    assert.notEqual(server.status, 0, 'a client certificate must not pass as a server certificate')
  }
})
