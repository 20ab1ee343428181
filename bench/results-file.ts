// bench/results.md holds one "## " section per benchmark; each bench replaces its own sections and leaves the rest.
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export const resultsFile = path.join(fileURLToPath(new URL('..', import.meta.url)), 'bench', 'results.md')

/** Replaces the section whose heading line is `heading` (e.g. "## Proxy") where it stands, or appends it. */
export function writeSection(heading: string, text: string): void {
  const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmarks\n'
  const start = previous.indexOf(`\n${heading}\n`)
  if (start < 0) return writeFileSync(resultsFile, `${previous.trimEnd()}\n\n${text.trimEnd()}\n`)
  const end = previous.indexOf('\n## ', start + 1)
  const rest = end < 0 ? '' : `\n${previous.slice(end).trimStart()}`
  writeFileSync(resultsFile, `${previous.slice(0, start).trimEnd()}\n\n${text.trimEnd()}\n${rest}`)
}
