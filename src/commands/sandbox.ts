import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {startSandbox, type SandboxInfo} from '../ops/sandbox.js'
import {renderSandbox, sandboxHint} from '../render/sandbox.js'

export default class Sandbox extends BaseCommand<SandboxInfo | undefined> {
  static summary = 'Run a local simulated Cloud Foundry foundation to try cgx on.'
  static description =
    'Starts the cgx foundation simulator (Cloud Controller v3 + UAA) on loopback, seeded with a realistic cloud.gov-like ' +
    'foundation, prints its URL and credentials, and runs until interrupted (Ctrl-C). Its UAA shows a one-time passcode ' +
    'for `cgx login --sso` at API/uaa/passcode (for the admin user); scripts get one for any seeded user from ' +
    "API/_sim/passcode?username=NAME. Writes follow Cloud Foundry's roles: the seed's Space Developers write in their " +
    'spaces, Org Managers at org level, anything else is 403 CF-NotAuthorized.'
  static examples = [
    '<%= config.bin %> sandbox',
    '<%= config.bin %> sandbox --port 8080 --state ./sandbox.json --latency 50',
    '<%= config.bin %> sandbox --api-version 3.180.0',
  ]
  static flags = {
    port: Flags.integer({helpValue: 'PORT', summary: 'Port to listen on (0 picks a free one).', default: 0, min: 0, max: 65_535}),
    seed: Flags.file({
      helpValue: 'FILE',
      summary: 'YAML foundation to seed from (default: the bundled examples/foundation.yml).',
      exists: true,
    }),
    state: Flags.file({helpValue: 'FILE', summary: 'Keep the foundation in this JSON file, so it survives restarts.'}),
    latency: Flags.integer({helpValue: 'MS', summary: 'Milliseconds of latency added to every API request.', default: 0, min: 0}),
    'api-version': Flags.string({
      helpValue: 'X.Y.Z',
      summary: 'Present this older Cloud Controller API version (default: the latest the simulator knows).',
      description: 'GET / reports it, and request body fields introduced after it are refused as unknown, as that CC would.',
    }),
  }

  async run(): Promise<SandboxInfo | undefined> {
    const {flags} = await this.parse(Sandbox)
    const sandbox = await startSandbox({
      port: flags.port,
      seedFile: flags.seed,
      stateFile: flags.state,
      latencyMs: flags.latency,
      apiVersion: flags['api-version'],
    })
    // Printed at once (the command runs until interrupted); nothing more is printed when it ends.
    if (this.jsonEnabled()) this.logJson(this.toSuccessJson(sandbox.info))
    else {
      this.output(sandbox.info, (info, options) => renderSandbox(info!, options))
      this.talk(sandboxHint(sandbox.info))
    }
    await sandbox.untilInterrupted()
    return undefined
  }
}
