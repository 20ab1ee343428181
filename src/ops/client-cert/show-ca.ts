// `cgx client-cert ca --org ORG`: the org's CA certificate, for the owners of the external servers to trust.
// Only the certificate: its key never leaves the instance (or the file) it is kept in.
import type {CfClient} from '../../cf/index.js'
import {certificateFacts} from '../../domain/client-cert/facts.js'
import {OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {orgFromFlagOrTarget} from '../resolve.js'
import {caFromFile, orgCaCertificate, orgCaWithKey, type CaChoice} from './ca.js'

export interface ShowCaResult {
  org: string
  /** PEM. */
  certificate: string
  subject: string
  notAfter: string
  /** True when this run created the CA (first use with --ca-space). */
  created: boolean
}

export async function showCa(cf: CfClient, request: {org?: string; ca: CaChoice; now: Date}, reporter: Reporter): Promise<ShowCaResult> {
  const org = await orgFromFlagOrTarget(cf, request.org)
  const {certificate, created} = await caCertificate(cf, org, request, reporter)
  const facts = certificateFacts(certificate)
  return {org: org.name, certificate, subject: facts.subject, notAfter: facts.notAfter.toISOString(), created}
}

async function caCertificate(cf: CfClient, org: {guid: string; name: string}, request: {ca: CaChoice; now: Date}, reporter: Reporter) {
  if (request.ca.caKeyFile !== undefined)
    return {certificate: (await caFromFile(request.ca.caKeyFile, request.now)).certificate, created: false}
  const certificate = await orgCaCertificate(cf, org)
  if (certificate !== undefined) return {certificate, created: false}
  if (request.ca.caSpace === undefined) {
    throw new OpError('CA_NOT_FOUND', `Org '${org.name}' has no client CA in the foundation.`, {
      suggestions: [
        `Create it with \`cgx client-cert ca --org ${org.name} --ca-space SPACE\` (or on the first \`client-cert create\`), or keep it outside with --ca-key-file.`,
      ],
    })
  }
  const ca = await orgCaWithKey(cf, org, request.ca, request.now, reporter)
  return {certificate: ca.certificate, created: ca.created}
}
