// One JSON object per line on stdout, as Cloud Foundry's log pipeline expects. Callers pass only
// fields that are safe to keep: never bodies, cookies, Authorization, signatures or secrets.

import type {LogEntry, Logger} from './contract.js'

export function jsonLineLogger(stream: {write(line: string): unknown} = process.stdout): Logger {
  return (entry) => stream.write(`${JSON.stringify(entry)}\n`)
}

/** Adds the time; every line the service writes goes through here. */
export function logEvent(logger: Logger, event: string, fields: LogEntry = {}): void {
  logger({time: new Date().toISOString(), event, ...fields})
}

/** Request headers are client-controlled: bound what a log line repeats of them. */
export function clipForLog(text: string | undefined, max = 128): string | undefined {
  return text === undefined || text.length <= max ? text : `${text.slice(0, max)}…`
}
