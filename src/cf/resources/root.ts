// The unauthenticated documents: `GET /` (links to UAA and friends) and `GET /v3/info`.
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
  return {
    get: async (): Promise<Root> => (await ctx.http.send<Root>({method: 'GET', path: '/', authenticated: false})).data,
    getInfo: async (): Promise<Info> => (await ctx.http.send<Info>({method: 'GET', path: '/v3/info', authenticated: false})).data,
  }
}

export type RootClient = ReturnType<typeof createRootClient>
