// `cgx client-cert rotate NAME --space S`: a new key and certificate for a cgx client-cert instance, from the CA that
// issued the current one (same common name, lifetime and key type), or an imported pair for an imported one;
// written over the instance's credentials (a PATCH replaces the whole object). Apps read credentials when they
// start, so the apps named with --restart-app are replaced with rolling deployments; the others must restart too.
import {X509Certificate} from 'node:crypto'

import type {App, CfClient} from '../../cf/index.js'
import {renewalOf, type Renewal} from '../../domain/client-cert/issue.js'
import {CLIENT_CERT_ROLE, SOURCE_ANNOTATION} from '../../domain/client-cert/labels.js'
import {ROLE_LABEL} from '../../domain/labels.js'
import {holdsCertificate} from '../../domain/client-cert/pem.js'
import {InvalidInputError, NotFoundError, OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {checkNameFlags, findSpace, orgFromFlagOrTarget} from '../resolve.js'
import {guardWrite} from '../guard.js'
import {restartApps, type RestartedApp, type RestartOptions} from '../segments/restart.js'
import {orgCaWithKey, type CaChoice, type OrgCa} from './ca.js'
import {readCredentials, stringCredential, type PlacedInstance} from './credentials.js'
import {importPair, issueFromCa, type Issued} from './issue.js'
import {describeCertificate, type ClientCertSummary} from './summary.js'

export interface RotateClientCertRequest {
  name: string
  org?: string
  space: string
  /** CA kept outside the foundation (the same file the certificate was issued with). */
  ca: Pick<CaChoice, 'caKeyFile'>
  /** For an imported certificate: its successor. */
  certFile?: string
  keyFile?: string
  /** Apps bound to the instance, to replace with rolling deployments once the new certificate is written. */
  restartApps: string[]
  /** What to change at this issue (a setup file's days, key type, common name); the rest is kept from the current certificate. */
  renewal?: Partial<Renewal>
  now: Date
}

export interface RotateClientCertResult extends ClientCertSummary {
  previous: {serial: string; notAfter: string}
  restarted: RestartedApp[]
}

export async function rotateClientCert(
  cf: CfClient,
  request: RotateClientCertRequest,
  reporter: Reporter,
  restart: RestartOptions = {},
): Promise<RotateClientCertResult> {
  checkNameFlags({org: request.org, space: request.space})
  const org = await orgFromFlagOrTarget(cf, request.org)
  const space = await findSpace(cf, org, request.space)
  const placed = {instance: await findClientCertInstance(cf, space, request.name, org.name), space, org}
  const apps = await findApps(cf, space, request.restartApps, org.name)
  const current = await currentCertificate(cf, placed)
  const issued = await successor(cf, placed, current, request, reporter)
  reporter.progress(`Writing the new certificate to ${org.name}/${space.name}/${request.name}...`)
  const guard = {
    action: `updating service instance '${request.name}' in space '${org.name}/${space.name}'`,
    role: `a space developer of '${org.name}/${space.name}'`,
  }
  await guardWrite(guard, () =>
    cf.serviceInstances.update(placed.instance.guid, {
      credentials: {...issued.credentials},
      metadata: {annotations: {[SOURCE_ANNOTATION]: issued.source}},
    }),
  )
  const restarted = await restartApps(
    cf,
    apps.map((app) => ({app: app.name, appGuid: app.guid, org: org.name, space: space.name})),
    restart,
    reporter,
  )
  if (apps.length === 0) {
    reporter.warn(
      `Apps bound to '${request.name}' keep the old certificate until they restart: \`cf restart APP --strategy rolling\` ` +
        '(or name them with --restart-app next time).',
    )
  }
  return {
    ...describeCertificate(
      {name: request.name, guid: placed.instance.guid, org: org.name, space: space.name, source: issued.source},
      issued.facts,
      request.now,
    ),
    previous: {serial: current.serialNumber, notAfter: new Date(current.validTo).toISOString()},
    restarted,
  }
}

async function findClientCertInstance(cf: CfClient, space: {guid: string; name: string}, name: string, orgName: string) {
  const [instance] = await cf.serviceInstances.listAll({space_guids: [space.guid], names: [name]})
  if (!instance) {
    throw new NotFoundError('client certificate', name, [], `List them with \`cgx client-cert list --org ${orgName}\`.`)
  }
  if (instance.metadata.labels[ROLE_LABEL] !== CLIENT_CERT_ROLE) {
    throw new OpError(
      'NOT_CGX_CLIENT_CERT',
      `Service instance '${name}' in space '${orgName}/${space.name}' is not a cgx client certificate (label ${ROLE_LABEL}=${CLIENT_CERT_ROLE}).`,
      {
        suggestions: ['cgx rotates only the certificates it created: create one with `cgx client-cert create`, then bind apps to it.'],
      },
    )
  }
  return instance
}

/** The apps to restart, all found before anything is written. */
async function findApps(cf: CfClient, space: {guid: string; name: string}, names: readonly string[], orgName: string): Promise<App[]> {
  if (names.length === 0) return []
  const apps = await cf.apps.listAll({space_guids: [space.guid], names: [...new Set(names)]})
  const missing = names.find((name) => !apps.some((app) => app.name === name))
  if (missing !== undefined) throw new NotFoundError('app', missing, [], `Apps in '${orgName}/${space.name}': \`cf apps\`.`)
  return apps
}

async function currentCertificate(cf: CfClient, placed: PlacedInstance): Promise<X509Certificate> {
  const pem = stringCredential(await readCredentials(cf, placed), 'certificate')
  if (!holdsCertificate(pem)) {
    throw new OpError('CLIENT_CERT_INVALID', `Service instance '${placed.instance.name}' holds no certificate credential.`, {
      suggestions: ['Delete it (`cf delete-service`) and create it again with `cgx client-cert create`.'],
    })
  }
  return new X509Certificate(pem)
}

async function successor(
  cf: CfClient,
  placed: PlacedInstance,
  current: X509Certificate,
  request: RotateClientCertRequest,
  reporter: Reporter,
): Promise<Issued> {
  const imported = placed.instance.metadata.annotations[SOURCE_ANNOTATION] === 'imported'
  if (request.certFile !== undefined && request.keyFile !== undefined)
    return importPair({certFile: request.certFile, keyFile: request.keyFile}, request.now)
  if (imported) {
    throw new InvalidInputError(
      'IMPORT_NEEDED',
      `'${placed.instance.name}' holds a certificate from another PKI: cgx cannot issue its successor.`,
      [`Give the new pair: cgx client-cert rotate ${placed.instance.name} --space ${placed.space.name} --cert-file CERT --key-file KEY`],
    )
  }
  const ca = await orgCaWithKey(cf, placed.org, request.ca, request.now, reporter)
  checkIssuedBy(current, ca, placed.instance.name)
  const renewal = await renewalOf(current.toString())
  return issueFromCa(ca, {...renewal, ...request.renewal, org: placed.org.name, space: placed.space.name, now: request.now})
}

/** A CA other than the one the servers trust for this certificate would break the integration: refused. */
function checkIssuedBy(current: X509Certificate, ca: OrgCa, name: string): void {
  if (current.verify(new X509Certificate(ca.certificate).publicKey)) return
  throw new InvalidInputError(
    'CA_KEY_MISMATCH',
    `${ca.kept === 'file' ? 'The CA in --ca-key-file' : "The org's client CA"} did not issue '${name}''s certificate (issuer ${current.issuer.replaceAll('\n', ', ')}).`,
    ['Give the CA key file it was issued with (--ca-key-file), or create a new certificate with `cgx client-cert create`.'],
  )
}
