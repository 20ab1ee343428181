// Why a local file could not be read or written, in words instead of an errno line
// ("ENOENT: no such file or directory, open '...'"), for the errors that name the file themselves.

const REASONS: Record<string, string> = {
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of its path is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many symbolic links',
}

/** A missing file is read as "no such file", but written as a missing folder: the file is what the write makes. */
export function describeFileError(error: unknown, operation: 'read' | 'write'): string {
  const errno = errnoOf(error) ?? ''
  if (errno === 'ENOENT') return operation === 'read' ? 'no such file' : 'the folder it goes in does not exist'
  return REASONS[errno] ?? (error instanceof Error ? error.message : String(error))
}

/** Node's error code (ENOENT, EACCES...) of a failed file operation. */
export function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}
