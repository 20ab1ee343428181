// What plan and apply share: read the file, read the foundation, check references, diff. Every problem in the file
// (syntax, shape, values, references) is reported at once with its line and column, before anything is written.
import type {CfClient, PollOptions} from '../../cf/index.js'
import {formatDiagnostics, type SetupDiagnostic} from '../../domain/setup/diagnostics.js'
import {diffSetup} from '../../domain/setup/diff.js'
import {LiveIndex} from '../../domain/setup/live-index.js'
import type {LiveState, SetupFile} from '../../domain/setup/model.js'
import {parseSetupFile} from '../../domain/setup/parse.js'
import {isPartialExport, PARTIAL_MARKER} from '../../domain/setup/partial.js'
import type {Plan} from '../../domain/setup/plan.js'
import {checkReferences} from '../../domain/setup/references.js'
import {InvalidInputError} from '../errors.js'
import {readUserFile} from '../files.js'
import type {Reporter} from '../reporter.js'
import {routeAllowlists, type AllowlistAccess} from './allowlists.js'
import {namedClientCerts} from './client-certs.js'
import {readLiveState} from './live.js'

export interface SetupRequest {
  /** Path of the setup file. */
  readonly file: string
  /** Also delete objects cgx created that the file no longer names. */
  readonly prune?: boolean
  /** How often and how long to wait for a proxy rollout (tests shorten it). */
  readonly poll?: PollOptions
}

export interface Prepared {
  readonly plan: Plan
  readonly live: LiveState
  readonly setup: SetupFile
  /** Reads and writes route allowlists; it knows the routes the plan read. */
  readonly allowlists: AllowlistAccess
}

export async function preparePlan(cf: CfClient, request: SetupRequest, reporter: Reporter): Promise<Prepared> {
  const text = await readUserFile(request.file, 'the setup file', 'SETUP_FILE_UNREADABLE', [
    'Pass -f FILE; `cgx export -f setup.yml` writes one from what the foundation has now.',
  ])
  if (request.prune && isPartialExport(text)) throw partialPrune(request.file)
  const parsed = parseSetupFile(text)
  // A file not shaped like a setup file says too little to compare: it is refused before the foundation is read.
  if (parsed.file === undefined || parsed.malformed) throw invalidFile(request.file, parsed.diagnostics)
  const setup = parsed.file
  if (namesNothing(setup))
    reporter.warn(
      `The setup file ${request.file} names no segments, security groups, orgs or route allowlists: there is nothing to compare.`,
    )
  // Said once the file is known to be a setup file: a file that cannot be read fails before any request.
  reporter.progress(`Reading ${cf.target.api}...`)
  const allowlists = routeAllowlists(cf, {poll: request.poll})
  const options = {
    defaultsOf: setup.orgs.filter((o) => o.defaultSegment !== undefined).map((o) => o.name),
    ...(namedClientCerts(setup).length === 0 ? {} : {clientCertificates: namedClientCerts(setup)}),
    // Allowlists are read only when the file manages them: the route service is not asked otherwise.
    ...(setup.routeAllowlists === undefined
      ? {}
      : {allowlists: {routes: setup.routeAllowlists.map((a) => a.route), read: allowlists.read}}),
  }
  // With problems already found, references are checked only if the foundation can be read; the file's own problems
  // are what matter first.
  const live =
    parsed.diagnostics.length > 0
      ? await readLiveState(cf, options, reporter).catch(() => undefined)
      : await readLiveState(cf, options, reporter)
  const problems = [...parsed.diagnostics, ...(live ? checkReferences(setup, new LiveIndex(live), parsed.locate) : [])]
  if (problems.length > 0 || live === undefined) throw invalidFile(request.file, problems)
  const plan = diffSetup(setup, live, {prune: request.prune ?? false})
  for (const warning of plan.warnings) reporter.warn(warning)
  return {plan, live, setup, allowlists}
}

function namesNothing(setup: SetupFile): boolean {
  return setup.segments.length + setup.securityGroups.length + setup.orgs.length === 0 && setup.routeAllowlists === undefined
}

/** A partial export does not name what its exporter could not see; pruning from it would delete exactly that. */
function partialPrune(file: string): InvalidInputError {
  return new InvalidInputError(
    'PARTIAL_FILE_PRUNE',
    `The setup file ${file} is a partial export, so --prune is refused; nothing was changed.`,
    [
      'Its exporter could not see the whole foundation: --prune would delete cgx-labeled segments, orgs and spaces, and take allowlists off routes, that the file does not name only because they were invisible.',
      `Plan without --prune, or export as a platform admin for a complete file (or, having checked the file names everything, delete its \`${PARTIAL_MARKER}\` line).`,
    ],
  )
}

function invalidFile(file: string, diagnostics: readonly SetupDiagnostic[]): InvalidInputError {
  const lines = formatDiagnostics(file, diagnostics)
  const count = `${lines.length} problem${lines.length === 1 ? '' : 's'}`
  return new InvalidInputError('SETUP_FILE_INVALID', `The setup file ${file} has ${count}; nothing was changed.`, [
    ...lines,
    'The file format is described in docs/setup-file.md.',
  ])
}
