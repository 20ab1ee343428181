import {Command, Flags, type Interfaces} from '@oclif/core'
import type {Input, ParserOutput} from '@oclif/core/interfaces'

import {CfApiError} from '../cf/errors.js'
import type {Reporter} from '../ops/reporter.js'
import type {RenderOptions} from '../render/theme.js'
import {Context} from './context.js'
import {toCliError} from './errors.js'
import {JSON_FORMAT, type Views} from './views.js'

/** oclif's FlagOutput and ArgOutput (its interfaces do not export them), for the signature of parse. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Output = {[name: string]: any}

/** Version of the `--json` envelope; bump on incompatible changes to a command's result. */
export const FORMAT_VERSION = '1'

export type Renderer<T> = (result: T, options: RenderOptions) => string

/**
 * The base of every cgx command: owns the `--json` envelope, warnings, progress on stderr and the one
 * error → message → exit code path. Commands parse flags, call one operation and hand its result to `output`.
 */
export abstract class BaseCommand<T> extends Command {
  static enableJsonFlag = true
  static baseFlags = {
    'skip-ssl-validation': Flags.boolean({
      helpGroup: 'GLOBAL',
      summary: "Do not verify the API's TLS certificate (test foundations only).",
    }),
  }

  private readonly collectedWarnings: string[] = []
  private contextInstance?: Context
  /** true with --skip-ssl-validation; otherwise unset, so that a login made with it is remembered (as `cf` does). */
  private skipSslValidation?: true
  /** The --format asked, once flags are parsed (commands with views have one). */
  private format?: string

  /** The outside world (env, settings, the client), made on first use from this process; see useContext. */
  protected get context(): Context {
    this.contextInstance ??= new Context(process.env, {json: this.jsonEnabled(), skipSslValidation: this.skipSslValidation}, this.reporter)
    return this.contextInstance
  }

  /** Run with a context of the caller's making instead (a test runs a command in-process with its own env). */
  useContext(context: Context): this {
    this.contextInstance = context
    return this
  }

  /** The base flags are read here, once, for every command. */
  protected override async parse<F extends Output, B extends Output, A extends Output>(
    options?: Input<F, B, A>,
    argv?: string[],
  ): Promise<ParserOutput<F, B, A>> {
    const parsed = await super.parse(options, argv)
    this.skipSslValidation = parsed.flags['skip-ssl-validation'] === true || undefined
    this.format = typeof parsed.flags.format === 'string' ? parsed.flags.format : undefined
    return parsed
  }

  /** `--format json` is `--json`: one envelope. */
  public override jsonEnabled(): boolean {
    return super.jsonEnabled() || this.format === JSON_FORMAT
  }

  /** The result in the asked view (the envelope under json), for commands that declare views. */
  protected outputView<F>(result: T, views: Views<T, F>, flags: F & {format?: string}): T {
    if (this.jsonEnabled()) return result
    const view = views[flags.format ?? Object.keys(views)[0]]
    return this.output(result, (value, options) => view(value, options, flags))
  }

  protected get reporter(): Reporter {
    return {
      progress: (message) => this.talk(message),
      warn: (message) => this.addWarning(message),
    }
  }

  /** Print the human rendering of a result to stdout (suppressed under --json, where the envelope carries it). */
  protected output(result: T, render: Renderer<T>): T {
    if (!this.jsonEnabled()) process.stdout.write(render(result, this.context.renderOptions()))
    return result
  }

  protected addWarning(message: string): void {
    // The same advice for each of many objects (e.g. every route an apply protects) is said once.
    if (this.collectedWarnings.includes(message)) return
    this.collectedWarnings.push(message)
    if (!this.jsonEnabled()) process.stderr.write(`${this.context.theme(process.stderr.isTTY).yellow('Warning:')} ${message}\n`)
  }

  /** Progress and hints: stderr only, and never under --json. */
  protected talk(message: string): void {
    if (!this.jsonEnabled()) process.stderr.write(`${message}\n`)
  }

  /** Plain JSON: oclif's colorizing printer costs seconds on a foundation-wide report (15 MB). */
  protected override logJson(json: unknown): void {
    process.stdout.write(JSON.stringify(json, null, 2) + '\n')
  }

  /**
   * A result can come with a non-zero exit (a check that answers "no", `plan --detailed-exitcode` with changes):
   * the command sets `process.exitCode` before returning it, and the envelope's status says the same.
   */
  protected override toSuccessJson(result: unknown): unknown {
    return {formatVersion: FORMAT_VERSION, status: Number(process.exitCode ?? 0), result, warnings: this.collectedWarnings}
  }

  protected override async catch(error: Interfaces.CommandError): Promise<void> {
    await this.flushPlatformWarnings(error)
    const cliError = toCliError(error, this.id)
    process.exitCode = cliError.exitCode
    if (this.jsonEnabled()) {
      const {exitCode, ...rest} = cliError
      this.logJson({formatVersion: FORMAT_VERSION, status: exitCode, error: rest, warnings: this.collectedWarnings})
      return
    }
    const theme = this.context.theme(process.stderr.isTTY)
    const lines = [`${theme.red('Error:')} ${cliError.message}`, ...cliError.suggestions.map((s) => `  ${s}`)]
    if (cliError.requestId && !cliError.suggestions.some((s) => s.includes(cliError.requestId!)))
      lines.push(`  Request id: ${cliError.requestId}`)
    if (cliError.code === 'INTERNAL' && process.env.DEBUG && error instanceof Error && error.stack) lines.push(error.stack)
    process.stderr.write(lines.join('\n') + '\n')
  }

  protected override async finally(error: Error | undefined): Promise<void> {
    if (!error) await this.flushPlatformWarnings(undefined)
    return super.finally(error)
  }

  /** Warnings the platform sent (X-Cf-Warnings) are shown even when the command fails (cf CLI). */
  private async flushPlatformWarnings(error: unknown): Promise<void> {
    const fromError = error instanceof CfApiError ? error.warnings : []
    const fromClient = this.contextInstance ? await this.contextInstance.platformWarnings() : []
    for (const warning of [...fromClient, ...fromError]) this.addWarning(warning)
  }
}
