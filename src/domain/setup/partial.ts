// What a setup file exported by someone who cannot see the whole foundation may claim. The file is authoritative
// field by field, so a field read incompletely would, applied by an admin, undo what the exporter could not see.
// Such fields are left out (unmanaged), and the file says so in a header line that `--prune` refuses.

/** Scopes that let a token read every org, entitlement, security group and route. */
export const FOUNDATION_READ_SCOPES: readonly string[] = [
  'cloud_controller.admin',
  'cloud_controller.admin_read_only',
  'cloud_controller.global_auditor',
]

/** The header line that marks a partial export; plan and apply look for it among the file's leading comments. */
export const PARTIAL_MARKER = '# cgx: partial export'

/** Why an export by such a user is partial, in the order the file's header and `--json` give them. */
export const PARTIAL_REASONS: readonly string[] = [
  'isolation_segments.*.orgs is left out (entitlements stay unmanaged): a segment lists only the orgs you can see, ' +
    'and a file that lists them would revoke the others',
  'only the orgs, spaces, security groups and route allowlists you can see are written; plan and apply do not touch ' +
    'what the file does not name',
]

export function seesWholeFoundation(scopes: readonly string[]): boolean {
  return scopes.some((scope) => FOUNDATION_READ_SCOPES.includes(scope))
}

/** The header of a partial export: the marker, who exported it, and why fields are missing. */
export function partialHeader(exporter: string | undefined): string {
  const who = exporter === undefined ? 'The exporter' : exporter
  return [
    `${PARTIAL_MARKER}: ${who} cannot see the whole foundation (no ${FOUNDATION_READ_SCOPES.join(', ')} scope), so`,
    ...PARTIAL_REASONS.map((reason) => `#   - ${reason}`),
    '# `cgx plan` and `cgx apply` refuse --prune with this file: it would delete cgx-labeled objects, and take allowlists',
    '# off routes, that the exporter cannot see.',
    '# Export as a platform admin (or admin_read_only / global_auditor) for a complete file.',
  ].join('\n')
}

/** True when the comments before the file's first key include the partial-export marker. */
export function isPartialExport(text: string): boolean {
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (trimmed.startsWith(PARTIAL_MARKER)) return true
    if (trimmed !== '' && !trimmed.startsWith('#')) return false
  }
  return false
}
