import chalk, {Chalk} from 'chalk'

import type {CfClient} from '../cf/index.js'
import {loadCgxConfig, type CgxConfig} from './cgx-config.js'
import type {Reporter} from '../ops/reporter.js'
import {plainTheme, type RenderOptions, type Theme} from '../render/theme.js'

/**
 * Everything a command needs from the outside world, built lazily on first use (GitHub CLI's factory):
 * a command that only parses flags never reads the config or opens a connection.
 */
export class Context {
  private clientPromise?: Promise<CfClient>
  private settingsPromise?: Promise<CgxConfig>

  constructor(
    readonly env: NodeJS.ProcessEnv,
    private readonly options: {json: boolean; skipSslValidation?: boolean},
    readonly reporter: Reporter,
  ) {}

  /**
   * The CF client for the targeted API, from `$CF_HOME/.cf/config.json` and the env overrides. Imported here, on
   * first use, so that commands that make no API call never load the HTTP client (axios and its dependencies); from
   * its own module, as the src/cf barrel is loaded on start by every command (for the error classes).
   */
  client(): Promise<CfClient> {
    this.clientPromise ??= import('../cf/from-config.js').then(({createCfClientFromConfig}) =>
      createCfClientFromConfig({
        cfHome: this.env.CF_HOME,
        env: this.env,
        skipSslValidation: this.options.skipSslValidation,
      }),
    )
    return this.clientPromise
  }

  /** The cgx config ($CGX_CONFIG or ~/.cgx/config.yml), read once. */
  settings(): Promise<CgxConfig> {
    this.settingsPromise ??= loadCgxConfig(this.env)
    return this.settingsPromise
  }

  /** What the platform said in X-Cf-Warnings so far (and forget it), if a client was ever made. */
  async platformWarnings(): Promise<string[]> {
    if (!this.clientPromise) return []
    try {
      return (await this.clientPromise).warnings.drain()
    } catch {
      return []
    }
  }

  get stdoutIsTty(): boolean {
    return Boolean(process.stdout.isTTY) || isTrue(this.env.FORCE_TTY)
  }

  get stdinIsTty(): boolean {
    return Boolean(process.stdin.isTTY)
  }

  renderOptions(): RenderOptions {
    return {tty: this.stdoutIsTty, width: process.stdout.columns || 120, theme: this.theme(process.stdout.isTTY)}
  }

  /** Colors only on a terminal, never under --json; NO_COLOR and CF_COLOR win (CF_COLOR as the cf CLI reads it). */
  theme(streamIsTty: boolean | undefined): Theme {
    if (this.options.json || !colorWanted(this.env, Boolean(streamIsTty))) return plainTheme
    const c: typeof chalk = new Chalk({level: 1})
    return {bold: c.bold, dim: c.dim, red: c.red, green: c.green, yellow: c.yellow, cyan: c.cyan}
  }
}

function colorWanted(env: NodeJS.ProcessEnv, isTty: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.CF_COLOR !== undefined && env.CF_COLOR !== '') return isTrue(env.CF_COLOR)
  return isTty
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.toLowerCase())
}
