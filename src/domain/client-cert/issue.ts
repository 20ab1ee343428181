// Keys and certificates: an org's client CA (self-signed, path length 0: it signs client certificates only) and
// client certificates signed by it (extended key usage clientAuth). Keys are made in memory and leave as PKCS#8 PEM
// strings: nothing here writes a file.
import {createPrivateKey, createPublicKey, randomBytes, webcrypto} from 'node:crypto'

import {DAY_MS} from './expiry.js'
import {keyTypeOf} from './facts.js'
import {x509Library, type X509Library} from './library.js'
import {toPem} from './pem.js'

type CryptoKey = webcrypto.CryptoKey
type CryptoKeyPair = webcrypto.CryptoKeyPair
type Algorithm = webcrypto.Algorithm

export const KEY_TYPES = ['ecdsa-p256', 'rsa-2048', 'rsa-3072'] as const
export type KeyType = (typeof KEY_TYPES)[number]

export interface KeyAndCertificate {
  certificate: string
  privateKey: string
}

export interface CaRequest {
  org: string
  days: number
  now: Date
}

export interface ClientCertificateRequest {
  commonName: string
  org: string
  space: string
  days: number
  keyType: KeyType
  now: Date
}

/** Certificates start a few minutes back, so a server whose clock is a little behind accepts them at once. */
const CLOCK_SKEW_MS = 5 * 60_000

const GENERATE: Record<KeyType, webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams> = {
  'ecdsa-p256': {name: 'ECDSA', namedCurve: 'P-256'},
  'rsa-2048': {name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256'},
  'rsa-3072': {name: 'RSASSA-PKCS1-v1_5', modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256'},
}

export async function createCa(request: CaRequest): Promise<KeyAndCertificate> {
  const x509 = await x509Library()
  const keys = await generate('ecdsa-p256')
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: distinguishedName(x509, [
      ['CN', `cgx client CA for ${request.org}`],
      ['O', request.org],
    ]),
    ...validity(request.now, request.days),
    keys,
    signingAlgorithm: signingAlgorithm('ecdsa-p256'),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return {certificate: certificate.toString('pem') + '\n', privateKey: await exportPrivateKey(keys.privateKey)}
}

export async function issueClientCertificate(ca: KeyAndCertificate, request: ClientCertificateRequest): Promise<KeyAndCertificate> {
  const x509 = await x509Library()
  const caCertificate = new x509.X509Certificate(ca.certificate)
  const signer = await importSigningKey(ca.privateKey)
  const keys = await generate(request.keyType)
  const usage =
    request.keyType === 'ecdsa-p256'
      ? x509.KeyUsageFlags.digitalSignature
      : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: distinguishedName(x509, [
      ['CN', request.commonName],
      ['OU', request.space],
      ['O', request.org],
    ]),
    issuer: caCertificate.subjectName,
    ...validity(request.now, request.days),
    publicKey: keys.publicKey,
    signingKey: signer.key,
    signingAlgorithm: signer.algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(usage, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCertificate.publicKey),
    ],
  })
  return {certificate: certificate.toString('pem') + '\n', privateKey: await exportPrivateKey(keys.privateKey)}
}

/**
 * Names from org, space and instance names as typed: each value a UTF8String taken literally (a string value would
 * be parsed as DN syntax, so a comma, quote or leading '#' in a name would change the subject).
 */
function distinguishedName(x509: X509Library, attributes: Array<[string, string]>): InstanceType<X509Library['Name']> {
  return new x509.Name(attributes.map(([type, value]) => ({[type]: [{utf8String: value}]})))
}

async function generate(keyType: KeyType): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(GENERATE[keyType], true, ['sign', 'verify'])) as CryptoKeyPair
}

function signingAlgorithm(keyType: string): webcrypto.EcdsaParams | Algorithm {
  if (keyType === 'ecdsa-p256') return {name: 'ECDSA', hash: 'SHA-256'} as webcrypto.EcdsaParams
  if (keyType === 'ecdsa-p384') return {name: 'ECDSA', hash: 'SHA-384'} as webcrypto.EcdsaParams
  return {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'} as Algorithm
}

/** A CA key in any PEM form node reads (PKCS#8, SEC1, PKCS#1), as a WebCrypto signing key and its algorithm. */
async function importSigningKey(pem: string): Promise<{key: CryptoKey; algorithm: Algorithm}> {
  const key = createPrivateKey(pem)
  const keyType = keyTypeOf(key)
  const der = key.export({type: 'pkcs8', format: 'der'})
  const importAs =
    key.asymmetricKeyType === 'ec'
      ? {name: 'ECDSA', namedCurve: keyType === 'ecdsa-p384' ? 'P-384' : 'P-256'}
      : {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'}
  return {
    key: (await webcrypto.subtle.importKey('pkcs8', der, importAs, false, ['sign'])) as CryptoKey,
    algorithm: signingAlgorithm(keyType),
  }
}

async function exportPrivateKey(key: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', key))
}

function validity(now: Date, days: number): {notBefore: Date; notAfter: Date} {
  return {notBefore: new Date(now.getTime() - CLOCK_SKEW_MS), notAfter: new Date(now.getTime() + days * DAY_MS)}
}

/** 16 random bytes, the top bit clear so the serial is a positive INTEGER (RFC 5280 4.1.2.2). */
function serial(): string {
  const bytes = randomBytes(16)
  bytes[0] &= 0x7f
  return bytes.toString('hex')
}

export interface Renewal {
  commonName: string
  days: number
  keyType: KeyType
}

/** What a renewal keeps of a certificate cgx issued: its common name, its lifetime in days, its key type. */
export async function renewalOf(pem: string): Promise<Renewal> {
  const x509 = await x509Library()
  const certificate = new x509.X509Certificate(pem)
  const keyType = keyTypeOf(createPublicKey(pem))
  const lifetime = certificate.notAfter.getTime() - certificate.notBefore.getTime() - CLOCK_SKEW_MS
  return {
    commonName: certificate.subjectName.getField('CN')[0] ?? '',
    days: Math.max(1, Math.round(lifetime / DAY_MS)),
    keyType: (KEY_TYPES as readonly string[]).includes(keyType) ? (keyType as KeyType) : 'ecdsa-p256',
  }
}
