// The unauthenticated documents: `GET /` (links to UAA and friends) and `GET /v3/info`.
import {CfProtocolError} from '../errors.js'
import type {ResourceContext} from '../resource.js'
import type {Link} from '../types.js'

export interface RootLink extends Link {
  meta?: Record<string, unknown>
}

export interface Root {
  links: Record<string, RootLink | null>
}

export interface Info {
  build: string
  cli_version: {minimum: string; recommended: string}
  custom: Record<string, unknown>
  description: string
  name: string
  version: number
  osbapi_version: string
  rate_limits?: {enabled: boolean; general_limit: number; reset_interval_in_minutes: number}
  links: Record<string, Link>
}

export function createRootClient(ctx: ResourceContext) {
  const get = async (): Promise<Root> => (await ctx.http.send<Root>({method: 'GET', path: '/', authenticated: false})).data
  let version: Promise<string> | undefined
  const readVersion = async (): Promise<string> => {
    const found = (await get()).links.cloud_controller_v3?.meta?.version
    if (typeof found !== 'string') {
      throw new CfProtocolError('BAD_RESPONSE', `${ctx.http.apiUrl}: the root document has no links.cloud_controller_v3.meta.version`)
    }
    return found
  }
  return {
    get,
    /** `links.cloud_controller_v3.meta.version`, read once for this client; a failed read is tried again next time. */
    apiVersion: (): Promise<string> => {
      version ??= readVersion().catch((error: unknown) => {
        version = undefined
        throw error
      })
      return version
    },
    getInfo: async (): Promise<Info> => (await ctx.http.send<Info>({method: 'GET', path: '/v3/info', authenticated: false})).data,
  }
}

export type RootClient = ReturnType<typeof createRootClient>
