// Pass 1: read what the decision needs from the raw request headers, in one walk over them.
// Node's joined `req.headers` would hide duplicates (two X-CF-Forwarded-Url lines must deny).

import type {RequestFacts} from '../../domain/allowlist/index.js'
import {addConnectionTokens} from './rewrite-headers.js'

export interface InspectedRequest {
  readonly facts: RequestFacts
  /** X-Vcap-Request-Id, for log lines only. */
  readonly requestId: string | undefined
  /** Lower-case header names listed in Connection, when it lists any beyond keep-alive/close/upgrade. */
  readonly connectionTokens: ReadonlySet<string> | undefined
  /** Whether a body follows the headers (Content-Length above 0, or any Transfer-Encoding). */
  readonly hasBody: boolean
}

/** The parts of an IncomingMessage the pass reads; plain objects in unit tests. */
export interface RawRequest {
  readonly rawHeaders: readonly string[]
  readonly socket: {readonly remoteAddress?: string}
}

export function inspectRequest(req: RawRequest): InspectedRequest {
  const raw = req.rawHeaders
  const forwardedFor: string[] = []
  const forwardedUrls: string[] = []
  let hasSignature = false
  let hasMetadata = false
  let requestId: string | undefined
  let connectionTokens: Set<string> | undefined
  let hasBody = false
  for (let i = 0; i < raw.length; i += 2) {
    const value = raw[i + 1]
    switch (raw[i].toLowerCase()) {
      case 'x-forwarded-for':
        forwardedFor.push(value)
        break
      case 'x-cf-forwarded-url':
        forwardedUrls.push(value)
        break
      case 'x-cf-proxy-signature':
        hasSignature ||= value !== ''
        break
      case 'x-cf-proxy-metadata':
        hasMetadata ||= value !== ''
        break
      case 'x-vcap-request-id':
        requestId = value
        break
      case 'connection':
        connectionTokens = addConnectionTokens(connectionTokens, value)
        break
      case 'content-length':
        hasBody ||= value !== '0'
        break
      case 'transfer-encoding':
        hasBody = true
        break
    }
  }
  const facts: RequestFacts = {
    peer: req.socket.remoteAddress,
    forwardedFor,
    forwardedUrls,
    hasSignature,
    hasMetadata,
    header: (name) => joinedHeader(raw, name),
  }
  return {facts, requestId, connectionTokens, hasBody}
}

/** All lines of a header joined with ", " (HTTP list semantics), or undefined when absent. */
export function joinedHeader(raw: readonly string[], lowerName: string): string | undefined {
  let joined: string | undefined
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].toLowerCase() === lowerName) joined = joined === undefined ? raw[i + 1] : `${joined}, ${raw[i + 1]}`
  }
  return joined
}
