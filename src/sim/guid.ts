// Deterministic GUIDs: a hash of the given parts, shaped like a v4 UUID, so seeds and tests are stable.
import {createHash} from 'node:crypto'

export function guidFrom(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex')
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** The built-in shared isolation segment every foundation has. */
export const SHARED_SEGMENT_GUID = '933b4c58-120b-499a-b85d-4b6fc9e2903b'
