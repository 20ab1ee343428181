import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {caFlags, ORG, SPACE} from '../../cli/flags.js'
import {createClientCert, KEY_TYPES, MAX_DAYS, type CreateClientCertResult} from '../../ops/client-cert/create.js'
import {renderCreateClientCert} from '../../render/client-cert.js'

export default class ClientCertCreate extends BaseCommand<CreateClientCertResult> {
  static summary = 'Create a client certificate for mutual TLS to an external server, as a user-provided service instance.'
  static description =
    'Makes a new key pair (ECDSA P-256, or RSA on request) and a certificate for client authentication signed by the ' +
    "org's client CA, and stores them as the user-provided instance NAME with credentials certificate, private_key and " +
    "ca_certificate (PEM). Bind apps to it with `cf bind-service`; give the server's owner `cgx client-cert ca`.\n\n" +
    "The org's CA is created on first use: say where its key is kept with --ca-space (a user-provided instance whose " +
    "credentials that space's developers can read) or --ca-key-file (outside the foundation). --cert-file and --key-file " +
    'store a certificate issued elsewhere (an agency PKI) instead, after checking the key matches, the certificate is for ' +
    'clientAuth and valid now.\n\nThe private key is made in memory and sent only to the platform: it is never written ' +
    "to disk or printed. Anyone who can read the instance's credentials (the space's developers) can read it."
  static examples = [
    '<%= config.bin %> client-cert create payments-client --space prod --ca-space cert-issuers',
    '<%= config.bin %> client-cert create payments-client --space prod --days 90 --cn payments.agency.gov --key-type rsa-3072',
    '<%= config.bin %> client-cert create pki-client --space prod --cert-file client.pem --key-file client.key',
  ]
  static args = {
    name: Args.string({description: 'Name of the user-provided instance to create.', required: true}),
  }
  static flags = {
    org: Flags.string({...ORG, summary: 'Org of the space (default: the targeted org).'}),
    space: Flags.string({...SPACE, summary: 'Space to create the instance in.', required: true}),
    days: Flags.integer({summary: `Days the certificate is valid (1 to ${MAX_DAYS}).`, default: 365}),
    cn: Flags.string({summary: 'Common name of the certificate (default: NAME).', helpValue: 'NAME'}),
    'key-type': Flags.option({options: KEY_TYPES, default: 'ecdsa-p256' as const, summary: 'Key type.'})(),
    ...caFlags,
    'cert-file': Flags.file({
      summary: 'Store this externally issued certificate (PEM, its issuers after it) instead.',
      helpValue: 'FILE',
      dependsOn: ['key-file'],
      exclusive: ['ca-space', 'ca-key-file', 'cn'],
    }),
    'key-file': Flags.file({summary: 'The private key of --cert-file (PEM).', helpValue: 'FILE', dependsOn: ['cert-file']}),
  }

  async run(): Promise<CreateClientCertResult> {
    const {args, flags} = await this.parse(ClientCertCreate)
    const request = {
      name: args.name,
      org: flags.org,
      space: flags.space,
      days: flags.days,
      commonName: flags.cn,
      keyType: flags['key-type'],
      certFile: flags['cert-file'],
      keyFile: flags['key-file'],
      ca: {caSpace: flags['ca-space'], caKeyFile: flags['ca-key-file']},
      now: new Date(),
    }
    const result = await createClientCert(await this.context.client(), request, this.reporter)
    return this.output(result, renderCreateClientCert)
  }
}
