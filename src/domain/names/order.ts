/** Names in code-point order, as the reports sort them: the same on every machine, unlike localeCompare. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
