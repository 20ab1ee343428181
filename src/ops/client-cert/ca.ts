// An org's client CA: the key that signs its client certificates. Kept either in the foundation, as a user-provided
// instance (cgx-client-ca, labelled role=client-ca and the org) in a space the admin names with --ca-space, or
// outside it, in a PEM file given with --ca-key-file (key and certificate). An instance's credentials are readable
// by its space's developers, so the CA space should have none but the people who issue certificates.
// The CA certificate (public) is also an annotation of the instance, so `client-cert ca` needs no secret-read right.
import {X509Certificate} from 'node:crypto'

import type {CfClient, ServiceInstance} from '../../cf/index.js'
import {certificateFacts, readPrivateKey} from '../../domain/client-cert/facts.js'
import {createCa, type KeyAndCertificate} from '../../domain/client-cert/issue.js'
import {CA_INSTANCE_NAME, CLIENT_CA_ROLE, roleLabels, roleSelector} from '../../domain/client-cert/labels.js'
import {certificateBlocks} from '../../domain/client-cert/pem.js'
import {InvalidInputError, OpError} from '../errors.js'
import {readUserFile} from '../files.js'
import type {Reporter} from '../reporter.js'
import {findSpace} from '../resolve.js'
import {guardWrite} from '../guard.js'
import {type NamedRef} from '../named.js'
import {readCredentials, stringCredential} from './credentials.js'

export const CA_CERTIFICATE_ANNOTATION = 'cgx.cloud.gov/ca-certificate'
/** Ten years: the CA outlives many client certificates, and replacing it means every server owner trusts a new one. */
export const CA_DAYS = 3650

export interface CaChoice {
  /** Space of the org to keep a new CA's key in (first use only). */
  caSpace?: string
  /** PEM file with the CA's private key and certificate, kept outside the foundation. */
  caKeyFile?: string
}

export interface OrgCa extends KeyAndCertificate {
  /** `foundation`: the cgx-client-ca instance; `file`: --ca-key-file. */
  kept: 'foundation' | 'file'
  /** The instance holding it, when kept in the foundation. */
  instance?: {guid: string; name: string; space: string}
  created: boolean
}

/** The org's CA with its key, created on first use when the request says where to keep it. */
export async function orgCaWithKey(cf: CfClient, org: NamedRef, choice: CaChoice, now: Date, reporter: Reporter): Promise<OrgCa> {
  if (choice.caKeyFile !== undefined) return caFromFile(choice.caKeyFile, now)
  const existing = await findCaInstance(cf, org)
  if (existing) {
    if (choice.caSpace !== undefined && choice.caSpace !== existing.space.name) {
      reporter.warn(
        `Org '${org.name}' already has a client CA, in space '${existing.space.name}': it is used, and --ca-space ${choice.caSpace} is not.`,
      )
    }
    return caFromInstance(cf, org, existing)
  }
  if (choice.caSpace === undefined) throw caChoiceNeeded(org)
  return createCaInstance(cf, org, choice.caSpace, now, reporter)
}

/** The org's CA certificate only (no secret read), or undefined when it has none in the foundation. */
export async function orgCaCertificate(cf: CfClient, org: NamedRef): Promise<string | undefined> {
  const existing = await findCaInstance(cf, org)
  if (!existing) return undefined
  return existing.instance.metadata.annotations[CA_CERTIFICATE_ANNOTATION] ?? (await caFromInstance(cf, org, existing)).certificate
}

export async function caFromFile(file: string, now: Date): Promise<OrgCa> {
  const text = await readUserFile(file, 'the CA key file', 'CA_KEY_FILE_UNREADABLE')
  const key = readPrivateKey(text)
  const [certificate] = certificateBlocks(text)
  const fix = "Give a PEM file with the CA's unencrypted private key and its certificate (e.g. `cat ca.key ca.pem > ca-bundle.pem`)."
  if (key === undefined)
    throw new InvalidInputError('CA_KEY_FILE_INVALID', `The CA key file ${file} holds no unencrypted PEM private key.`, [fix])
  if (certificate === undefined)
    throw new InvalidInputError('CA_KEY_FILE_INVALID', `The CA key file ${file} holds no CA certificate.`, [fix])
  checkCa(certificate, now, `the CA key file ${file}`)
  if (!new X509Certificate(certificate).checkPrivateKey(key)) {
    throw new InvalidInputError('CA_KEY_MISMATCH', `The private key in ${file} does not belong to the CA certificate in it.`, [fix])
  }
  return {certificate, privateKey: key.export({type: 'pkcs8', format: 'pem'}).toString(), kept: 'file', created: false}
}

function checkCa(certificate: string, now: Date, where: string): void {
  const facts = certificateFacts(certificate)
  if (!facts.isCa) {
    throw new InvalidInputError('CA_CERT_NOT_CA', `The certificate in ${where} (${facts.subject}) is not a CA certificate.`, [
      'Give the certificate of the CA that signs the client certificates (basic constraints CA:TRUE).',
    ])
  }
  if (facts.notAfter.getTime() <= now.getTime()) {
    throw new InvalidInputError(
      'CA_EXPIRED',
      `The CA certificate in ${where} (${facts.subject}) expired on ${facts.notAfter.toISOString()}.`,
      ['Renew the CA, then have the servers trust the new one.'],
    )
  }
}

interface CaInstance {
  instance: ServiceInstance
  space: {guid: string; name: string}
}

async function findCaInstance(cf: CfClient, org: NamedRef): Promise<CaInstance | undefined> {
  const found = await cf.serviceInstances.listAll({
    organization_guids: [org.guid],
    type: 'user-provided',
    label_selector: roleSelector(CLIENT_CA_ROLE, org.guid),
  })
  if (found.length > 1) {
    throw new OpError(
      'CA_AMBIGUOUS',
      `Org '${org.name}' has ${found.length} client CA instances (label ${roleSelector(CLIENT_CA_ROLE, org.guid)}); cgx keeps one.`,
      {
        suggestions: ['Delete the ones that are not the CA your servers trust (`cf delete-service NAME`), then try again.'],
      },
    )
  }
  if (found.length === 0) return undefined
  const spaceGuid = found[0].relationships.space.data?.guid ?? ''
  const space = await cf.spaces.get(spaceGuid)
  return {instance: found[0], space: {guid: space.guid, name: space.name}}
}

async function caFromInstance(cf: CfClient, org: NamedRef, {instance, space}: CaInstance): Promise<OrgCa> {
  const credentials = await readCredentials(cf, {instance, space, org})
  const certificate = stringCredential(credentials, 'certificate')
  const privateKey = stringCredential(credentials, 'private_key')
  if (certificate === undefined || privateKey === undefined) {
    throw new OpError(
      'CA_INSTANCE_INVALID',
      `The client CA instance '${instance.name}' in space '${org.name}/${space.name}' lacks a certificate or private_key credential.`,
      {
        suggestions: [
          'Restore its credentials from your backup, or delete it (`cf delete-service`) and create a new CA that the servers then trust.',
        ],
      },
    )
  }
  return {
    certificate,
    privateKey,
    kept: 'foundation',
    instance: {guid: instance.guid, name: instance.name, space: space.name},
    created: false,
  }
}

function caChoiceNeeded(org: NamedRef): OpError {
  return new OpError('CA_CHOICE_NEEDED', `Org '${org.name}' has no client CA yet: say where its key is kept.`, {
    suggestions: [
      `--ca-space SPACE: in a user-provided instance '${CA_INSTANCE_NAME}' in that space of '${org.name}' (its space developers can read the key: use a space only the certificate issuers develop in).`,
      "--ca-key-file FILE: outside the foundation, a PEM file with the CA's key and certificate, given again at each issue and rotation.",
    ],
  })
}

async function createCaInstance(cf: CfClient, org: NamedRef, spaceName: string, now: Date, reporter: Reporter): Promise<OrgCa> {
  const space = await findSpace(cf, org, spaceName)
  const [clash] = await cf.serviceInstances.listAll({space_guids: [space.guid], names: [CA_INSTANCE_NAME]})
  if (clash) {
    throw new OpError(
      'CA_NAME_TAKEN',
      `Space '${org.name}/${space.name}' has a service instance '${CA_INSTANCE_NAME}' that is not labelled as the org's client CA.`,
      {
        suggestions: ['Rename or delete it, or keep the CA in another space (--ca-space).'],
      },
    )
  }
  reporter.progress(`Creating the client CA of org ${org.name} in space ${space.name} (${CA_INSTANCE_NAME})...`)
  const ca = await createCa({org: org.name, days: CA_DAYS, now})
  const guard = {
    action: `creating the client CA instance in space '${org.name}/${space.name}'`,
    role: `a space developer of '${org.name}/${space.name}'`,
  }
  const instance = await guardWrite(guard, () =>
    cf.serviceInstances.create({
      type: 'user-provided',
      name: CA_INSTANCE_NAME,
      relationships: {space: {data: {guid: space.guid}}},
      credentials: {certificate: ca.certificate, private_key: ca.privateKey},
      metadata: {labels: roleLabels(CLIENT_CA_ROLE, org.guid), annotations: {[CA_CERTIFICATE_ANNOTATION]: ca.certificate}},
    }),
  )
  return {...ca, kept: 'foundation', instance: {guid: instance.guid, name: instance.name, space: space.name}, created: true}
}
