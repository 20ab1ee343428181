// Query strings the way the Cloud Controller parses them. Rack unescapes the query once, then a filter
// list is split on commas and each item is unescaped again (base_message.rb `to_array!`). So list items are
// escaped twice and joined with literal commas: `names=a,b%252Cc` means ["a", "b,c"]. Scalars
// (label_selector, order_by) are escaped once: the selector's own commas and `=` must reach CC intact.

export type QueryValue = string | number | boolean | readonly string[] | undefined | null
/**
 * Query parameters by their API names. Typed list-option interfaces are passed as plain objects, so this
 * is `object`; values must be QueryValue (checked at run time, since an object value has no query form).
 */
export type Query = object

/** CC's per_page ceiling; listing with it costs the fewest requests. */
export const MAX_PER_PAGE = 5000

/** The encoded query string (without `?`), keys in the order given, empty values left out. */
export function encodeQuery(query: Query): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (value === undefined || value === null) continue
    if (typeof value === 'object' && !Array.isArray(value)) {
      throw new TypeError(`Query parameter ${key} must be a string, number, boolean or list`)
    }
    const encoded = Array.isArray(value)
      ? value.map((item) => escapeComponent(escapeComponent(String(item)))).join(',')
      : escapeComponent(String(value))
    parts.push(`${escapeComponent(key)}=${encoded}`)
  }
  return parts.join('&')
}

/** Form-style escaping (space as `+`), as Go's url.QueryEscape and Ruby's CGI.escape do. */
function escapeComponent(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+')
}

/** `path` with its query appended. */
export function withQuery(path: string, query: Query | undefined): string {
  const encoded = query ? encodeQuery(query) : ''
  if (encoded === '') return path
  return `${path}${path.includes('?') ? '&' : '?'}${encoded}`
}

/** Split `items` into chunks of at most `size` (GUID filters are sent 200 at a time, like the cf CLI). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`)
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

/** A path whose `${}` parts are URL-escaped, so a GUID can never change the path it lands in. */
export function path(strings: TemplateStringsArray, ...values: readonly string[]): string {
  return strings.reduce((out, text, index) => out + text + (index < values.length ? encodeURIComponent(values[index] ?? '') : ''), '')
}
