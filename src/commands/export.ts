import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {ORG} from '../cli/flags.js'
import {exportSetup, type ExportResult} from '../ops/setup/index.js'
import {renderExport} from '../render/plan.js'

export default class Export extends BaseCommand<ExportResult> {
  static summary = "Write the foundation's segments, security groups, orgs, spaces and route allowlists as a setup file."
  static description =
    'The file plans to no changes (`cgx plan -f FILE` says so), including entitlements, org defaults and the security ' +
    'groups bound to each space, and the allow list of every route behind the cgx allowlist (header secrets are never ' +
    'written). "None" is written as null (a space without a segment, an org without a default), so a segment ' +
    'assigned since shows in the plan as a change back. With --org, only those orgs and the segments, groups and routes they use. A user without an admin, ' +
    'admin_read_only or global_auditor scope gets a partial file: segment entitlements are left out (a warning, a ' +
    'header comment and `partial` in --json say so), and plan/apply refuse --prune with it.'
  static examples = ['<%= config.bin %> export > setup.yml', '<%= config.bin %> export -o agency-a -o agency-b -f agencies.yml']
  static flags = {
    // -o is the org everywhere in cgx (as in the cf CLI); -f names the setup file, as for plan and apply.
    org: Flags.string({...ORG, summary: 'Only this org (repeatable).', multiple: true}),
    file: Flags.string({char: 'f', helpValue: 'FILE', summary: 'Write the file here instead of to stdout.'}),
  }

  async run(): Promise<ExportResult> {
    const {flags} = await this.parse(Export)
    const result = await exportSetup(await this.context.client(), {orgs: flags.org, output: flags.file}, this.reporter)
    return this.output(result, renderExport)
  }
}
