// The sockets under the client: keep-alive agents with a connect timeout (the cf CLI's CF_DIAL_TIMEOUT,
// 6 s by default) and TLS verification unless the user turned it off, plus the mapping of socket-level
// failures to CfNetworkError kinds.
import http from 'node:http'
import https from 'node:https'
import type {Duplex} from 'node:stream'
import type {CfNetworkErrorKind} from './errors.js'

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

const TLS_CODE = /^(CERT_|ERR_TLS|ERR_SSL|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|HOSTNAME_MISMATCH|EPROTO)/

/** Which way a request failed without an HTTP answer, from Node's, axios's or undici's (fetch's) error code. */
export function classifyNetworkError(code: string | undefined, message: string): CfNetworkErrorKind {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused'
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
    case 'ESOCKETTIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'timeout'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return 'dns'
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
    case 'UND_ERR_SOCKET':
      return 'reset'
  }
  if (code && TLS_CODE.test(code)) return 'tls'
  if (/socket hang up|aborted/i.test(message)) return 'reset'
  if (/certificate|ssl|tls/i.test(message)) return 'tls'
  return 'other'
}
