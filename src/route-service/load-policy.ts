// The policy from CGX_ALLOWLIST or a file, validated before the service starts: a policy with any
// error never runs (fail closed), and the error lists every problem with where it is.

import {readFileSync} from 'node:fs'

import {parsePolicy, type Diagnostic, type Policy} from '../domain/allowlist/index.js'
import {POLICY_VAR, WHOLE_SPACE_VAR} from './contract.js'

export type PolicyLoadErrorCode = 'POLICY_MISSING' | 'POLICY_FILE_UNREADABLE' | 'POLICY_INVALID'

export class PolicyLoadError extends Error {
  readonly code: PolicyLoadErrorCode
  readonly diagnostics: readonly Diagnostic[]

  constructor(code: PolicyLoadErrorCode, message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message)
    this.name = 'PolicyLoadError'
    this.code = code
    this.diagnostics = diagnostics
  }
}

export interface LoadPolicyOptions {
  readonly env: Readonly<Record<string, string | undefined>>
  /** Read this file instead of CGX_ALLOWLIST. */
  readonly policyFile?: string
  /** Accept 0.0.0.0/0 and ::/0 in allow lists; also on when CGX_ALLOW_WHOLE_SPACE=true. */
  readonly allowWholeSpace?: boolean
  /** Receives each warning of a policy that is otherwise valid (empty allow lists, duplicates, …). */
  readonly onWarning?: (warning: Diagnostic) => void
}

export function loadPolicy(options: LoadPolicyOptions): Policy {
  const {policy, diagnostics} = parsePolicy(readPolicyText(options), {
    allowWholeSpace: options.allowWholeSpace ?? options.env[WHOLE_SPACE_VAR] === 'true',
  })
  const errors = diagnostics.filter((d) => d.severity === 'error')
  if (policy === undefined || errors.length > 0) {
    const source = options.policyFile ?? POLICY_VAR
    const lines = errors.map((d) => `  - ${d.path === '' ? '' : `${d.path}: `}${d.summary}`)
    throw new PolicyLoadError(
      'POLICY_INVALID',
      `the allowlist policy in ${source} is invalid; the service will not start:\n${lines.join('\n')}`,
      diagnostics,
    )
  }
  for (const warning of diagnostics) options.onWarning?.(warning)
  return policy
}

function readPolicyText(options: LoadPolicyOptions): string {
  if (options.policyFile !== undefined) {
    try {
      return readFileSync(options.policyFile, 'utf8')
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable'
      throw new PolicyLoadError('POLICY_FILE_UNREADABLE', `cannot read the policy file ${options.policyFile} (${reason})`)
    }
  }
  const text = options.env[POLICY_VAR]
  if (text === undefined || text.trim() === '') {
    throw new PolicyLoadError('POLICY_MISSING', `no allowlist policy: set ${POLICY_VAR} to the policy JSON, or pass --policy-file`)
  }
  return text
}
