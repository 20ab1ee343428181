import assert from 'node:assert/strict'
import {createPrivateKey, generateKeyPairSync} from 'node:crypto'

import {checkImportedPair} from '../../../../src/domain/client-cert/facts.js'
import {createCa, issueClientCertificate} from '../../../../src/domain/client-cert/issue.js'

const now = new Date('2026-12-06T00:00:00Z')
const later = (days: number) => new Date(now.getTime() + days * 86_400_000)

describe('domain/client-cert: an externally issued certificate and key, checked before they are stored', () => {
  let ca: Awaited<ReturnType<typeof createCa>>
  let issued: Awaited<ReturnType<typeof issueClientCertificate>>

  before(async () => {
    ca = await createCa({org: 'agency-a', days: 365, now})
    issued = await issueClientCertificate(ca, {commonName: 'c', org: 'agency-a', space: 'prod', days: 30, keyType: 'ecdsa-p256', now})
  })

  it('takes a matching pair, with the issuers after the first certificate as its chain, and the key as PKCS#8', () => {
    const sec1 = createPrivateKey(issued.privateKey).export({type: 'sec1', format: 'pem'}).toString()
    assert.equal(codeOf(checkImportedPair(issued.certificate, sec1, later(1))), 'accepted')
    const checked = checkImportedPair(issued.certificate + ca.certificate, issued.privateKey, later(1))
    assert.ok('certificate' in checked)
    assert.equal(checked.certificate, issued.certificate)
    assert.equal(checked.chain, ca.certificate)
    assert.equal(checked.privateKey, issued.privateKey)
    assert.equal(checked.facts.subject, 'CN=c, OU=prod, O=agency-a')
  })

  it('refuses a key of another certificate, an expired or not yet valid certificate, and one not for clientAuth', () => {
    const other = generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey.export({type: 'pkcs8', format: 'pem'}).toString()
    assert.equal(codeOf(checkImportedPair(issued.certificate, other, later(1))), 'KEY_MISMATCH')
    assert.equal(codeOf(checkImportedPair(issued.certificate, issued.privateKey, later(31))), 'CERT_EXPIRED')
    assert.equal(codeOf(checkImportedPair(issued.certificate, issued.privateKey, later(-1))), 'CERT_NOT_YET_VALID')
    // The CA's own certificate has no clientAuth usage.
    assert.equal(codeOf(checkImportedPair(ca.certificate, ca.privateKey, later(1))), 'CERT_NOT_CLIENT_AUTH')
  })

  it('refuses a key of a type a client certificate should not have, and files without the PEM blocks asked for', () => {
    const ed = generateKeyPairSync('ed25519').privateKey.export({type: 'pkcs8', format: 'pem'}).toString()
    const small = generateKeyPairSync('rsa', {modulusLength: 1024}).privateKey.export({type: 'pkcs8', format: 'pem'}).toString()
    const problem = checkImportedPair(issued.certificate, ed, later(1))
    assert.deepEqual(problem, {
      code: 'KEY_TYPE_UNSUPPORTED',
      message: "The key is ed25519; a client certificate's key must be one of ecdsa-p256, ecdsa-p384, rsa-2048, rsa-3072, rsa-4096.",
    })
    assert.equal(codeOf(checkImportedPair(issued.certificate, small, later(1))), 'KEY_TYPE_UNSUPPORTED')
    assert.equal(codeOf(checkImportedPair(issued.privateKey, issued.privateKey, later(1))), 'CERT_UNREADABLE')
    assert.equal(codeOf(checkImportedPair(issued.certificate, issued.certificate, later(1))), 'KEY_UNREADABLE')
    const encrypted = generateKeyPairSync('ec', {namedCurve: 'P-256'})
      .privateKey.export({type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x'})
      .toString()
    assert.equal(codeOf(checkImportedPair(issued.certificate, encrypted, later(1))), 'KEY_UNREADABLE')
  })
})

const codeOf = (result: object) => ('code' in result ? result.code : 'accepted')
