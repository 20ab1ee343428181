import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {ask} from '../../cli/prompt.js'
import type {RouteAllowResult} from '../../ops/route-allow/context.js'
import {removeAllowlist} from '../../ops/route-allow/remove.js'
import {renderRouteAllow} from '../../render/route-allow.js'

export default class RouteAllowRemove extends BaseCommand<RouteAllowResult> {
  static summary = "Narrow a route's allowlist, or (--all) stop protecting the route."
  static description =
    "With --allow, the CIDRs leave the route's allow list; the command returns once every proxy instance runs the " +
    'narrowed policy (until then, instances not yet replaced still allow the removed ranges). With --all, the route ' +
    'becomes public: cgx asks first (or takes --force), unbinds the route service, then drops the route from the policy.'
  static examples = [
    '<%= config.bin %> route-allow remove api.agency.gov/v1 --allow 198.51.100.0/24',
    '<%= config.bin %> route-allow remove api.agency.gov/v1 --all --force',
  ]
  static args = {route: Args.string({description: 'The route, host.domain[/path].', required: true})}
  static flags = {
    allow: Flags.string({summary: 'CIDR(s) to remove; repeat the flag or separate with commas.', multiple: true, exclusive: ['all']}),
    all: Flags.boolean({summary: 'Remove the whole allowlist: the route becomes public.', exclusive: ['allow']}),
    force: Flags.boolean({summary: 'Do not ask before making the route public.'}),
  }

  async run(): Promise<RouteAllowResult> {
    const {args, flags} = await this.parse(RouteAllowRemove)
    const interactive = this.context.stdinIsTty && !this.jsonEnabled()
    const confirm = async (question: string) => flags.force || (interactive && /^y(es)?$/i.test(await ask(`${question} [y/N] `)))
    const result = await removeAllowlist(
      await this.context.client(),
      {route: args.route, allow: flags.allow, all: flags.all, confirm},
      this.reporter,
    )
    return this.output(result, renderRouteAllow)
  }
}
