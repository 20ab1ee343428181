import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {ORG} from '../../cli/flags.js'
import {listClientCerts, type ListClientCertsResult} from '../../ops/client-cert/list.js'
import {renderClientCertList} from '../../render/client-cert.js'

export default class ClientCertList extends BaseCommand<ListClientCertsResult> {
  static summary =
    'List client certificates in user-provided instances: subject, issuer, expiry. Exit 1 with --expiring-within when any expires soon.'
  static description =
    "Lists cgx's client certificates and any user-provided instance whose credentials hold a PEM certificate, soonest " +
    'expiry first. Cost: the orgs, spaces and user-provided instances in paged listings, then one credentials read per ' +
    "user-provided instance (the listing carries no credentials), 8 at a time; with --managed, only cgx's certificates are " +
    'listed (by their label) and read. Instances whose credentials you may not ' +
    'read (you need to be a developer of their space) are named in a warning. Apps bound to an instance are not shown: ' +
    '`cf service NAME` lists them.\n\nFor CI: --expiring-within 30d exits 1 when any certificate expires within 30 days ' +
    '(or has expired).'
  static examples = [
    '<%= config.bin %> client-cert list --org agency-a',
    '<%= config.bin %> client-cert list --all-orgs --expiring-within 30d --json',
  ]
  static flags = {
    org: Flags.string({...ORG, summary: 'The org (default: the targeted org).'}),
    'all-orgs': Flags.boolean({summary: 'Every org you can see (not with --org).', exclusive: ['org']}),
    managed: Flags.boolean({
      summary: "Only cgx's certificates (found by their label): one credentials read per cgx certificate, not per instance.",
    }),
    'expiring-within': Flags.string({summary: 'Exit 1 when any certificate expires within this many days (30d).', helpValue: 'DAYS'}),
  }

  async run(): Promise<ListClientCertsResult> {
    const {flags} = await this.parse(ClientCertList)
    const request = {
      org: flags.org,
      allOrgs: flags['all-orgs'],
      managedOnly: flags.managed,
      expiringWithin: flags['expiring-within'],
      now: new Date(),
    }
    const result = await listClientCerts(await this.context.client(), request, this.reporter)
    if ((result.expiring?.count ?? 0) > 0) process.exitCode = 1
    return this.output(result, renderClientCertList)
  }
}
