import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {listAllowlists, type RouteListResult} from '../../ops/route-allow/list.js'
import {renderRouteList} from '../../render/route-allow.js'

export default class RouteAllowList extends BaseCommand<RouteListResult> {
  static summary = 'List the protected routes of an org or space (or of every org), with their allow lists.'
  static description =
    'With --all-routes, also the routes anyone can reach (unprotected) and those behind a route service cgx does not ' +
    "manage (foreign). Statuses: protected, denies-all (bound, but nothing allowed), stale (bound to cgx's instance, but " +
    "it points elsewhere than the org's proxy, both URLs shown: run `cgx route-service deploy` to repoint it), foreign " +
    "(a managed route service's URL is the one on its binding), unprotected, parked " +
    '(destinations taken off by an interrupted --replace: run `route-allow add ROUTE --replace` again).\n\n' +
    'With --all-orgs, every org you can see, each row naming its org. Cost: foundation-wide listings of the routes, the ' +
    'route bindings and the allowlist proxy apps (as many requests as they have pages of 5000), plus one environment ' +
    'read per proxy for its policy: at most one per org that has a proxy, never one per org, space or route.'
  static examples = [
    '<%= config.bin %> route-allow list',
    '<%= config.bin %> route-allow list --org agency-a --all-routes',
    '<%= config.bin %> route-allow list --space prod --json',
    '<%= config.bin %> route-allow list --all-orgs --all-routes',
  ]
  static flags = {
    org: Flags.string({char: 'o', summary: 'Org (default: the targeted one).'}),
    space: Flags.string({char: 's', summary: 'Only this space of the org.'}),
    'all-routes': Flags.boolean({summary: 'Also list unprotected routes and routes behind other route services.'}),
    'all-orgs': Flags.boolean({summary: 'Every org you can see (not with --org or --space).', exclusive: ['org', 'space']}),
  }

  async run(): Promise<RouteListResult> {
    const {flags} = await this.parse(RouteAllowList)
    const result = await listAllowlists(
      await this.context.client(),
      {org: flags.org, space: flags.space, allRoutes: flags['all-routes'], allOrgs: flags['all-orgs']},
      this.reporter,
    )
    return this.output(result, renderRouteList)
  }
}
