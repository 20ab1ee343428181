// CF_TRACE: REQUEST/RESPONSE blocks in the cf CLI's format (api/cloudcontroller/wrapper/request_logger.go),
// with every credential replaced by [PRIVATE DATA HIDDEN]. Unlike the cf CLI, `CF_TRACE=true` writes to
// stderr so stdout stays data.
import {appendFileSync} from 'node:fs'
import {resolve} from 'node:path'

import {CfTraceFileError} from './errors.js'
import {describeFileError} from './file-errors.js'

export const PRIVATE_DATA = '[PRIVATE DATA HIDDEN]'

/** Keys whose values are secrets wherever they appear (JSON bodies, form bodies, env var maps). */
const SECRET_KEY = /token|password|passwd|secret|credential|passcode|authorization|private[_-]?key/i
const SECRET_HEADERS = new Set(['authorization', 'set-cookie', 'cookie', 'proxy-authorization'])
const BEARER = /bearer\s+[\w.~+/=-]+/gi
const JWT = /\beyJ[\w-]*\.[\w-]+\.[\w-]*/g

export type TraceBody =
  | {kind: 'none'}
  | {kind: 'json'; value: unknown}
  | {kind: 'form'; value: string}
  | {kind: 'text'; value: string; contentType: string}
  | {kind: 'hidden'; contentType: string}

export interface TraceRequest {
  timeMs: number
  method: string
  url: string
  headers: Record<string, string>
  body: TraceBody
}

export interface TraceResponse {
  timeMs: number
  status: number
  statusText: string
  headers: Record<string, string | undefined>
  body: TraceBody
}

export type TraceWriter = (block: string) => void

export function formatTraceRequest(request: TraceRequest): string {
  const url = new URL(request.url)
  const headers = {host: url.host, ...request.headers}
  return [
    `REQUEST: [${rfc3339(request.timeMs)}]`,
    `${request.method.toUpperCase()} ${url.pathname}${url.search} HTTP/1.1`,
    ...formatHeaders(headers),
    '',
    formatBody(request.body),
    '',
  ].join('\n')
}

export function formatTraceResponse(response: TraceResponse): string {
  return [
    `RESPONSE: [${rfc3339(response.timeMs)}]`,
    `HTTP/1.1 ${response.status} ${response.statusText}`.trimEnd(),
    ...formatHeaders(response.headers),
    '',
    formatBody(response.body),
    '',
  ].join('\n')
}

function formatHeaders(headers: Record<string, string | undefined>): string[] {
  return Object.entries(headers)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => [canonicalHeaderName(name), SECRET_HEADERS.has(name.toLowerCase()) ? PRIVATE_DATA : redactText(value)])
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}: ${value}`)
}

function canonicalHeaderName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase())
}

function formatBody(body: TraceBody): string {
  switch (body.kind) {
    case 'none':
      return ''
    case 'json':
      return JSON.stringify(redactJson(body.value), null, 2)
    case 'form':
      return redactForm(body.value)
    case 'text':
      return redactText(body.value)
    case 'hidden':
      return `[${body.contentType} Content Hidden]`
  }
}

/** A copy of `value` with every secret-named key's value replaced, at any depth. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) ? PRIVATE_DATA : redactJson(inner)]))
  }
  return typeof value === 'string' ? redactText(value) : value
}

/** `grant_type=password&password=x` → `grant_type=password&password=[PRIVATE DATA HIDDEN]`. */
export function redactForm(form: string): string {
  return [...new URLSearchParams(form).entries()]
    .map(([key, value]) => `${key}=${SECRET_KEY.test(key) ? PRIVATE_DATA : redactText(value)}`)
    .join('&')
}

/** Hide bearer tokens and JWTs inside free text. */
export function redactText(text: string): string {
  return text.replace(BEARER, `bearer ${PRIVATE_DATA}`).replace(JWT, PRIVATE_DATA)
}

function rfc3339(timeMs: number): string {
  return new Date(timeMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export interface TraceTargets {
  /** Where `CF_TRACE=true` goes; stderr in production. */
  stderr: (text: string) => void
  /** Relative trace file paths are resolved against this directory. */
  cwd: string
}

/**
 * The writer for a CF_TRACE setting: "true" → stderr, ""/"false" → none, anything else → a file path,
 * appended to and created with mode 0600 because it records URLs and bodies. The file is opened here, before any
 * request, so a path that cannot be written fails the command before it changes anything.
 */
export function createTraceWriter(setting: string | undefined, targets: TraceTargets): TraceWriter | undefined {
  const value = setting?.trim() ?? ''
  if (value === '' || /^(false|0|no)$/i.test(value)) return undefined
  if (/^(true|1|yes)$/i.test(value)) return (block) => targets.stderr(`${block}\n`)
  const file = resolve(targets.cwd, value)
  const append = (text: string) => {
    try {
      appendFileSync(file, text, {mode: 0o600})
    } catch (error) {
      throw new CfTraceFileError(file, describeFileError(error, 'write'))
    }
  }
  append('')
  return (block) => append(`${block}\n`)
}
