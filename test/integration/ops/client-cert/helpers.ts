// Client-cert ops against the example foundation: requests at a fixed `now`, and what the sim received.
import {X509Certificate} from 'node:crypto'

import type {CfClient} from '../../../../src/cf/index.js'
import type {CreateClientCertRequest} from '../../../../src/ops/client-cert/create.js'

export const now = new Date()

export function createRequest(name: string, overrides: Partial<CreateClientCertRequest> = {}): CreateClientCertRequest {
  return {name, org: 'agency-a', space: 'prod', days: 90, keyType: 'ecdsa-p256', ca: {caSpace: 'dev'}, now, ...overrides}
}

/** The stored credentials, read as an admin (the test's view of the platform, not the op's). */
export async function storedCredentials(cf: CfClient, space: string, name: string, org = 'agency-a'): Promise<Record<string, string>> {
  const [orgObject] = await cf.organizations.listAll({names: [org]})
  const [spaceObject] = await cf.spaces.listAll({names: [space], organization_guids: [orgObject.guid]})
  const [instance] = await cf.serviceInstances.listAll({space_guids: [spaceObject.guid], names: [name]})
  return (await cf.serviceInstances.getCredentials(instance.guid)) as Record<string, string>
}

export const issuedBy = (certificate: string, ca: string) => new X509Certificate(certificate).verify(new X509Certificate(ca).publicKey)
