// Where the private networks of segments come from, as a user states it: the annotation key (flag, env or config),
// the cgx config's networks for this foundation, and a networks file; in that order, later ones on top.
import {checkAnnotationKey, type NetworkOverride} from '../../domain/segments/networks.js'
import {InvalidInputError} from '../errors.js'
import {networkOverrides, readNetworksFile} from './networks-file.js'
import type {NetworkOptions} from './networks.js'

export interface NetworkSources {
  /** `--networks-annotation` (or CGX_NETWORKS_ANNOTATION); wins over the config's. */
  readonly annotationKey?: string
  /** `--networks-file`. */
  readonly file?: string
  /** The cgx config (the cli reads the file; ops only ask it about the targeted API). */
  readonly config?: {foundation(api: string): FoundationNetworkSettings}
}

export interface FoundationNetworkSettings {
  readonly networks?: Readonly<Record<string, readonly string[]>>
  readonly networksAnnotation?: string
}

export async function resolveNetworkSources(api: string, sources: NetworkSources = {}): Promise<NetworkOptions> {
  const settings = sources.config?.foundation(api)
  const annotationKey = sources.annotationKey ?? settings?.networksAnnotation
  const problem = annotationKey === undefined ? undefined : checkAnnotationKey(annotationKey)
  if (problem !== undefined)
    throw new InvalidInputError(problem.code, `Networks annotation: ${problem.message}`, [
      'Pass --networks-annotation PREFIX/NAME, like cgx.cloud.gov/private-networks.',
    ])
  const local: NetworkOverride[] = []
  // The config was validated when it was read, so there are no problems left to collect.
  if (settings?.networks !== undefined) local.push(...networkOverrides({...settings.networks}, 'add', []))
  if (sources.file !== undefined) local.push(...(await readNetworksFile(sources.file)))
  return {...(annotationKey === undefined ? {} : {annotationKey}), local}
}
