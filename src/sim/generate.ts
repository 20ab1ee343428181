// Large generated seeds for benchmarks and scale tests: names are predictable, so tests can address them.
import type {SeedDocument, SeedOrg} from './seed.js'

export interface GenerateOptions { orgs: number; spacesPerOrg: number; segments: number; securityGroups: number;
  appsPerSpace?: number }

const pad = (n: number): string => String(n).padStart(4, '0')

/** org-0000..., space-0000 in each org, seg-00 entitled round-robin, asg-000 bound to every tenth space. */
export function generateSeed(options: GenerateOptions): SeedDocument {
  const segments = Array.from({length: options.segments}, (_, i) => ({
    name: `seg-${pad(i)}`,
    annotations: {'cgx.cloud.gov/private-networks': `10.${i % 256}.0.0/16`},
    orgs: [] as string[],
  }))
  const orgs: SeedOrg[] = Array.from({length: options.orgs}, (_, o) => {
    const name = `org-${pad(o)}`
    const segment = segments.length > 0 ? segments[o % segments.length] : undefined
    segment?.orgs.push(name)
    return {
      name,
      default_isolation_segment: o % 2 === 0 ? segment?.name : undefined,
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
    running_spaces: orgs.filter((_, o) => o % 10 === g % 10).slice(0, 20).map((o) => `${o.name}/space-0000`),
  }))
  return {domains: [{name: 'app.example.gov'}], isolation_segments: segments, security_groups: securityGroups, orgs}
}
