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
  'isolation_segments.*.orgs is left out, so entitlements stay unmanaged: it would list only the visible orgs and revoke the others',
  'only the visible orgs, spaces, security groups and route allowlists are written; plan and apply leave the rest alone',
]

export function seesWholeFoundation(scopes: readonly string[]): boolean {
  return scopes.some((scope) => FOUNDATION_READ_SCOPES.includes(scope))
}

/** The header of a partial export: the marker, who exported it, and why fields are missing. */
export function partialHeader(exporter: string | undefined): string {
  return [
    `${PARTIAL_MARKER}: ${exporter ?? 'the exporter'} cannot see the whole foundation (no admin, admin_read_only or global_auditor scope):`,
    ...PARTIAL_REASONS.map((reason) => `#   - ${reason}`),
    '#   - `cgx plan` and `cgx apply` refuse --prune with this file: it would delete, and unprotect, what was not visible.',
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
