// `cgx client-cert list`: every client certificate in user-provided instances, cgx's (labelled) and any other
// whose credentials hold a PEM certificate. Listings are paged (orgs, spaces, user-provided instances: a few
// requests however many there are); the credentials are not in a listing, so each user-provided instance costs one
// credentials read, DEFAULT_CONCURRENCY at a time (with managedOnly, only cgx's, found by their label). Instances
// whose credentials the caller may not read are counted and named in a warning, not guessed at.
import {DEFAULT_CONCURRENCY, isNotAuthorized, isNotFound, mapConcurrent, type CfClient, type ServiceInstance} from '../../cf/index.js'
import {parseDays} from '../../domain/client-cert/expiry.js'
import {certificateFacts, type CertificateFacts} from '../../domain/client-cert/facts.js'
import {CLIENT_CA_ROLE, CLIENT_CERT_ROLE, roleSelector, SOURCE_ANNOTATION} from '../../domain/client-cert/labels.js'
import {ROLE_LABEL} from '../../domain/labels.js'
import {compareNames} from '../../domain/names/order.js'
import {holdsCertificate} from '../../domain/client-cert/pem.js'
import {InvalidInputError} from '../errors.js'
import type {Reporter} from '../reporter.js'
import {orgFromFlagOrTarget} from '../resolve.js'
import {describeCertificate, type ClientCertSummary} from './summary.js'

export interface ListClientCertsRequest {
  org?: string
  allOrgs?: boolean
  /** Only cgx's certificates: the listing is filtered by their label, so only they cost a credentials read. */
  managedOnly?: boolean
  /** "30d" or "30". */
  expiringWithin?: string
  now: Date
}

export interface ListClientCertsResult {
  certificates: ClientCertSummary[]
  /** With --expiring-within: the certificates that expire within that many days (or have expired). */
  expiring?: {withinDays: number; count: number}
  /** User-provided instances whose credentials the caller may not read (so they may hold certificates not listed). */
  unreadable: Array<{org: string; space: string; name: string}>
}

interface Place {
  org: string
  space: string
}

export async function listClientCerts(cf: CfClient, request: ListClientCertsRequest, reporter: Reporter): Promise<ListClientCertsResult> {
  const within = expiryWindow(request.expiringWithin)
  const {instances, places} = await userProvidedInstances(cf, request)
  const unreadable: ListClientCertsResult['unreadable'] = []
  const found = await mapConcurrent(instances, DEFAULT_CONCURRENCY, async (instance) => {
    const place = places.get(instance.relationships.space.data?.guid ?? '') ?? {org: '?', space: '?'}
    const facts = await certificateIn(cf, instance, () => unreadable.push({...place, name: instance.name}))
    return (
      facts && describeCertificate({name: instance.name, guid: instance.guid, ...place, source: sourceOf(instance)}, facts, request.now)
    )
  })
  if (unreadable.length > 0) {
    reporter.warn(
      `${unreadable.length} user-provided instance(s) not readable by you, so not checked: ${unreadable.map((u) => `${u.org}/${u.space}/${u.name}`).join(', ')}. ` +
        'Reading credentials needs a space developer of their space (or a platform admin).',
    )
  }
  const certificates = found.filter((c): c is ClientCertSummary => c !== undefined).sort(byExpiry)
  return {
    certificates,
    ...(within === undefined ? {} : {expiring: {withinDays: within, count: certificates.filter((c) => c.daysLeft < within).length}}),
    unreadable,
  }
}

function expiryWindow(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const days = parseDays(text)
  if (days === undefined)
    throw new InvalidInputError('DURATION_INVALID', `--expiring-within takes whole days, like 30d; got '${text}'.`, [
      'Write it as 30d (or 30).',
    ])
  return days
}

async function userProvidedInstances(
  cf: CfClient,
  request: ListClientCertsRequest,
): Promise<{instances: ServiceInstance[]; places: Map<string, Place>}> {
  const orgs = request.allOrgs ? await cf.organizations.listAll() : [await orgFromFlagOrTarget(cf, request.org)]
  const orgFilter = request.allOrgs ? {} : {organization_guids: orgs.map((o) => o.guid)}
  const [spaces, instances] = await Promise.all([
    cf.spaces.listAll(orgFilter),
    cf.serviceInstances.listAll({
      ...orgFilter,
      type: 'user-provided',
      ...(request.managedOnly ? {label_selector: roleSelector(CLIENT_CERT_ROLE)} : {}),
    }),
  ])
  const orgNames = new Map(orgs.map((o) => [o.guid, o.name]))
  const places = new Map(
    spaces.map((s) => [s.guid, {org: orgNames.get(s.relationships.organization.data?.guid ?? '') ?? '?', space: s.name}]),
  )
  // An org's CA holds a certificate too, but it is not a client certificate: `client-cert ca` shows it.
  return {instances: instances.filter((i) => i.metadata.labels[ROLE_LABEL] !== CLIENT_CA_ROLE), places}
}

/** The first PEM certificate in the credentials (`certificate` first), or undefined; a 403 is noted, a 404 (gone since the listing) skipped. */
async function certificateIn(cf: CfClient, instance: ServiceInstance, noteUnreadable: () => void): Promise<CertificateFacts | undefined> {
  let credentials: Record<string, unknown>
  try {
    credentials = await cf.serviceInstances.getCredentials(instance.guid)
  } catch (error) {
    if (isNotAuthorized(error)) noteUnreadable()
    else if (!isNotFound(error)) throw error
    return undefined
  }
  const pem = [credentials.certificate, ...Object.values(credentials)].find(holdsCertificate)
  try {
    return pem === undefined ? undefined : certificateFacts(pem)
  } catch {
    return undefined
  }
}

function sourceOf(instance: ServiceInstance): ClientCertSummary['source'] {
  if (instance.metadata.labels[ROLE_LABEL] !== CLIENT_CERT_ROLE) return 'found'
  return instance.metadata.annotations[SOURCE_ANNOTATION] === 'imported' ? 'imported' : 'org-ca'
}

const byExpiry = (a: ClientCertSummary, b: ClientCertSummary) =>
  a.daysLeft - b.daysLeft || compareNames(a.org, b.org) || compareNames(a.space, b.space) || compareNames(a.name, b.name)
