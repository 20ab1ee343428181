import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {ORG, SPACE} from '../cli/flags.js'
import {ask, readLine} from '../cli/prompt.js'
import {InvalidInputError} from '../ops/errors.js'
import {logIn, type LoginCredentials, type LoginSummary} from '../ops/login.js'
import {renderLogin} from '../render/target.js'

/** What a single sign-on login does not take (the cf CLI refuses --sso with --origin or --sso-passcode too). */
const SSO_EXCLUDES = ['username', 'password', 'client-credentials', 'origin']

export default class Login extends BaseCommand<LoginSummary> {
  static summary = "Log in to a Cloud Foundry API (shares the cf CLI's login)."
  static description =
    'Writes $CF_HOME/.cf/config.json as the cf CLI does, so `cf` and `cgx` share one login. Asks on a terminal for ' +
    'what is missing (the password is not echoed). With --client-credentials, -u is the client id and -p its secret. ' +
    'With --sso (cloud.gov), prints where to get a one-time passcode and reads it (not echoed on a terminal; without ' +
    'one, the first line of stdin); --sso-passcode CODE gives it at once.'
  static examples = [
    '<%= config.bin %> login -a https://api.fr.cloud.gov -u me@agency.gov',
    '<%= config.bin %> login -a https://api.fr.cloud.gov --sso',
    '<%= config.bin %> login -a https://api.fr.cloud.gov --sso-passcode "$CODE" -o my-org -s prod',
    '<%= config.bin %> login -a https://api.example.gov --origin ldap -u me@agency.gov',
    '<%= config.bin %> login -a https://api.example.gov --client-credentials -u ci-client -p "$SECRET" -o my-org -s prod',
  ]
  static flags = {
    api: Flags.string({char: 'a', helpValue: 'URL', summary: 'API endpoint, e.g. https://api.fr.cloud.gov.', env: 'CF_API'}),
    username: Flags.string({char: 'u', helpValue: 'USER', summary: 'User name (or client id with --client-credentials).'}),
    password: Flags.string({
      char: 'p',
      helpValue: 'PASSWORD',
      summary: 'Password (or client secret). Prefer the prompt or CF_PASSWORD: a flag shows in `ps`.',
    }),
    'client-credentials': Flags.boolean({summary: 'Log in as an OAuth client (client_credentials grant).'}),
    sso: Flags.boolean({
      summary: 'Prompt for a one-time passcode to log in (single sign-on, as on cloud.gov).',
      exclusive: ['sso-passcode', ...SSO_EXCLUDES],
    }),
    'sso-passcode': Flags.string({
      helpValue: 'PASSCODE',
      summary: 'One-time passcode (single sign-on without a prompt).',
      exclusive: SSO_EXCLUDES,
    }),
    origin: Flags.string({
      helpValue: 'ORIGIN',
      summary: 'Identity provider of a password login (UAA origin, e.g. ldap).',
      exclusive: ['client-credentials'],
    }),
    org: Flags.string({...ORG, summary: 'Org to target.'}),
    space: Flags.string({...SPACE, summary: 'Space to target.'}),
  }

  async run(): Promise<LoginSummary> {
    const {flags} = await this.parse(Login)
    const {env} = this.context
    const api = flags.api ?? (await this.askFor('API endpoint', 'api', '-a API'))
    const sso = flags.sso || flags['sso-passcode'] !== undefined
    const credentials = sso ? this.passcodeCredentials(flags['sso-passcode']) : await this.passwordCredentials(flags, env)
    const summary = await logIn(
      {api, credentials, org: flags.org, space: flags.space, skipSslValidation: flags['skip-ssl-validation'], env},
      this.reporter,
    )
    return this.output(summary, renderLogin)
  }

  private async passwordCredentials(
    flags: {username?: string; password?: string; origin?: string; 'client-credentials': boolean},
    env: NodeJS.ProcessEnv,
  ): Promise<LoginCredentials> {
    const client = flags['client-credentials']
    const user =
      flags.username ??
      (client ? env.CF_CLIENT_ID : env.CF_USERNAME) ??
      (await this.askFor(client ? 'Client id' : 'Username', 'username', '-u'))
    const secret =
      flags.password ??
      (client ? env.CF_CLIENT_SECRET : env.CF_PASSWORD) ??
      (await this.askFor(client ? 'Client secret' : 'Password', 'password', '-p', true))
    return client
      ? {clientId: user, clientSecret: secret}
      : {username: user, password: secret, ...(flags.origin ? {origin: flags.origin} : {})}
  }

  /**
   * Like `cf login --sso`: print UAA's passcode prompt (it says where to get a code) and read the code, hidden on a
   * terminal; without one (a script piping the code), the first line of stdin. --sso-passcode skips the prompt.
   */
  private passcodeCredentials(given: string | undefined): LoginCredentials {
    return {
      passcode: async (prompt) => {
        const code = given ?? (this.context.stdinIsTty ? await ask(`${prompt}: `, {secret: true}) : await this.readPiped(prompt))
        if (code) return code
        const where = /https?:\/\/\S+/.exec(prompt)?.[0]
        throw new InvalidInputError('LOGIN_INPUT_MISSING', 'Missing one-time passcode.', [
          `Get one${where ? ` at ${where}` : ''} and pass it with --sso-passcode CODE (or as the first line of stdin).`,
        ])
      },
    }
  }

  private async readPiped(prompt: string): Promise<string> {
    this.talk(`${prompt}:`)
    return readLine()
  }

  private async askFor(label: string, flag: string, usage: string, secret = false): Promise<string> {
    const answer = this.context.stdinIsTty && !this.jsonEnabled() ? await ask(`${label}: `, {secret}) : ''
    if (answer) return answer
    throw new InvalidInputError('LOGIN_INPUT_MISSING', `Missing ${label.toLowerCase()}.`, [
      `Pass ${usage}${flag === 'password' ? ', or set CF_PASSWORD / CF_CLIENT_SECRET' : ''}.`,
    ])
  }
}
