// /v3/packages: create a bits package for an app, upload a zip (multipart field `bits`), wait until READY; an app's
// packages.
import {CfResourceFailedError} from '../errors.js'
import {waitForResource, type WaitOptions} from '../poll.js'
import {fetchAll} from '../pagination.js'
import {path} from '../query.js'
import type {ResourceContext} from '../resource.js'
import type {Metadata, MetadataUpdate, Resource, ToOneRelationship} from '../types.js'

export type PackageState = 'AWAITING_UPLOAD' | 'PROCESSING_UPLOAD' | 'READY' | 'FAILED' | 'COPYING' | 'EXPIRED'

export interface Package extends Resource {
  type: 'bits' | 'docker'
  data: {checksum?: {type: string; value: string | null}; error?: string | null; image?: string}
  state: PackageState
  relationships: {app: ToOneRelationship}
  metadata: Metadata
}

export interface PackageCreate {
  type: 'bits' | 'docker'
  relationships: {app: ToOneRelationship}
  data?: {image?: string; username?: string; password?: string}
  metadata?: MetadataUpdate
}

/** The filters GET /v3/apps/:guid/packages takes (no label_selector there). */
export interface AppPackageListOptions {
  states?: PackageState[]
  types?: ('bits' | 'docker')[]
  order_by?: 'created_at' | '-created_at' | 'updated_at' | '-updated_at'
}

export function createPackagesClient(ctx: ResourceContext) {
  const get = (guid: string) => ctx.http.get<Package>(path`/v3/packages/${guid}`)
  return {
    get,
    listForApp: async (appGuid: string, options?: AppPackageListOptions): Promise<Package[]> =>
      (await fetchAll<Package>(ctx.http, path`/v3/apps/${appGuid}/packages`, options)).resources,
    create: async (body: PackageCreate): Promise<Package> =>
      (await ctx.http.send<Package>({method: 'POST', path: '/v3/packages', json: body})).data,
    /** Upload the app's bits as a zip; the package then processes the upload (see waitUntilReady). */
    upload: async (guid: string, zip: Uint8Array): Promise<Package> =>
      (
        await ctx.http.send<Package>({
          method: 'POST',
          path: path`/v3/packages/${guid}/upload`,
          multipart: [{field: 'bits', filename: 'package.zip', contentType: 'application/zip', data: zip}],
        })
      ).data,
    /** Poll until READY; a FAILED package is an error. */
    waitUntilReady: async (guid: string, options?: WaitOptions<Package>): Promise<Package> => {
      const done = await waitForResource(
        ctx.http.clock,
        {
          what: 'package',
          guid,
          get: () => get(guid),
          isDone: (pkg) => pkg.state === 'READY' || pkg.state === 'FAILED',
          stateOf: (pkg) => pkg.state,
        },
        options,
      )
      if (done.state === 'FAILED') throw new CfResourceFailedError('package', guid, done.data.error ?? 'no reason given')
      return done
    },
  }
}

export type PackagesClient = ReturnType<typeof createPackagesClient>
