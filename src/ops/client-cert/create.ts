// `cgx client-cert create NAME --space S`: a client certificate in a new user-provided instance NAME, with
// credentials certificate, private_key and ca_certificate (PEM). Every name and file is checked before anything is
// written; the org's CA is created (on first use) just before the instance, so a refusal leaves nothing behind.
import type {CfClient} from '../../cf/index.js'
import {checkName} from '../../domain/names/rule.js'
import type {KeyType} from '../../domain/client-cert/issue.js'
export {KEY_TYPES} from '../../domain/client-cert/issue.js'
import {CLIENT_CERT_ROLE, roleLabels, SOURCE_ANNOTATION} from '../../domain/client-cert/labels.js'
import {InvalidInputError, OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {checkNameFlags, findSpace, orgFromFlagOrTarget} from '../resolve.js'
import {guardWrite} from '../guard.js'
import {type NamedRef} from '../named.js'
import {orgCaWithKey, type CaChoice} from './ca.js'
import {importPair, issueFromCa, type Issued} from './issue.js'
import {describeCertificate, type ClientCertSummary} from './summary.js'

export interface CreateClientCertRequest {
  name: string
  org?: string
  space: string
  days: number
  commonName?: string
  keyType: KeyType
  /** An externally issued certificate (and its issuers) and key, instead of one from the org's CA. */
  certFile?: string
  keyFile?: string
  ca: CaChoice
  now: Date
}

export interface CreateClientCertResult extends ClientCertSummary {
  /** Where the org's CA key is kept, and whether this run created it (absent for an imported certificate). */
  ca?: {kept: 'foundation' | 'file'; instance?: {name: string; space: string}; created: boolean}
}

export const MAX_DAYS = 825

export async function createClientCert(
  cf: CfClient,
  request: CreateClientCertRequest,
  reporter: Reporter,
): Promise<CreateClientCertResult> {
  checkRequest(request)
  const org = await orgFromFlagOrTarget(cf, request.org)
  const space = await findSpace(cf, org, request.space)
  const [taken] = await cf.serviceInstances.listAll({space_guids: [space.guid], names: [request.name]})
  if (taken) {
    throw new OpError('CLIENT_CERT_EXISTS', `Space '${org.name}/${space.name}' already has a service instance '${request.name}'.`, {
      suggestions: [`Renew its certificate with \`cgx client-cert rotate ${request.name} --space ${space.name}\`, or choose another name.`],
    })
  }
  const {issued, ca} = await keyAndCertificate(cf, org, space.name, request, reporter)
  reporter.progress(`Creating user-provided instance ${request.name} in ${org.name}/${space.name}...`)
  const guard = {
    action: `creating service instance '${request.name}' in space '${org.name}/${space.name}'`,
    role: `a space developer of '${org.name}/${space.name}'`,
  }
  const instance = await guardWrite(guard, () =>
    cf.serviceInstances.create({
      type: 'user-provided',
      name: request.name,
      relationships: {space: {data: {guid: space.guid}}},
      credentials: {...issued.credentials},
      metadata: {labels: roleLabels(CLIENT_CERT_ROLE, org.guid), annotations: {[SOURCE_ANNOTATION]: issued.source}},
    }),
  )
  return {
    ...describeCertificate(
      {name: instance.name, guid: instance.guid, org: org.name, space: space.name, source: issued.source},
      issued.facts,
      request.now,
    ),
    ...(ca ? {ca} : {}),
  }
}

/** Imported from the files given, or issued from the org's CA (created now when this is its first use). */
async function keyAndCertificate(
  cf: CfClient,
  org: NamedRef,
  space: string,
  request: CreateClientCertRequest,
  reporter: Reporter,
): Promise<{issued: Issued; ca?: CreateClientCertResult['ca']}> {
  if (request.certFile !== undefined && request.keyFile !== undefined) {
    return {issued: await importPair({certFile: request.certFile, keyFile: request.keyFile}, request.now)}
  }
  const orgCa = await orgCaWithKey(cf, org, request.ca, request.now, reporter)
  const issued = await issueFromCa(orgCa, {
    commonName: request.commonName ?? request.name,
    org: org.name,
    space,
    days: request.days,
    keyType: request.keyType,
    now: request.now,
  })
  const instance = orgCa.instance ? {instance: {name: orgCa.instance.name, space: orgCa.instance.space}} : {}
  return {issued, ca: {kept: orgCa.kept, ...instance, created: orgCa.created}}
}

function checkRequest(request: CreateClientCertRequest): void {
  checkNameFlags({org: request.org, space: request.space})
  const problem = checkName(request.name)
  if (problem)
    throw new InvalidInputError(problem.code, `Invalid instance name: ${problem.message}.`, [
      'Name the instance as `cf services` would list it.',
    ])
  if (!Number.isInteger(request.days) || request.days < 1 || request.days > MAX_DAYS) {
    throw new InvalidInputError('DAYS_INVALID', `--days must be a whole number from 1 to ${MAX_DAYS}; got ${request.days}.`, [
      'Short lives are safer: cgx rotates before expiry when a setup file declares the certificate (rotate_before).',
    ])
  }
}
