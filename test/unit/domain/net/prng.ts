// A small seeded generator (mulberry32) so property-style tests are reproducible.

export interface Prng {
  /** An integer in [0, n). */
  int(n: number): number
  /** A bigint of the given number of random bits. */
  bits(count: number): bigint
  pick<T>(items: readonly T[]): T
}

export function prng(seed: number): Prng {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  return {
    int,
    bits(count) {
      let value = 0n
      for (let i = 0; i < count; i += 16) value = (value << 16n) | BigInt(int(0x10000))
      return value & ((1n << BigInt(count)) - 1n)
    },
    pick: (items) => items[int(items.length)],
  }
}
