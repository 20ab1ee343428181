// What the platform said along the way (X-Cf-Warnings, job warnings). The cf CLI shows these even when
// the command fails, so they are collected per client and drained by whoever prints.

export interface WarningCollector {
  add(warnings: readonly string[]): void
  /** Everything collected since the last drain, without repeats, in arrival order; clears the list. */
  drain(): string[]
}

export function createWarningCollector(): WarningCollector {
  let pending: string[] = []
  return {
    add(warnings) {
      for (const warning of warnings) if (!pending.includes(warning)) pending.push(warning)
    },
    drain() {
      const drained = pending
      pending = []
      return drained
    },
  }
}
