// Synchronous file calls, as src/cf/config.ts explains: no trip through the thread pool, no fs/promises to load.
import {readFileSync, writeFileSync} from 'node:fs'

import {describeFileError} from '../cf/index.js'
import {InvalidInputError} from './errors.js'

/** The text of a file the user named (`what` says which: "the setup file"); unreadable → InvalidInputError `code`. */
export async function readUserFile(file: string, what: string, code: string, suggestions: string[] = []): Promise<string> {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new InvalidInputError(code, `Cannot read ${what} ${file}: ${describeFileError(error, 'read')}.`, suggestions)
  }
}

/** Write a file the user named; a directory, a missing folder or no permission → FILE_UNWRITABLE saying which. */
export async function writeUserFile(file: string, text: string, what: string, suggestions: string[] = []): Promise<void> {
  try {
    writeFileSync(file, text, 'utf8')
  } catch (error) {
    throw new InvalidInputError('FILE_UNWRITABLE', `Cannot write ${what} ${file}: ${describeFileError(error, 'write')}.`, suggestions)
  }
}
