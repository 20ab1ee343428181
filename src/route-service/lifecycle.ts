// Running until the platform says stop: Cloud Foundry sends SIGTERM, waits 10 s, then SIGKILL.

import type {Logger} from './contract.js'
import {logEvent} from './log.js'
import type {RouteService} from './server.js'

/** Resolves once the service has shut down after SIGTERM or SIGINT; a second signal exits at once. */
export function closeOnSignal(
  service: RouteService,
  logger: Logger,
  signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      for (const name of signals) process.removeListener(name, onSignal)
      for (const name of signals) process.once(name, () => process.exit(130))
      logEvent(logger, 'stopping', {signal})
      void service.close().then(() => {
        logEvent(logger, 'stopped')
        resolve()
      })
    }
    for (const name of signals) process.on(name, onSignal)
  })
}
