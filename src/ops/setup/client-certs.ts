// Client certificates in a setup: read the instances the file names (one listing by name, then one credentials read
// per cgx certificate among them), and create or rotate them through the client-cert ops (their checks, their
// messages). The setup path keeps CAs in the foundation only (the org's client_ca_space): a CA kept in a file is
// for the client-cert commands.
import type {CfClient, Organization, Space} from '../../cf/index.js'
import {DEFAULT_CONCURRENCY, mapConcurrent} from '../../cf/index.js'
import {daysLeft} from '../../domain/client-cert/expiry.js'
import {certificateFacts} from '../../domain/client-cert/facts.js'
import type {KeyType} from '../../domain/client-cert/issue.js'
import {CLIENT_CERT_ROLE} from '../../domain/client-cert/labels.js'
import {ROLE_LABEL} from '../../domain/labels.js'
import {holdsCertificate} from '../../domain/client-cert/pem.js'
import type {LiveClientCert, SetupFile} from '../../domain/setup/model.js'
import type {Step} from '../../domain/setup/steps.js'
import {createClientCert} from '../client-cert/create.js'
import {readCredentials} from '../client-cert/credentials.js'
import {rotateClientCert} from '../client-cert/rotate.js'
import type {Reporter} from '../reporter.js'

export const namedClientCerts = (file: SetupFile): string[] => [
  ...new Set(file.orgs.flatMap((o) => o.spaces.flatMap((s) => (s.clientCertificates ?? []).map((c) => c.name)))),
]

export async function readClientCerts(
  cf: CfClient,
  names: readonly string[],
  orgs: readonly Organization[],
  spaces: readonly Space[],
  now: Date,
): Promise<LiveClientCert[]> {
  if (names.length === 0) return []
  const instances = await cf.serviceInstances.listAll({names: [...names], type: 'user-provided'})
  const orgNames = new Map(orgs.map((o) => [o.guid, o.name]))
  const placed = instances.flatMap((instance) => {
    const space = spaces.find((s) => s.guid === instance.relationships.space.data?.guid)
    const org = space && orgNames.get(space.relationships.organization.data?.guid ?? '')
    return space && org
      ? [{instance, space: {guid: space.guid, name: space.name}, org: {guid: space.relationships.organization.data!.guid, name: org}}]
      : []
  })
  return mapConcurrent(placed, DEFAULT_CONCURRENCY, async (p) => {
    const base = {
      org: p.org.name,
      space: p.space.name,
      name: p.instance.name,
      cgx: p.instance.metadata.labels[ROLE_LABEL] === CLIENT_CERT_ROLE,
    }
    if (!base.cgx) return base
    const pem = (await readCredentials(cf, p)).certificate
    return holdsCertificate(pem) ? {...base, daysLeft: daysLeft(certificateFacts(pem).notAfter, now)} : base
  })
}

type ClientCertStep = Extract<Step, {kind: 'create-client-cert' | 'rotate-client-cert'}>

export async function issueClientCert(cf: CfClient, step: ClientCertStep, reporter: Reporter): Promise<void> {
  const {issue} = step
  const where = {name: step.name, org: step.org, space: step.space, now: new Date()}
  if (step.kind === 'create-client-cert') {
    await createClientCert(
      cf,
      {...where, days: issue.days, keyType: issue.keyType as KeyType, commonName: issue.commonName, ca: {caSpace: issue.caSpace}},
      reporter,
    )
    return
  }
  const renewal = {
    days: issue.days,
    keyType: issue.keyType as KeyType,
    ...(issue.commonName === undefined ? {} : {commonName: issue.commonName}),
  }
  await rotateClientCert(cf, {...where, ca: {}, restartApps: [...issue.restartApps], renewal}, reporter)
}
