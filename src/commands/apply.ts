import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {ask} from '../cli/prompt.js'
import {InvalidInputError} from '../ops/errors.js'
import {applySetup, type ApplyResult, type Plan} from '../ops/setup/index.js'
import {renderApply, renderPlan} from '../render/plan.js'

export default class Apply extends BaseCommand<ApplyResult> {
  static summary = 'Make the foundation match a setup file.'
  static description =
    'Plans as `cgx plan` does, asks for confirmation on a terminal, then makes the changes in dependency order ' +
    '(segments, orgs, entitlements, org defaults, spaces, space segments, security groups, bindings, route allowlists; ' +
    'deletes last). Route allowlists go through the same path as `cgx route-allow`, with one rolling deployment of each ' +
    "org's allowlist proxy: the policy is live before a route is bound, and a route leaves the allowlist by being " +
    'unbound first, so no route is ever more open than before or after. ' +
    'It stops at the first failure and says what was done; running it again carries on from there. A second apply ' +
    'changes nothing. Only what the file names is managed; --prune also deletes objects cgx created that the file no longer names.'
  static examples = [
    '<%= config.bin %> apply -f setup.yml',
    '<%= config.bin %> apply -f setup.yml --auto-approve --json',
    '<%= config.bin %> apply -f setup.yml --prune',
  ]
  static flags = {
    file: Flags.string({char: 'f', helpValue: 'FILE', required: true, summary: 'The setup file (YAML).'}),
    'auto-approve': Flags.boolean({summary: 'Do not ask for confirmation (needed when not on a terminal, and with --json).'}),
    prune: Flags.boolean({summary: 'Also delete objects cgx created (label cgx.cloud.gov/managed-by=cgx) that the file no longer names.'}),
  }

  async run(): Promise<ApplyResult> {
    const {flags} = await this.parse(Apply)
    const approved = flags['auto-approve']
    if (!approved && (this.jsonEnabled() || !this.context.stdinIsTty)) {
      throw new InvalidInputError('APPROVAL_NEEDED', 'Not on a terminal, so apply cannot ask for confirmation.', [
        'Review the changes with `cgx plan -f FILE`, then run `cgx apply -f FILE --auto-approve`.',
      ])
    }
    const confirm = approved ? undefined : (plan: Plan) => this.confirm(plan)
    const result = await applySetup(await this.context.client(), {file: flags.file, prune: flags.prune, confirm}, this.reporter)
    return this.output(result, renderApply)
  }

  private async confirm(plan: Plan): Promise<boolean> {
    process.stderr.write(renderPlan(plan, {...this.context.renderOptions(), theme: this.context.theme(process.stderr.isTTY)}))
    return (await ask('\nMake these changes? Only "yes" is accepted: ')) === 'yes'
  }
}
