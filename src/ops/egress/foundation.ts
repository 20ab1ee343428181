// Which foundation's egress ranges the user means: the API (flag, else the cf login's target), then the ranges
// from the cgx config for that API, else the ranges cgx knows for well-known foundations.
import {configPath, normalizeApiUrl, readConfig, type CfEnv} from '../../cf/config.js'
import {foundationFor} from '../../domain/egress/ranges.js'
import {formatCidr, parseCidr, type Cidr} from '../../domain/net/cidr.js'
import {InvalidInputError, OpError} from '../errors.js'

/** What the cgx config says about each API (the cli reads the file; ops only ask it). */
export interface EgressSettings {
  readonly file: string
  foundation(api: string): {readonly egress?: readonly string[]}
}

export interface EgressSource {
  api: string
  /** "cloud.gov" for a known foundation, else the API host. */
  foundation: string
  /** Where the ranges come from: the page that publishes them, or the cgx config file. */
  source: string
  ranges: Cidr[]
}

export interface EgressQuery {
  /** API URL from --api; the cf login's target when absent. */
  api?: string
  env: CfEnv
  settings: EgressSettings
}

export async function egressSource(query: EgressQuery): Promise<EgressSource> {
  const api = await apiOf(query)
  const known = foundationFor(api)
  const name = known?.name ?? new URL(api).hostname
  const configured = query.settings.foundation(api).egress
  if (configured && configured.length > 0) return {api, foundation: name, source: query.settings.file, ranges: configured.map(parseCidr)}
  if (known) return {api, foundation: name, source: known.source, ranges: [...known.ranges]}
  throw new OpError('EGRESS_RANGES_UNKNOWN', `cgx does not know the egress ranges of ${api}.`, {
    suggestions: [
      'Ask the platform operators for them, then add them to the cgx config',
      `(${query.settings.file}, or the file named by CGX_CONFIG):`,
      `  foundations: {${api}: {egress: [203.0.113.0/24]}}`,
    ],
  })
}

async function apiOf(query: EgressQuery): Promise<string> {
  if (query.api) {
    const api = normalizeApiUrl(query.api)
    if (URL.canParse(api)) return api
    throw new InvalidInputError('API_URL_INVALID', `"${query.api}" is not an API URL.`, ['Pass --api like https://api.fr.cloud.gov.'])
  }
  const target = (await readConfig(configPath(query.env))).Target
  if (target) return normalizeApiUrl(target)
  throw new OpError('NO_API', 'No API given and not logged in.', {
    suggestions: ['Pass --api URL (e.g. --api https://api.fr.cloud.gov), or run `cgx login -a API_URL`.'],
  })
}

/** Said wherever ranges are shown, as the cloud.gov docs say it: the ranges identify the platform, not the app. */
export function egressNotice(source: EgressSource): string {
  return (
    `These addresses are shared by every app on ${source.foundation}: an IP filter on them proves only that traffic ` +
    'comes from the platform, not from your app. Authenticate the client as well (mutual TLS, signed requests or an API key).'
  )
}

export const rangeTexts = (source: EgressSource): string[] => source.ranges.map(formatCidr)
