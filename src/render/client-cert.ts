import type {CreateClientCertResult} from '../ops/client-cert/create.js'
import type {ListClientCertsResult} from '../ops/client-cert/list.js'
import type {RotateClientCertResult} from '../ops/client-cert/rotate.js'
import type {ShowCaResult} from '../ops/client-cert/show-ca.js'
import type {ClientCertSummary} from '../ops/client-cert/summary.js'
import {renderFields, renderTable} from './table.js'
import type {RenderOptions, Theme} from './theme.js'

/** Never a key: these show what a person renewing or trusting the certificate needs. */
function certificateFields(cert: ClientCertSummary, options: RenderOptions): [string, string][] {
  return [
    ['instance', cert.name],
    ['org / space', `${cert.org} / ${cert.space}`],
    ['subject', cert.subject],
    ['issuer', cert.issuer],
    ['key', cert.keyType],
    ['not after', `${cert.notAfter} (${daysText(cert, options.theme)})`],
  ]
}

export function renderCreateClientCert(result: CreateClientCertResult, options: RenderOptions): string {
  const ca = result.ca
  const caText =
    ca === undefined
      ? 'imported (its issuers are in ca_certificate)'
      : ca.kept === 'file'
        ? 'the CA key file'
        : `${ca.instance?.name} in space ${ca.instance?.space}${ca.created ? ' (created now)' : ''}`
  return (
    renderFields([...certificateFields(result, options), ['signed by', caText]], options) +
    (options.tty
      ? `\n${options.theme.dim(`Bind it: cf bind-service APP ${result.name}; the server's owner trusts \`cgx client-cert ca --org ${result.org}\`.`)}\n`
      : '')
  )
}

export function renderRotateClientCert(result: RotateClientCertResult, options: RenderOptions): string {
  const restarted = result.restarted.map((r) => `${r.app} (${r.status})`).join(', ') || 'none'
  return renderFields(
    [
      ...certificateFields(result, options),
      ['replaces', `serial ${result.previous.serial}, not after ${result.previous.notAfter}`],
      ['restarted', restarted],
    ],
    options,
  )
}

/** The PEM alone, so `cgx client-cert ca > ca.pem` gives the server's owner a file to trust. */
export function renderShowCa(result: ShowCaResult): string {
  return result.certificate
}

export function renderClientCertList(result: ListClientCertsResult, options: RenderOptions): string {
  const {theme} = options
  if (result.certificates.length === 0 && options.tty) return 'No client certificates found.\n'
  const table = renderTable(
    result.certificates,
    [
      {header: 'org', value: (c) => c.org},
      {header: 'space', value: (c) => c.space},
      {header: 'instance', value: (c) => c.name},
      {header: 'subject', value: (c) => c.subject},
      {header: 'issuer', value: (c) => c.issuer},
      {header: 'not after', value: (c) => c.notAfter.slice(0, 10)},
      {header: 'days left', value: (c) => String(c.daysLeft), style: (text, c) => daysColor(c, theme, result.expiring?.withinDays)(text)},
      {header: 'source', value: (c) => c.source},
    ],
    options,
  )
  const expiring = result.expiring
  const footer =
    expiring && options.tty
      ? `\n${expiring.count === 0 ? theme.green(`None expires within ${expiring.withinDays} days.`) : theme.red(`${expiring.count} expire(s) within ${expiring.withinDays} days.`)}\n`
      : ''
  return table + footer
}

function daysText(cert: ClientCertSummary, theme: Theme): string {
  return cert.daysLeft < 0 ? theme.red('expired') : `${cert.daysLeft} days left`
}

function daysColor(cert: ClientCertSummary, theme: Theme, within: number | undefined): (text: string) => string {
  if (cert.daysLeft < 0) return theme.red
  return within !== undefined && cert.daysLeft < within ? theme.yellow : (text) => text
}
