// Injected failures: explicit rules for the next N matching requests, or a seeded random share of all requests.

export interface FaultRule {
  method?: string
  /** RegExp source matched against the request path. */
  path?: string
  status?: number
  /** With 429: the Retry-After value. */
  retryAfterSec?: number
  /** Destroy the socket instead of answering. */
  reset?: boolean
  delayMs?: number
  /** How many matching requests this rule applies to; default 1. */
  times?: number
  /** Let this many matching requests through first (to fail, say, the second PATCH of an app); default 0. */
  skip?: number
  /** Simulator extension: answer normally but add this text as an `X-Cf-Warnings` warning. */
  warning?: string
}

export type RandomFaultKind = '5xx' | '429' | 'reset'

export interface RandomFaults {
  rate: number
  kinds: RandomFaultKind[]
  seed: number
}

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface ActiveRule {
  rule: FaultRule
  left: number
  skip: number
  pattern: RegExp | null
}

export class Faults {
  private rules: ActiveRule[] = []
  private random: {rate: number; kinds: RandomFaultKind[]; next: () => number} | null = null

  inject(rule: FaultRule): void {
    this.rules.push({rule, left: rule.times ?? 1, skip: rule.skip ?? 0, pattern: rule.path ? new RegExp(rule.path) : null})
  }

  setRandom(options: RandomFaults): void {
    this.random = {rate: options.rate, kinds: [...options.kinds], next: prng(options.seed)}
  }

  clear(): void {
    this.rules = []
    this.random = null
  }

  /** The fault to apply to this request, if any; consumes one use of a matching rule. */
  take(method: string, path: string): FaultRule | undefined {
    const active = this.rules.find(
      (r) => (!r.rule.method || r.rule.method.toUpperCase() === method) && (!r.pattern || r.pattern.test(path)),
    )
    if (active && active.skip > 0) {
      active.skip -= 1
      return this.randomFault()
    }
    if (active) {
      active.left -= 1
      if (active.left <= 0) this.rules = this.rules.filter((r) => r !== active)
      return active.rule
    }
    return this.randomFault()
  }

  private randomFault(): FaultRule | undefined {
    if (!this.random || this.random.kinds.length === 0) return undefined
    const {rate, kinds, next} = this.random
    if (next() >= rate) return undefined
    const kind = kinds[Math.floor(next() * kinds.length)]
    if (kind === 'reset') return {reset: true}
    if (kind === '429') return {status: 429, retryAfterSec: 1}
    return {status: [502, 503, 504][Math.floor(next() * 3)]}
  }
}
