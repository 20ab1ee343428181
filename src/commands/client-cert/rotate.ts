import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {ORG, SPACE} from '../../cli/flags.js'
import {rotateClientCert, type RotateClientCertResult} from '../../ops/client-cert/rotate.js'
import {renderRotateClientCert} from '../../render/client-cert.js'

export default class ClientCertRotate extends BaseCommand<RotateClientCertResult> {
  static summary = "Replace a client certificate's key and certificate, from the same CA, and restart the apps that use it."
  static description =
    'Issues a new key and certificate with the same common name, lifetime and key type from the CA that issued the ' +
    "current one (give --ca-key-file if it is kept outside the foundation), writes them over the instance's " +
    'credentials, and replaces the instances of the apps named with --restart-app with rolling deployments (no ' +
    'downtime). Apps read credentials when they start: any other app bound to it keeps the old certificate until ' +
    'restarted. For a certificate imported from another PKI, give its successor with --cert-file and --key-file.'
  static examples = [
    '<%= config.bin %> client-cert rotate payments-client --space prod --restart-app payments',
    '<%= config.bin %> client-cert rotate pki-client --space prod --cert-file new.pem --key-file new.key',
  ]
  static args = {
    name: Args.string({description: 'Name of the client-cert instance.', required: true}),
  }
  static flags = {
    org: Flags.string({...ORG, summary: 'Org of the space (default: the targeted org).'}),
    space: Flags.string({...SPACE, summary: 'Space of the instance.', required: true}),
    'restart-app': Flags.string({
      summary: 'App bound to it, to restart with a rolling deployment (repeatable, or comma-separated).',
      multiple: true,
      multipleNonGreedy: true,
      delimiter: ',',
      helpValue: 'APP',
    }),
    'ca-key-file': Flags.file({
      summary: "The CA's key and certificate (PEM), when the CA is kept outside the foundation.",
      helpValue: 'FILE',
    }),
    'cert-file': Flags.file({
      summary: 'Imported certificates: the new certificate (PEM).',
      helpValue: 'FILE',
      dependsOn: ['key-file'],
      exclusive: ['ca-key-file'],
    }),
    'key-file': Flags.file({summary: 'The private key of --cert-file (PEM).', helpValue: 'FILE', dependsOn: ['cert-file']}),
  }

  async run(): Promise<RotateClientCertResult> {
    const {args, flags} = await this.parse(ClientCertRotate)
    const request = {
      name: args.name,
      org: flags.org,
      space: flags.space,
      ca: {caKeyFile: flags['ca-key-file']},
      certFile: flags['cert-file'],
      keyFile: flags['key-file'],
      restartApps: flags['restart-app'] ?? [],
      now: new Date(),
    }
    const result = await rotateClientCert(await this.context.client(), request, this.reporter)
    return this.output(result, renderRotateClientCert)
  }
}
