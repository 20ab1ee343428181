// How cgx marks the user-provided instances it keeps client certificates and an org's CA in. The org is a label
// (its GUID: org names may hold characters labels may not), so one filtered listing finds an org's CA.
import {ROLE_LABEL} from '../labels.js'
import {MANAGED_LABEL} from '../setup/model.js'

export const ORG_LABEL = 'cgx.cloud.gov/org'
export const CLIENT_CERT_ROLE = 'client-cert'
export const CLIENT_CA_ROLE = 'client-ca'
/** Where a client certificate came from: `org-ca` (issued by cgx from the org's CA) or `imported`. */
export const SOURCE_ANNOTATION = 'cgx.cloud.gov/client-cert-source'
export type CertificateSource = 'org-ca' | 'imported'

/** The instance that holds an org's CA when it is kept in the foundation. */
export const CA_INSTANCE_NAME = 'cgx-client-ca'

export const roleLabels = (role: string, orgGuid: string): Record<string, string> => ({
  [MANAGED_LABEL.key]: MANAGED_LABEL.value,
  [ROLE_LABEL]: role,
  [ORG_LABEL]: orgGuid,
})

export const roleSelector = (role: string, orgGuid?: string): string =>
  [`${ROLE_LABEL}=${role}`, ...(orgGuid ? [`${ORG_LABEL}=${orgGuid}`] : [])].join(',')
