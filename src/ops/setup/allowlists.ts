// Route allowlists in a setup file go through the same never-open path as `cgx route-allow`: this is the seam.
import type {LiveAllowlist} from '../../domain/setup/model.js'
import {OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'

export interface AllowlistAccess {
  /** The current allowlist of each route (allow undefined when the route is not protected). */
  read(routes: readonly string[]): Promise<LiveAllowlist[]>
  /** Make the route's allowlist exactly `allow`, live before it returns. */
  set(route: string, allow: readonly string[], reporter: Reporter): Promise<void>
}

/** Used when the file has no route allowlists: nothing to read, and nothing may be written. */
export const noAllowlists: AllowlistAccess = {
  read: async (routes) => {
    if (routes.length === 0) return []
    throw new OpError('ALLOWLISTS_UNAVAILABLE', 'This build of cgx cannot manage route allowlists from a setup file yet.', {
      suggestions: ['Remove route_allowlists from the file and use `cgx route-allow add ROUTE --allow CIDR...`.'],
    })
  },
  set: async () => {
    throw new OpError('ALLOWLISTS_UNAVAILABLE', 'This build of cgx cannot manage route allowlists from a setup file yet.')
  },
}
