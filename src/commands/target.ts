import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {ORG, SPACE} from '../cli/flags.js'
import {changeTarget, showTarget, type TargetSummary} from '../ops/target.js'
import {renderTarget} from '../render/target.js'

export default class Target extends BaseCommand<TargetSummary> {
  static summary = 'Show or set the targeted org and space.'
  static description =
    'Reads the saved login (cf-compatible config) without a request. With no saved login for CF_API, the variables ' +
    'CF_USERNAME/CF_PASSWORD or CF_CLIENT_ID/CF_CLIENT_SECRET log in for it, as for every command; -o/-s then saves ' +
    'CF_API with the org and space (never a secret), so later commands with the same variables use them.'
  static examples = ['<%= config.bin %> target', '<%= config.bin %> target -o agency-a -s prod', '<%= config.bin %> target --json']
  static flags = {
    org: Flags.string({...ORG, summary: 'Org to target.'}),
    space: Flags.string({...SPACE, summary: 'Space to target (in the given or the targeted org).'}),
  }

  async run(): Promise<TargetSummary> {
    const {flags} = await this.parse(Target)
    const {env} = this.context
    const wantsChange = flags.org !== undefined || flags.space !== undefined
    const connect = () => this.context.client()
    const summary = wantsChange ? await changeTarget(connect, env, flags) : await showTarget(env, connect)
    return this.output(summary, renderTarget)
  }
}
