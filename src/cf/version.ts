// cgx's own version for the User-Agent, read once from package.json (two levels up from src/cf and dist/cf).
import {readFileSync} from 'node:fs'

let cached: string | undefined

export function cgxVersion(): string {
  if (cached === undefined) {
    try {
      const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version?: string}
      cached = manifest.version ?? '0.0.0'
    } catch {
      cached = '0.0.0'
    }
  }
  return cached
}
