// UAA's one-time passcodes (what https://login.fr.cloud.gov/passcode shows after a browser sign-in): each is good for
// one password grant (`passcode=`) within its lifetime, like UAA's ExpiringCodeStore (retrieving a code deletes it).
import {randomBytes} from 'node:crypto'

/** UAA's default lifetime of a passcode: five minutes. */
export const PASSCODE_LIFETIME_SEC = 300

export class Passcodes {
  private readonly codes = new Map<string, {username: string; expiresAt: number}>()

  constructor(
    private readonly lifetimeSec = PASSCODE_LIFETIME_SEC,
    private readonly now: () => number = Date.now,
  ) {}

  issue(username: string): string {
    // Codes nobody used are forgotten once expired, so a long-running sandbox does not collect them.
    for (const [old, {expiresAt}] of this.codes) if (expiresAt <= this.now()) this.codes.delete(old)
    const code = randomBytes(5).toString('hex').toUpperCase()
    this.codes.set(code, {username, expiresAt: this.now() + this.lifetimeSec * 1000})
    return code
  }

  /** The user a code was issued to, once: the code is gone afterwards. Undefined when unknown, used or expired. */
  redeem(code: string): string | undefined {
    const found = this.codes.get(code)
    this.codes.delete(code)
    return found && this.now() < found.expiresAt ? found.username : undefined
  }
}
