import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {addAllowlist} from '../../ops/route-allow/add.js'
import type {RouteAllowResult} from '../../ops/route-allow/context.js'
import {renderRouteAllow} from '../../render/route-allow.js'

export default class RouteAllowAdd extends BaseCommand<RouteAllowResult> {
  static summary = 'Protect a route with an IP allowlist (or widen its allowlist).'
  static description =
    "Puts ROUTE (host.domain[/path]) behind the org's allowlist route service: the CIDRs are merged into the proxy's " +
    'policy, the policy is rolled out to every proxy instance (a rolling deployment, waited for), and only then is the ' +
    'route bound. When the command returns, only the allowed ranges reach the route; if it fails, the route is no more ' +
    'open than before, and running it again finishes the job. Running it twice changes nothing.\n\n' +
    "A route bound to a route service cgx does not manage is refused unless --replace: then the route's destinations " +
    'are taken off while the bindings change, so it answers 404 for a moment (typically a few seconds) and is never open.\n\n' +
    'An IP filter proves where a request comes from, not who sent it: add --header-secret-from-env VAR so that clients ' +
    'must also send a secret header (read from the environment variable, never from a flag; never printed; at least 16 ' +
    'characters unless --force).\n\n' +
    "The proxy's own route, and any route that sends traffic to the proxy app, is refused: the proxy would call itself."
  static examples = [
    '<%= config.bin %> route-allow add api.agency.gov/v1 --allow 203.0.113.0/24',
    '<%= config.bin %> route-allow add api.agency.gov --allow 203.0.113.0/24,198.51.100.7 --header-secret-from-env API_SECRET',
    '<%= config.bin %> route-allow add static.app.cloud.gov --allow 203.0.113.0/24 --replace',
  ]
  static args = {route: Args.string({description: 'The route, host.domain[/path].', required: true})}
  static flags = {
    allow: Flags.string({summary: 'CIDR(s) to allow; repeat the flag or separate with commas.', multiple: true, required: true}),
    'header-secret-from-env': Flags.string({summary: 'Also require a secret header whose value is in this environment variable.'}),
    // No oclif default: a defaulted flag would always "depend" on --header-secret-from-env (the op defaults it).
    'secret-header': Flags.string({
      summary: 'Name of the secret header (default X-Allowlist-Secret).',
      dependsOn: ['header-secret-from-env'],
    }),
    replace: Flags.boolean({summary: 'Replace a route service bound to the route (brief 404 while it changes).'}),
    force: Flags.boolean({
      summary:
        'Allow a list as open as /0 (together 1/16 of IPv4 or of IPv6 2000::/3, or more), or a header secret shorter than 16 characters.',
    }),
  }

  async run(): Promise<RouteAllowResult> {
    const {args, flags} = await this.parse(RouteAllowAdd)
    const cf = await this.context.client()
    const result = await addAllowlist(
      cf,
      {
        route: args.route,
        allow: flags.allow,
        headerSecretFromEnv: flags['header-secret-from-env'],
        secretHeader: flags['secret-header'],
        replace: flags.replace,
        force: flags.force,
        env: this.context.env,
        api: cf.target.api,
      },
      this.reporter,
    )
    return this.output(result, renderRouteAllow)
  }
}
