// Reading and writing the credentials of the user-provided instances that hold client certificates and CAs.
// CC lets only admins and the space's developers (and managers) read them: anyone else gets 403, said here as
// what to ask for. Credentials are secrets: they never go into a message, and CF_TRACE hides them.
import {isNotAuthorized, type CfClient, type ServiceInstance} from '../../cf/index.js'
import {OpError} from '../errors.js'

export interface PlacedInstance {
  instance: ServiceInstance
  space: {guid: string; name: string}
  org: {guid: string; name: string}
}

export async function readCredentials(cf: CfClient, placed: PlacedInstance): Promise<Record<string, unknown>> {
  try {
    return await cf.serviceInstances.getCredentials(placed.instance.guid)
  } catch (error) {
    if (isNotAuthorized(error)) throw cannotRead(placed, error)
    throw error
  }
}

function cannotRead({instance, space, org}: PlacedInstance, cause: unknown): OpError {
  return new OpError(
    'NOT_AUTHORIZED',
    `The platform refused reading the credentials of '${instance.name}' in space '${org.name}/${space.name}': ` +
      'that needs a space developer of that space (or a platform admin).',
    {
      suggestions: [`Ask a space manager of '${org.name}/${space.name}' to make you a space developer, or a platform admin to run it.`],
      cause,
    },
  )
}

/** A string credential, or undefined when the key is absent or not a string. */
export const stringCredential = (credentials: Record<string, unknown>, key: string): string | undefined =>
  typeof credentials[key] === 'string' ? credentials[key] : undefined
