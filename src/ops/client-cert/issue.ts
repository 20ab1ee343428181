// The key and certificate a client-cert instance holds: issued from the org's CA, or imported from a pair an agency
// PKI issued (checked: key match, key type, clientAuth, validity). Returned as the instance's credentials, which
// only ever travel to the platform.
import {certificateFacts, checkImportedPair, type CertificateFacts} from '../../domain/client-cert/facts.js'
import {issueClientCertificate, type ClientCertificateRequest} from '../../domain/client-cert/issue.js'
import type {CertificateSource} from '../../domain/client-cert/labels.js'
import {InvalidInputError} from '../errors.js'
import {readUserFile} from '../files.js'
import type {OrgCa} from './ca.js'

export interface ClientCredentials {
  certificate: string
  private_key: string
  ca_certificate: string
}

export interface Issued {
  credentials: ClientCredentials
  facts: CertificateFacts
  source: CertificateSource
}

export async function issueFromCa(ca: OrgCa, request: ClientCertificateRequest): Promise<Issued> {
  const issued = await issueClientCertificate(ca, request)
  return {
    credentials: {certificate: issued.certificate, private_key: issued.privateKey, ca_certificate: ca.certificate},
    facts: certificateFacts(issued.certificate),
    source: 'org-ca',
  }
}

export async function importPair(files: {certFile: string; keyFile: string}, now: Date): Promise<Issued> {
  const certificateText = await readUserFile(files.certFile, 'the certificate file', 'CERT_FILE_UNREADABLE')
  const keyText = await readUserFile(files.keyFile, 'the key file', 'KEY_FILE_UNREADABLE')
  const checked = checkImportedPair(certificateText, keyText, now)
  if ('code' in checked) throw new InvalidInputError(checked.code, checked.message, [IMPORT_ADVICE[checked.code]])
  return {
    credentials: {certificate: checked.certificate, private_key: checked.privateKey, ca_certificate: checked.chain},
    facts: checked.facts,
    source: 'imported',
  }
}

const IMPORT_ADVICE: Record<string, string> = {
  CERT_UNREADABLE: 'Give --cert-file as PEM: the client certificate first, then its issuers if the server needs them.',
  KEY_UNREADABLE:
    'Give --key-file as an unencrypted PEM private key (decrypt it with `openssl pkey -in KEY -out PLAIN`, and keep PLAIN safe).',
  KEY_TYPE_UNSUPPORTED: 'Ask your PKI for a certificate with an ECDSA P-256/P-384 or RSA 2048-4096 key.',
  KEY_MISMATCH: 'Give the key the certificate was issued for (compare `openssl x509 -noout -pubkey` with `openssl pkey -pubout`).',
  CERT_NOT_CLIENT_AUTH: 'Ask your PKI for a certificate with extended key usage clientAuth (TLS Web Client Authentication).',
  CERT_EXPIRED: 'Ask your PKI for a new certificate.',
  CERT_NOT_YET_VALID: "Wait until it is valid, or check this machine's clock.",
}
