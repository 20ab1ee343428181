// The Cloud Controller API version (`links.cloud_controller_v3.meta.version` of GET /) and how to compare it,
// for features an older CC does not have (it refuses their body fields with 422 "Unknown field(s)").

type Version = [number, number, number]

function parse(text: string): Version {
  const parts = /^(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (!parts) throw new Error(`'${text}' is not an API version (major.minor.patch)`)
  return [Number(parts[1]), Number(parts[2]), Number(parts[3])]
}

/** Whether `version` is `minimum` or later, part by part as numbers (3.99.0 is before 3.183.0). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const have = parse(version)
  const want = parse(minimum)
  const at = have.findIndex((part, i) => part !== want[i])
  return at < 0 || have[at] > want[at]
}
