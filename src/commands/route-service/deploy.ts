import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {deployRouteService, type DeployResult} from '../../ops/route-service/deploy.js'
import type {Engine} from '../../ops/allowlist-proxy/index.js'
import {renderDeploy} from '../../render/route-service.js'

export default class RouteServiceDeploy extends BaseCommand<DeployResult> {
  static summary = "Deploy (or redeploy) the org's allowlist route service and wait until it runs."
  static description =
    'Pushes the proxy through the v3 API: an app labelled cgx.cloud.gov/role=allowlist-proxy, its code as a package ' +
    'staged with the nodejs buildpack (--engine nginx: the policy compiled to nginx configuration, staged with the nginx ' +
    "buildpack), an https route on the org's default domain with a host nobody can guess, an " +
    'http health check on /_health; then starts it and waits for its instances. One per org, in a space of its own ' +
    '(created if missing): the proxy needs public and DNS egress, and cgx says which security groups the space lacks ' +
    'rather than opening egress for other apps. A new cgx version or new --hops is a rolling deployment, waited for; ' +
    'running it again unchanged changes nothing. Once the proxy runs, every cgx-allowlist instance of the org (one per ' +
    "space) that points elsewhere (the proxy's route changed, or it was edited by hand) is pointed at it again and its " +
    'routes re-sent to the router; the result says how many.'
  static examples = [
    '<%= config.bin %> route-service deploy --org agency-a --space route-services',
    '<%= config.bin %> route-service deploy --space route-services --instances 3 --memory 128M --hops cloud.gov',
    '<%= config.bin %> route-service deploy --space route-services --engine nginx',
  ]
  static flags = {
    org: Flags.string({char: 'o', summary: 'Org (default: the targeted one).'}),
    space: Flags.string({char: 's', summary: "The proxy's own space.", required: true}),
    instances: Flags.integer({summary: 'Instances (two keep routes up during restarts).', default: 2}),
    memory: Flags.string({summary: 'Memory per instance.', default: '64M'}),
    engine: Flags.string({
      summary:
        'node: the Node proxy (nodejs_buildpack); nginx: the same policy compiled to nginx configuration (nginx_buildpack, faster, 64M is plenty).',
      options: ['node', 'nginx'],
      default: 'node',
    }),
    hops: Flags.string({
      summary: 'Platform hops in front of the proxy: a preset (direct, local, cloud.gov) or one CIDR list per hop, socket peer first.',
      multiple: true,
    }),
  }

  async run(): Promise<DeployResult> {
    const {flags} = await this.parse(RouteServiceDeploy)
    const cf = await this.context.client()
    const result = await deployRouteService(
      cf,
      {
        org: flags.org,
        space: flags.space,
        engine: flags.engine as Engine,
        instances: flags.instances,
        memory: flags.memory,
        hops: flags.hops,
        api: cf.target.api,
      },
      this.reporter,
    )
    return this.output(result, renderDeploy)
  }
}
