// The sockets under the client: keep-alive agents with a connect timeout (the cf CLI's CF_DIAL_TIMEOUT,
// 6 s by default) and TLS verification unless the user turned it off, plus the mapping of socket-level
// failures to CfNetworkError kinds.
import http from 'node:http'
import https from 'node:https'
import type {Duplex} from 'node:stream'

export const DEFAULT_CONNECT_TIMEOUT_MS = 6000

export interface Agents {
  httpAgent: http.Agent
  httpsAgent: https.Agent
  destroy(): void
}

export function createAgents(options: {skipSslValidation: boolean; connectTimeoutMs: number}): Agents {
  const httpAgent = withConnectTimeout(new http.Agent({keepAlive: true}), options.connectTimeoutMs)
  const httpsAgent = withConnectTimeout(
    new https.Agent({keepAlive: true, rejectUnauthorized: !options.skipSslValidation}),
    options.connectTimeoutMs,
  )
  return {
    httpAgent,
    httpsAgent,
    destroy() {
      httpAgent.destroy()
      httpsAgent.destroy()
    },
  }
}

/** Node has no connect timeout of its own: destroy a socket that has not connected in time. */
function withConnectTimeout<A extends http.Agent>(agent: A, timeoutMs: number): A {
  const create = agent.createConnection.bind(agent) as (...args: unknown[]) => Duplex | null | undefined
  agent.createConnection = ((...args: unknown[]) => {
    const socket = create(...args)
    if (socket && 'connecting' in socket) {
      const timer = setTimeout(() => {
        if (socket.connecting) socket.destroy(Object.assign(new Error(`connect timed out after ${timeoutMs} ms`), {code: 'ETIMEDOUT'}))
      }, timeoutMs)
      timer.unref()
      const clear = () => clearTimeout(timer)
      socket.once('connect', clear)
      socket.once('close', clear)
    }
    return socket
  }) as typeof agent.createConnection
  return agent
}
