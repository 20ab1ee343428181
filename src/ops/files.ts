import {readFile} from 'node:fs/promises'

import {InvalidInputError} from './errors.js'

/** Why a file the user named cannot be read, in words rather than an errno (ENOENT: no such file or directory, open ...). */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
}

/** The text of a file the user named (`what` says which: "the setup file"); unreadable → InvalidInputError `code`. */
export async function readUserFile(file: string, what: string, code: string, suggestions: string[] = []): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code ?? ''
    const reason = REASONS[errno] ?? (error as Error).message
    throw new InvalidInputError(code, `Cannot read ${what} ${file}: ${reason}.`, suggestions)
  }
}
