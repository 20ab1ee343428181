import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {hasChanges, planSetup, type Plan} from '../ops/setup/index.js'
import {renderPlan} from '../render/plan.js'

export default class PlanCommand extends BaseCommand<Plan> {
  static summary = 'Show what `cgx apply` would change to make the foundation match a setup file.'
  static description =
    'Reads the foundation in a fixed number of requests (not one per space), compares it with the file and prints the ' +
    'changes: + create, ~ update, - delete, each with its reason. Only what the file names is compared (route allowlists ' +
    'only when the file has a route_allowlists section). With ' +
    '--detailed-exitcode the exit code is 0 for no changes, 2 for changes, 1 for an error. The file format: docs/setup-file.md.'
  static examples = [
    '<%= config.bin %> plan -f setup.yml',
    '<%= config.bin %> plan -f setup.yml --detailed-exitcode   # in CI: exit 2 when the foundation drifted',
    '<%= config.bin %> plan -f setup.yml --json',
  ]
  static flags = {
    file: Flags.string({char: 'f', helpValue: 'FILE', required: true, summary: 'The setup file (YAML).'}),
    'detailed-exitcode': Flags.boolean({summary: 'Exit 2 when there are changes (0: none, 1: error).'}),
    prune: Flags.boolean({summary: 'Also plan deleting objects cgx created that the file no longer names.'}),
  }

  async run(): Promise<Plan> {
    const {flags} = await this.parse(PlanCommand)
    const plan = await planSetup(await this.context.client(), {file: flags.file, prune: flags.prune}, this.reporter)
    if (flags['detailed-exitcode'] && hasChanges(plan)) process.exitCode = 2
    return this.output(plan, renderPlan)
  }
}
