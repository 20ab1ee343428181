// Presenting an older Cloud Controller. Each row says since which API version an endpoint's body accepts a
// field; a sim presenting an older version refuses the field as any unknown one (behaviour 4: 422
// "Unknown field(s): 'x'"). Nothing else in the request handling depends on the version.

/** config/version of the cloud_controller_ng commit the reference data was read from (test/fixtures/capi/README.md). */
export const LATEST_API_VERSION = '3.228.0'

interface FieldSince {
  method: string
  path: string
  field: string
  since: string
}

const FIELDS_SINCE: readonly FieldSince[] = [
  {method: 'POST', path: '/v3/routes', field: 'options', since: '3.183.0'},
  {method: 'PATCH', path: '/v3/routes/:guid', field: 'options', since: '3.183.0'},
]

type Version = [number, number, number]

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/

export const isApiVersion = (text: string): boolean => VERSION.test(text)

/** `x.y.z` as numbers; anything else throws. */
export function parseApiVersion(text: string): Version {
  const parts = VERSION.exec(text)
  if (!parts) throw new Error(`apiVersion '${text}' is not a version like 3.180.0 (major.minor.patch)`)
  return [Number(parts[1]), Number(parts[2]), Number(parts[3])]
}

function before(version: Version, other: Version): boolean {
  const at = version.findIndex((part, i) => part !== other[i])
  return at >= 0 && version[at] < other[at]
}

/** The body fields of `method path` (a dispatcher pattern) that `version` does not know yet. */
export function fieldsUnknownAt(version: string, method: string, path: string): string[] {
  const parsed = parseApiVersion(version)
  return FIELDS_SINCE.filter((row) => row.method === method && row.path === path && before(parsed, parseApiVersion(row.since))).map(
    (row) => row.field,
  )
}
