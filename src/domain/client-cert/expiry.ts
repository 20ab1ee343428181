// Days left and when to rotate, in whole days as people plan them ("expires in 9 days").

export const DAY_MS = 86_400_000

/** Whole days from `now` until `notAfter`, rounded down; negative once expired. */
export const daysLeft = (notAfter: Date, now: Date): number => Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS)

/** "30d" or "30" as a number of days; undefined for anything else (a unit other than days, a fraction, a sign). */
export function parseDays(text: string): number | undefined {
  const match = /^(\d{1,5})d?$/.exec(text.trim())
  return match ? Number(match[1]) : undefined
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`

export function describeExpiry(notAfter: Date, now: Date): string {
  if (notAfter.getTime() > now.getTime()) return `expires in ${days(daysLeft(notAfter, now))}`
  const ago = daysLeft(now, notAfter)
  return ago === 0 ? 'expired today' : `expired ${days(ago)} ago`
}

/** Whether a certificate is inside its rotation window, and why (for a plan's reason). */
export function rotationDue(notAfter: Date, now: Date, rotateBeforeDays: number): {due: boolean; reason: string} {
  const due = daysLeft(notAfter, now) < rotateBeforeDays
  return {due, reason: `${describeExpiry(notAfter, now)}, rotate_before ${rotateBeforeDays}d`}
}
