import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {caFlags, ORG} from '../../cli/flags.js'
import {showCa, type ShowCaResult} from '../../ops/client-cert/show-ca.js'
import {renderShowCa} from '../../render/client-cert.js'

export default class ClientCertCa extends BaseCommand<ShowCaResult> {
  static summary = "Print the org's client CA certificate (PEM), for the external server's owner to trust."
  static description =
    "Only the certificate: the CA's key stays where it is kept. With --ca-space, creates the org's CA first if it has " +
    "none (its key in a user-provided instance cgx-client-ca there, readable by that space's developers). With " +
    '--ca-key-file, prints the certificate in that file.'
  static examples = [
    '<%= config.bin %> client-cert ca --org agency-a > agency-a-client-ca.pem',
    '<%= config.bin %> client-cert ca --org agency-a --ca-space cert-issuers',
  ]
  static flags = {
    org: Flags.string({...ORG, summary: 'The org (default: the targeted org).'}),
    ...caFlags,
  }

  async run(): Promise<ShowCaResult> {
    const {flags} = await this.parse(ClientCertCa)
    const request = {org: flags.org, ca: {caSpace: flags['ca-space'], caKeyFile: flags['ca-key-file']}, now: new Date()}
    const result = await showCa(await this.context.client(), request, this.reporter)
    return this.output(result, renderShowCa)
  }
}
