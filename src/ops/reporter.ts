/** How an operation talks to the user while it works: progress and warnings go to stderr (or into the JSON envelope). */
export interface Reporter {
  progress(message: string): void
  warn(message: string): void
}

/** A reporter that keeps nothing and says nothing, for tests of pure orchestration and for callers that do not care. */
export const silentReporter: Reporter = {
  progress() {},
  warn() {},
}
