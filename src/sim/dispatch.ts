// Method + path pattern -> handler. Patterns use `:name` segments; the sim's table is written independently of
// the client's, so a wrong path in src/cf fails a test instead of being mirrored.
import type {Handler} from './http.js'

interface Entry {
  method: string
  path: string
  pattern: RegExp
  names: string[]
  handler: Handler
}

export class Dispatcher {
  private readonly entries: Entry[] = []

  add(method: string, path: string, handler: Handler): this {
    const names: string[] = []
    const source = path.replace(/:([a-z_]+)/g, (_match, name: string) => {
      names.push(name)
      return '([^/]+)'
    })
    this.entries.push({method, path, pattern: new RegExp(`^${source}/?$`), names, handler})
    return this
  }

  /** Every method and pattern served, in registration order. */
  endpoints(): Array<{method: string; path: string}> {
    return this.entries.map(({method, path}) => ({method, path}))
  }

  /** The handler for a request, its path parameters, and the pattern it was registered with. */
  match(method: string, path: string): {handler: Handler; params: Record<string, string>; route: string} | undefined {
    for (const entry of this.entries) {
      if (entry.method !== method) continue
      const found = entry.pattern.exec(path)
      if (!found) continue
      const params: Record<string, string> = {}
      entry.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1])))
      return {handler: entry.handler, params, route: entry.path}
    }
    return undefined
  }
}
