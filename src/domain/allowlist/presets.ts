// Named hop profiles: the platform's own hops, socket peer first, each as the addresses allowed there.
// A policy's "hops" may name one of these instead of listing the hops.

export interface HopPreset {
  readonly description: string
  /** Same text form as a policy's "hops" array. */
  readonly hops: readonly string[]
  /** False when the profile is read from source, not measured on the platform: run calibrate first. */
  readonly calibrated: boolean
}

const PRIVATE_OR_LOOPBACK = '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,127.0.0.0/8,::1/128,fc00::/7'
const LOOPBACK = '127.0.0.0/8,::1/128'

export const HOP_PRESETS: Readonly<Record<string, HopPreset>> = {
  direct: {
    description: 'Clients connect straight to the service: the socket peer is the client (local trials only).',
    hops: [],
    calibrated: true,
  },
  local: {
    description: 'One reverse proxy on the same machine appends the client to X-Forwarded-For (cgx sandbox, tests).',
    hops: [LOOPBACK],
    calibrated: true,
  },
  'cloud.gov': {
    // research/route-service.md §1.5: [s…], C, 127.0.0.1, N, 127.0.0.1 behind the ALB, secureproxy and
    // gorouter on both legs; N is the platform's NAT egress as the ALB sees the route-service leg.
    description: 'cloud.gov, inferred from its deployment source: peer, gorouter, NAT egress, gorouter, then the client. To be calibrated.',
    hops: [PRIVATE_OR_LOOPBACK, '127.0.0.1/32', '52.222.122.97/32,52.222.123.172/32', '127.0.0.1/32'],
    calibrated: false,
  },
}

export function hopPresetNames(): string[] {
  return Object.keys(HOP_PRESETS)
}
