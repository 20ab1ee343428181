// Large generated seeds for benchmarks and scale tests: names are predictable, so tests can address them.
import type {SeedDocument, SeedOrg} from './seed.js'

export interface GenerateOptions {
  orgs: number
  spacesPerOrg: number
  segments: number
  securityGroups: number
  appsPerSpace?: number
  /**
   * How many orgs are entitled to a segment, spread evenly over the orgs and round-robin over the segments; default:
   * every org. On real foundations few orgs are, and the segment reports read one org default per entitled org.
   */
  entitledOrgs?: number
}

const pad = (n: number): string => String(n).padStart(4, '0')

/**
 * org-0000..., space-0000 in each org, seg-00 entitled round-robin (every other entitled org has it as default, every
 * third space of an entitled org is assigned to it), asg-000 bound to every tenth space.
 */
export function generateSeed(options: GenerateOptions): SeedDocument {
  const segments = Array.from({length: options.segments}, (_, i) => ({
    name: `seg-${pad(i)}`,
    annotations: {'cgx.cloud.gov/private-networks': `10.${i % 256}.0.0/16`},
    orgs: [] as string[],
  }))
  const entitlement = entitlementOf(options.orgs, options.entitledOrgs ?? options.orgs)
  const orgs: SeedOrg[] = Array.from({length: options.orgs}, (_, o) => {
    const name = `org-${pad(o)}`
    const rank = entitlement(o)
    const segment = segments.length > 0 && rank !== undefined ? segments[rank % segments.length] : undefined
    segment?.orgs.push(name)
    return {
      name,
      default_isolation_segment: rank !== undefined && rank % 2 === 0 ? segment?.name : undefined,
      spaces: Array.from({length: options.spacesPerOrg}, (_, s) => ({
        name: `space-${pad(s)}`,
        isolation_segment: s % 3 === 0 ? segment?.name : undefined,
        apps: Array.from({length: options.appsPerSpace ?? 0}, (_, a) => ({name: `app-${pad(a)}`, instances: 1})),
      })),
    }
  })
  const securityGroups = Array.from({length: options.securityGroups}, (_, g) => ({
    name: `asg-${pad(g)}`,
    globally_enabled: {running: g === 0, staging: g === 0},
    rules: [{protocol: 'tcp', destination: `10.${g % 256}.0.0/16`, ports: '443'}],
    running_spaces: orgs
      .filter((_, o) => o % 10 === g % 10)
      .slice(0, 20)
      .map((o) => `${o.name}/space-0000`),
  }))
  return {domains: [{name: 'app.example.gov'}], isolation_segments: segments, security_groups: securityGroups, orgs}
}

/** For `entitled` of `orgs` orgs spread evenly: org index -> its rank among the entitled orgs, or undefined. */
function entitlementOf(orgs: number, entitled: number): (org: number) => number | undefined {
  const count = Math.max(0, Math.min(orgs, Math.floor(entitled)))
  return (org) => {
    const rank = Math.ceil((org * count) / orgs)
    return Math.ceil(((org + 1) * count) / orgs) > rank ? rank : undefined
  }
}
