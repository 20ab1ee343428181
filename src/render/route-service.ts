import type {CalibrateResult} from '../ops/route-service/calibrate.js'
import type {DeployResult} from '../ops/route-service/deploy.js'
import type {ServeResult} from '../ops/route-service/serve.js'
import {renderChanges} from './route-allow.js'
import {renderFields, renderTable} from './table.js'
import type {RenderOptions} from './theme.js'

export function renderDeploy(result: DeployResult, options: RenderOptions): string {
  const {theme} = options
  const hops = Array.isArray(result.hops) ? result.hops.join(' | ') : result.hops
  const egress =
    result.egress.public && result.egress.dns
      ? theme.green('public and DNS')
      : theme.yellow(`missing ${[result.egress.public ? '' : 'public', result.egress.dns ? '' : 'DNS'].filter(Boolean).join(' and ')}`)
  return (
    renderFields(
      [
        ['app', `${result.app.name} in ${result.org} / ${result.space}`],
        ['url', result.url],
        ['engine', `${result.engine} (${result.buildpack})`],
        ['instances', `${result.instances} × ${result.memoryMb} MB`],
        ['hops', result.hopsCalibrated ? hops : `${hops} ${theme.yellow('(not calibrated)')}`],
        ['egress', egress],
        ['bundle', result.bundleSha256.slice(0, 12)],
        ['repointed', result.repointed === 0 ? 'none needed' : `${result.repointed} route service instance(s) now point at ${result.url}`],
      ],
      options,
    ) + renderChanges(result.changes, options)
  )
}

export function renderCalibrate(result: CalibrateResult, options: RenderOptions): string {
  const {theme} = options
  const last = result.chain.length - 1
  const chain = renderTable(
    result.chain,
    [
      {header: 'position', value: (hop) => String(hop.position)},
      {header: 'address', value: (hop) => hop.address},
      {
        header: 'role',
        value: (hop) => (hop.position === last ? 'client (this machine)' : hop.position === 0 ? 'socket peer' : 'platform hop'),
      },
    ],
    options,
  )
  if (!options.tty) return chain
  const current = Array.isArray(result.currentHops) ? result.currentHops.join(' | ') : result.currentHops
  const verdict = result.currentFits
    ? theme.green(`The current hops (${current}) fit this chain.`)
    : theme.yellow(`The current hops (${current}) do not fit this chain: clients would be denied or misread.`)
  const fit =
    result.fittingPreset === null ? `Hops that fit: ${result.suggestedHops.join(' | ')}` : `The preset '${result.fittingPreset}' fits.`
  return (
    `X-Forwarded-For as the proxy saw ${result.probeUrl} (right to left):\n${chain}\n${verdict}\n${fit}\n` +
    (result.currentFits ? '' : `To use it: ${result.command}\n`)
  )
}

export function renderServe(result: ServeResult): string {
  return `Stopped the route service on port ${result.port}.\n`
}
