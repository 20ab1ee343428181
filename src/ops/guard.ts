// One write to the platform, with its refusals in the user's terms: a 403 names the role the write needs, and a known
// 422 becomes the op's own error.
import {CfApiError, isNotAuthorized, isUnprocessable} from '../cf/index.js'
import {OpError} from './errors.js'
import type {NamedRef} from './named.js'

export const PLATFORM_ADMIN = 'a platform admin'
export const orgManagerOf = (org: NamedRef) => `a platform admin or an org manager of '${org.name}'`

export interface WriteGuard {
  /** What is being done, for the message: "changing the default segment of org 'agency-a'". */
  action: string
  /** Who may do it: PLATFORM_ADMIN or orgManagerOf(org). */
  role: string
  /** The platform's 422 for this write in the user's terms, when its reason is known (undefined: pass it on). */
  unprocessable?: (error: CfApiError) => OpError | undefined
}

/** Run one write, turning the platform's 403 (and known 422s) into what the user can do about it. */
export async function guardWrite<T>(guard: WriteGuard, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isNotAuthorized(error) || (error instanceof CfApiError && error.status === 403)) {
      throw new OpError('NOT_AUTHORIZED', `The platform refused ${guard.action}: that needs ${guard.role}.`, {
        suggestions: [`Ask ${guard.role} to run it, or to grant you the role.`],
        cause: error,
      })
    }
    const explained = guard.unprocessable && error instanceof CfApiError && isUnprocessable(error) ? guard.unprocessable(error) : undefined
    throw explained ?? error
  }
}
