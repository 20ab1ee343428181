// `cgx export [--org ORG...]`: the foundation as a setup file that plans to no changes.
import type {CfClient} from '../../cf/index.js'
import {suggestNames} from '../../domain/names/suggest.js'
import {exportedAllowlists, exportSetupFile, type ExportScope} from '../../domain/setup/export.js'
import {PARTIAL_REASONS, seesWholeFoundation} from '../../domain/setup/partial.js'
import {parseSetupFile} from '../../domain/setup/parse.js'
import {NotFoundError} from '../errors.js'
import {writeUserFile} from '../files.js'
import type {Reporter} from '../reporter.js'
import {routeAllowlists} from './allowlists.js'
import {readLiveState} from './live.js'

export interface ExportRequest {
  /** Only these orgs (and the segments and security groups their spaces use). */
  readonly orgs?: readonly string[]
  /** Write here instead of returning the text only. */
  readonly output?: string
}

export interface ExportResult {
  readonly api: string
  /** The file written, when one was asked for. */
  readonly file?: string
  /** The setup file, YAML. */
  readonly text: string
  /** The user cannot see the whole foundation: fields they cannot know completely are left out (partialReasons). */
  readonly partial: boolean
  /** Why, when partial; empty otherwise. */
  readonly partialReasons: readonly string[]
  readonly counts: {
    readonly segments: number
    readonly securityGroups: number
    readonly orgs: number
    readonly spaces: number
    readonly routeAllowlists: number
  }
}

export async function exportSetup(cf: CfClient, request: ExportRequest, reporter: Reporter): Promise<ExportResult> {
  reporter.progress(`Reading ${cf.target.api}...`)
  const orgs = request.orgs && request.orgs.length > 0 ? [...new Set(request.orgs)] : undefined
  const live = await readLiveState(cf, {orgScope: orgs, allowlists: {routes: [], read: routeAllowlists(cf).read}}, reporter)
  const unknown = orgs?.find((name) => !live.orgs.some((org) => org.name === name))
  if (unknown !== undefined)
    throw new NotFoundError(
      'org',
      unknown,
      suggestNames(
        unknown,
        live.orgs.map((o) => o.name),
      ),
      'Run `cf orgs` to see the orgs you can access.',
    )
  for (const {route, why} of exportedAllowlists(live, {orgs}).skipped)
    reporter.warn(`The allowlist of ${route} is not exported: ${why}, which a setup file cannot say.`)
  for (const {route, stale} of exportedAllowlists(live, {orgs}).written.filter((a) => a.stale !== undefined)) {
    reporter.warn(`${route} is stale (${stale}): it does not go through the proxy now; planning this file shows the repair.`)
  }
  const scope: ExportScope = {orgs, ...visibility(cf, reporter)}
  const text = exportSetupFile(live, scope)
  if (request.output)
    await writeUserFile(request.output, text, 'the setup file', [
      'Give -f a file you can write in a folder that exists, or leave -f out to print the file.',
    ])
  const partialReasons = scope.partial === undefined ? [] : PARTIAL_REASONS
  return {
    api: live.api,
    ...(request.output ? {file: request.output} : {}),
    text,
    partial: partialReasons.length > 0,
    partialReasons,
    counts: countsOf(text),
  }
}

/** Asked after the reads, when the token is known: a user who cannot see everything gets a partial file, and is told. */
function visibility(cf: CfClient, reporter: Reporter): Pick<ExportScope, 'partial'> {
  if (seesWholeFoundation(cf.currentScopes() ?? [])) return {}
  const exporter = cf.currentUser()
  reporter.warn(
    `The file is partial: ${exporter ?? 'you'} cannot see the whole foundation, so segment entitlements (orgs:) are left out ` +
      'and only what you can see is written. Export as a platform admin for a complete file.',
  )
  return {partial: exporter === undefined ? {} : {exporter}}
}

function countsOf(text: string): ExportResult['counts'] {
  const file = parseSetupFile(text).file
  return {
    segments: file?.segments.length ?? 0,
    securityGroups: file?.securityGroups.length ?? 0,
    orgs: file?.orgs.length ?? 0,
    spaces: file?.orgs.reduce((sum, org) => sum + org.spaces.length, 0) ?? 0,
    routeAllowlists: file?.routeAllowlists?.length ?? 0,
  }
}
