// What cgx says about a client certificate: never its key, only what a person renewing or trusting it needs.
import {daysLeft} from '../../domain/client-cert/expiry.js'
import type {CertificateFacts} from '../../domain/client-cert/facts.js'
import type {CertificateSource} from '../../domain/client-cert/labels.js'

export interface ClientCertSummary {
  name: string
  guid: string
  org: string
  space: string
  /** org-ca: issued by cgx from the org's CA; imported: an agency PKI's; found: a user-provided instance cgx did not make. */
  source: CertificateSource | 'found'
  subject: string
  issuer: string
  serial: string
  keyType: string
  notBefore: string
  notAfter: string
  daysLeft: number
}

export interface InstancePlace {
  name: string
  guid: string
  org: string
  space: string
  source: ClientCertSummary['source']
}

export function describeCertificate(place: InstancePlace, facts: CertificateFacts, now: Date): ClientCertSummary {
  return {
    ...place,
    subject: facts.subject,
    issuer: facts.issuer,
    serial: facts.serial,
    keyType: facts.keyType,
    notBefore: facts.notBefore.toISOString(),
    notAfter: facts.notAfter.toISOString(),
    daysLeft: daysLeft(facts.notAfter, now),
  }
}
