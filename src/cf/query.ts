// Query strings the way the Cloud Controller parses them. A filter list is split on literal commas and
// each item is unescaped on its own (base_message.rb `to_array!`), so items are escaped once before the
// join and the whole value once more by the URL encoder, as the cf CLI does (ccv3/query.go). Scalars
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
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) {
      params.append(key, value.map((item) => escapeFilterItem(String(item))).join(','))
    } else if (typeof value === 'object') {
      throw new TypeError(`Query parameter ${key} must be a string, number, boolean or list`)
    } else {
      params.append(key, String(value))
    }
  }
  return params.toString()
}

function escapeFilterItem(item: string): string {
  return encodeURIComponent(item).replace(/%20/g, '+')
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
