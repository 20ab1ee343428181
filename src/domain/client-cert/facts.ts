// What a certificate says, read with node:crypto's X509Certificate (no ASN.1 of our own), and the checks an
// imported certificate must pass before it is stored: it parses, its key matches, it is for client authentication,
// and it is valid now.
import {createPrivateKey, X509Certificate, type KeyObject} from 'node:crypto'

import {certificateBlocks} from './pem.js'

/** id-kp-clientAuth (RFC 5280 4.2.1.12). */
export const CLIENT_AUTH_OID = '1.3.6.1.5.5.7.3.2'

export interface CertificateFacts {
  subject: string
  issuer: string
  serial: string
  notBefore: Date
  notAfter: Date
  /** Extended key usage includes clientAuth. */
  clientAuth: boolean
  isCa: boolean
  keyType: string
}

/** Subject and issuer as one line ("CN=x, O=y"): X509Certificate gives one attribute per line. */
const oneLine = (name: string) => name.split('\n').filter(Boolean).join(', ')

export function certificateFacts(pem: string): CertificateFacts {
  const certificate = new X509Certificate(pem)
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    serial: certificate.serialNumber,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    clientAuth: (certificate.keyUsage ?? []).includes(CLIENT_AUTH_OID),
    isCa: certificate.ca,
    keyType: keyTypeOf(certificate.publicKey),
  }
}

/** ecdsa-p256, ecdsa-p384, rsa-2048...: the names --key-type takes, and what others are called. */
export function keyTypeOf(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {}
  if (key.asymmetricKeyType === 'ec') return `ecdsa-${CURVES[details.namedCurve ?? ''] ?? details.namedCurve}`
  if (key.asymmetricKeyType === 'rsa') return `rsa-${details.modulusLength}`
  return key.asymmetricKeyType ?? 'unknown'
}

const CURVES: Record<string, string> = {prime256v1: 'p256', secp384r1: 'p384', secp521r1: 'p521'}

/** Key types a client certificate may have: what TLS servers commonly accept, and what cgx can issue. */
export const ACCEPTED_KEY_TYPES = ['ecdsa-p256', 'ecdsa-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096']

export interface ImportProblem {
  code:
    | 'CERT_UNREADABLE'
    | 'KEY_UNREADABLE'
    | 'KEY_TYPE_UNSUPPORTED'
    | 'KEY_MISMATCH'
    | 'CERT_NOT_CLIENT_AUTH'
    | 'CERT_EXPIRED'
    | 'CERT_NOT_YET_VALID'
  message: string
}

export interface CheckedPair {
  certificate: string
  /** The certificates after the first in the file: its issuers, as the server's owner needs them. */
  chain: string
  privateKey: string
  facts: CertificateFacts
}

/** An externally issued certificate and its key, checked; a problem instead when they must not be stored. */
export function checkImportedPair(certificateText: string, keyText: string, now: Date): CheckedPair | ImportProblem {
  const [first, ...chain] = certificateBlocks(certificateText)
  if (first === undefined)
    return {code: 'CERT_UNREADABLE', message: 'The certificate file holds no PEM certificate (-----BEGIN CERTIFICATE-----).'}
  const key = readPrivateKey(keyText)
  if (key === undefined) return {code: 'KEY_UNREADABLE', message: 'The key file holds no unencrypted PEM private key.'}
  let certificate: X509Certificate
  try {
    certificate = new X509Certificate(first)
  } catch {
    return {code: 'CERT_UNREADABLE', message: 'The certificate in the certificate file cannot be parsed.'}
  }
  const problem = pairProblem(certificate, key, now)
  if (problem) return problem
  const privateKey = key.export({type: 'pkcs8', format: 'pem'}).toString()
  return {certificate: first, chain: chain.join(''), privateKey, facts: certificateFacts(first)}
}

function pairProblem(certificate: X509Certificate, key: KeyObject, now: Date): ImportProblem | undefined {
  const keyType = keyTypeOf(key)
  if (!ACCEPTED_KEY_TYPES.includes(keyType)) {
    return {
      code: 'KEY_TYPE_UNSUPPORTED',
      message: `The key is ${keyType}; a client certificate's key must be one of ${ACCEPTED_KEY_TYPES.join(', ')}.`,
    }
  }
  if (!certificate.checkPrivateKey(key)) return {code: 'KEY_MISMATCH', message: 'The private key does not belong to the certificate.'}
  const facts = certificateFacts(certificate.toString())
  if (!facts.clientAuth)
    return {
      code: 'CERT_NOT_CLIENT_AUTH',
      message: `The certificate (${facts.subject}) is not for client authentication: its extended key usage lacks clientAuth.`,
    }
  if (facts.notAfter.getTime() <= now.getTime())
    return {code: 'CERT_EXPIRED', message: `The certificate (${facts.subject}) expired on ${facts.notAfter.toISOString()}.`}
  if (facts.notBefore.getTime() > now.getTime())
    return {code: 'CERT_NOT_YET_VALID', message: `The certificate (${facts.subject}) is not valid before ${facts.notBefore.toISOString()}.`}
  return undefined
}

/** The first private key in the text as a KeyObject (any of PKCS#8, SEC1, PKCS#1), or undefined. */
export function readPrivateKey(text: string): KeyObject | undefined {
  const match = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/.exec(text)
  if (!match) return undefined
  try {
    return createPrivateKey(match[0])
  } catch {
    return undefined
  }
}
