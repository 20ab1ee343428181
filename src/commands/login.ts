import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {ORG, SPACE} from '../cli/flags.js'
import {ask} from '../cli/prompt.js'
import {InvalidInputError} from '../ops/errors.js'
import {logIn, type LoginSummary} from '../ops/login.js'
import {renderLogin} from '../render/target.js'

export type LoginResult = LoginSummary

export default class Login extends BaseCommand<LoginResult> {
  static summary = 'Log in to a Cloud Foundry API (shares the cf CLI\'s login).'
  static description =
    'Writes $CF_HOME/.cf/config.json as the cf CLI does, so `cf` and `cgx` share one login. Asks on a terminal for ' +
    'what is missing (the password is not echoed). With --client-credentials, -u is the client id and -p its secret.'
  static examples = [
    '<%= config.bin %> login -a https://api.fr.cloud.gov -u me@agency.gov',
    '<%= config.bin %> login -a https://api.example.gov --client-credentials -u ci-client -p "$SECRET" -o my-org -s prod',
  ]
  static flags = {
    api: Flags.string({char: 'a', helpValue: 'URL', summary: 'API endpoint, e.g. https://api.fr.cloud.gov.', env: 'CF_API'}),
    username: Flags.string({char: 'u', helpValue: 'USER', summary: 'User name (or client id with --client-credentials).'}),
    password: Flags.string({char: 'p', helpValue: 'PASSWORD', summary: 'Password (or client secret). Prefer the prompt or CF_PASSWORD: a flag shows in `ps`.'}),
    'client-credentials': Flags.boolean({summary: 'Log in as an OAuth client (client_credentials grant).'}),
    org: Flags.string({...ORG, summary: 'Org to target.'}),
    space: Flags.string({...SPACE, summary: 'Space to target.'}),
  }

  async run(): Promise<LoginResult> {
    const {flags} = await this.parse(Login)
    const client = flags['client-credentials']
    const env = process.env
    const api = flags.api ?? (await this.askFor('API endpoint', 'api', '-a API'))
    const user = flags.username ?? (client ? env.CF_CLIENT_ID : env.CF_USERNAME) ?? (await this.askFor(client ? 'Client id' : 'Username', 'username', '-u'))
    const secret = flags.password ?? (client ? env.CF_CLIENT_SECRET : env.CF_PASSWORD) ?? (await this.askFor(client ? 'Client secret' : 'Password', 'password', '-p', true))
    const credentials = client ? {clientId: user, clientSecret: secret} : {username: user, password: secret}
    const summary = await logIn(
      {api, credentials, org: flags.org, space: flags.space, skipSslValidation: flags['skip-ssl-validation'], env},
      this.reporter,
    )
    return this.output(summary, renderLogin)
  }

  private async askFor(label: string, flag: string, usage: string, secret = false): Promise<string> {
    const answer = this.context.stdinIsTty && !this.jsonEnabled() ? await ask(`${label}: `, {secret}) : ''
    if (answer) return answer
    throw new InvalidInputError('LOGIN_INPUT_MISSING', `Missing ${label.toLowerCase()}.`, [`Pass ${usage}${flag === 'password' ? ', or set CF_PASSWORD / CF_CLIENT_SECRET' : ''}.`])
  }
}
